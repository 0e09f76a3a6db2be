// Cloudflare Worker in front of an R2 bucket (binding SITE, see wrangler.toml
// beside this file). It serves the site as a web server would:
//   /produk/sintang/           -> produk/sintang/index.html
//   /produk/sintang (no dot)   -> 301 to /produk/sintang/
//   a missing file             -> 404.html with status 404
// Content-Type and Cache-Control are the ones `make deploy` stored with each
// object; ETags let browsers revalidate (304). Only GET and HEAD are served.
// Every response says X-Content-Type-Options: nosniff (browsers then trust
// the stored Content-Type and never guess one): an object store keeps only a
// fixed set of headers per object, and this one is not among them.
// tests/test_deploy_hosts.py runs this file in Node.js against a fake bucket.

const PREFIX = '';   // the deploy's prefix (ASPPUK_S3_PREFIX), with a trailing slash if not empty

export default {
    async fetch(request, env) {
        const response = await serve(request, env);
        response.headers.set('x-content-type-options', 'nosniff');
        return response;
    },
};

async function serve(request, env) {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
        return new Response('Method Not Allowed', { status: 405, headers: { allow: 'GET, HEAD' } });
    }
    const url = new URL(request.url);
    let path;
    try {
        path = decodeURIComponent(url.pathname);
    } catch {
        return new Response('Bad Request', { status: 400 });
    }
    if (path.endsWith('/')) {
        path += 'index.html';
    } else if (!path.slice(path.lastIndexOf('/') + 1).includes('.')) {
        url.pathname += '/';
        // not Response.redirect(): its headers cannot be changed
        return new Response(null, { status: 301, headers: { location: url.toString() } });
    }
    const key = PREFIX + path.slice(1);
    const object = await env.SITE.get(key, { onlyIf: request.headers });
    if (object === null) {
        const missing = await env.SITE.get(PREFIX + '404.html');
        const headers = new Headers();
        if (missing) missing.writeHttpMetadata(headers);
        headers.set('cache-control', 'public, max-age=60');
        return new Response(missing && request.method === 'GET' ? missing.body : null, { status: 404, headers });
    }
    const headers = new Headers();
    object.writeHttpMetadata(headers);
    headers.set('etag', object.httpEtag);
    if (!('body' in object) || object.body === undefined) {   // onlyIf not met: not modified
        return new Response(null, { status: 304, headers });
    }
    return new Response(request.method === 'HEAD' ? null : object.body, { status: 200, headers });
}
