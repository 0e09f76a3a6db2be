// CloudFront Function (runtime cloudfront-js-2.0), event type: viewer request
// (and viewer response, see below).
// Amazon S3 behind CloudFront (REST origin with Origin Access Control) has no
// index document, so directory URLs are mapped here:
//   /produk/sintang/           -> /produk/sintang/index.html
//   /produk/sintang (no dot)   -> 301 to /produk/sintang/ (query string kept)
// X-Content-Type-Options: nosniff cannot be stored with an S3 object: the 301
// made here carries it; for every other response the distribution's response
// headers policy adds it (README, Deployment). Without such a policy, also
// associate this function with viewer response: it then adds the header to
// what S3 or the cache answers (CloudFront runs no viewer-response function
// for an answer of status 400 or more, so the 404 page goes without).
// The 404 page is a CloudFront "custom error response" (README, Deployment).
// tests/test_deploy_hosts.py runs this file in Node.js.
function handler(event) {
    if (event.context.eventType === 'viewer-response') {
        var response = event.response;
        response.headers['x-content-type-options'] = { value: 'nosniff' };
        return response;
    }
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
                'cache-control': { value: 'public, max-age=3600' },
                'x-content-type-options': { value: 'nosniff' }
            }
        };
    }
    return request;
}
