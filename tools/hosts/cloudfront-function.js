// CloudFront Function (runtime cloudfront-js-2.0), event type: viewer request.
// Amazon S3 behind CloudFront (REST origin with Origin Access Control) has no
// index document, so directory URLs are mapped here:
//   /produk/sintang/           -> /produk/sintang/index.html
//   /produk/sintang (no dot)   -> 301 to /produk/sintang/ (query string kept)
// The 404 page is a CloudFront "custom error response" (README, Deployment).
// tests/test_deploy_hosts.py runs this file in Node.js.
function handler(event) {
    var request = event.request;
    var uri = request.uri;
    if (uri.endsWith('/')) {
        request.uri = uri + 'index.html';
        return request;
    }
    var last = uri.substring(uri.lastIndexOf('/') + 1);
    if (last.indexOf('.') === -1) {
        var query = [];
        var qs = request.querystring || {};
        Object.keys(qs).forEach(function (name) {
            var entry = qs[name];
            var values = entry.multiValue ? entry.multiValue : [entry];
            values.forEach(function (v) {
                query.push(v.value === '' ? name : name + '=' + v.value);
            });
        });
        return {
            statusCode: 301,
            statusDescription: 'Moved Permanently',
            headers: {
                location: { value: uri + '/' + (query.length ? '?' + query.join('&') : '') },
                'cache-control': { value: 'public, max-age=3600' }
            }
        };
    }
    return request;
}
