// Cloudflare Worker: the GitHub sign-in relay for the editor at /admin/
// (Decap CMS, `github` backend). Decap opens <relay>/auth in a pop-up when
// someone presses "Masuk dengan GitHub"; without a relay of our own it would
// open Netlify's, which answers only for sites registered with Netlify.
//
//   GET /auth?provider=github&site_id=<host>&scope=repo
//       -> 302 to GitHub's authorize page, with a random `state` that is also
//          kept in a short-lived __Host- cookie (Secure, HttpOnly, SameSite=Lax)
//   GET /callback?code=…&state=…   (GitHub sends the browser back here)
//       -> the state must equal the cookie's; the code is exchanged for a token
//          (POST to GitHub with the app's client secret), and a small page
//          hands the token to the /admin/ page that opened the pop-up, by
//          Decap's handshake (decap-cms-lib-auth, netlify-auth.js):
//            pop-up -> opener   "authorizing:github"
//            opener -> pop-up   "authorizing:github"   (its origin is now known)
//            pop-up -> opener   "authorization:github:success:{"token":…,"provider":"github"}"
//                            or "authorization:github:error:{"message":…}"
//          The first message goes to each origin of ALLOWED_ORIGINS (never
//          '*'), the answer only to the origin that replied, when it is
//          allowed: a page elsewhere that opens the pop-up never gets a token.
//
// Settings (wrangler-auth.toml beside this file):
//   GITHUB_CLIENT_ID, GITHUB_CLIENT_SECRET  secrets, from the GitHub OAuth App
//   ALLOWED_ORIGINS   comma-separated origins of the sites whose /admin/ may
//                     receive a token, e.g. https://www.asppuk.or.id,https://asppuk.github.io
//   GITHUB_SCOPE      optional: `public_repo` when the repository is public
//                     (tokens then cannot touch private ones); default `repo`.
//                     Decap pushes branches and opens pull requests: either works.
// Only GET. Nothing is stored: the token goes from GitHub to the editor's page.
// tests/test_auth_relay.py runs this file in Node.js, and in Chromium against
// the real Decap.

const AUTHORIZE_URL = 'https://github.com/login/oauth/authorize';
const TOKEN_URL = 'https://github.com/login/oauth/access_token';
const PROVIDER = 'github';
const STATE_COOKIE = '__Host-decap-auth-state';
const STATE_MAX_AGE = 600;        // seconds to sign in on GitHub (and to authorise the app the first time)
const HANDSHAKE_TIMEOUT = 15000;  // ms the pop-up waits for the editor's page to answer

// The pop-up's texts (staff read them; never any text from the request)
const TEXT = {
    working: 'Menyelesaikan proses masuk…',
    success: 'Berhasil masuk. Jendela ini akan tertutup sendiri.',
    state: 'Sesi masuk tidak cocok atau sudah kedaluwarsa. Tutup jendela ini, lalu tekan lagi "Masuk dengan GitHub".',
    denied: 'GitHub tidak memberi izin masuk. Tutup jendela ini dan coba lagi.',
    exchange: 'GitHub tidak dapat dihubungi untuk menyelesaikan proses masuk. Tutup jendela ini dan coba lagi sebentar lagi.',
    origin: 'Alamat situs ini tidak terdaftar pada layanan masuk. Hubungi pengelola situs.',
    site: 'Situs ini tidak terdaftar pada layanan masuk. Hubungi pengelola situs.',
    provider: 'Layanan masuk ini hanya untuk GitHub.',
    setup: 'Layanan masuk belum disiapkan. Hubungi pengelola situs.',
    opener: 'Jendela ini harus dibuka dari halaman penyunting (/admin/) situs ASPPUK. Tutup jendela ini dan coba lagi dari sana.',
};

const COMMON_HEADERS = {
    'cache-control': 'no-store',
    'referrer-policy': 'no-referrer',
    'x-content-type-options': 'nosniff',
};

export default {
    async fetch(request, env) {
        if (request.method !== 'GET') {
            return respond('Method Not Allowed\n', 405, { allow: 'GET', 'content-type': 'text/plain; charset=utf-8' });
        }
        const url = new URL(request.url);
        if (url.pathname === '/auth') return auth(url, env);
        if (url.pathname === '/callback') return callback(request, url, env);
        return respond('Not Found\n', 404, { 'content-type': 'text/plain; charset=utf-8' });
    },
};

function allowedOrigins(env) {
    const origins = [];
    for (const entry of String(env.ALLOWED_ORIGINS || '').split(',')) {
        try {
            const origin = new URL(entry.trim()).origin;
            // an origin only: no path, nothing that is not http(s)
            if (/^https?:\/\//.test(origin) && origin === entry.trim().replace(/\/$/, '').toLowerCase()) origins.push(origin);
        } catch {
            // not a URL: left out
        }
    }
    return origins;
}

function auth(url, env) {
    const origins = allowedOrigins(env);
    const fail = (text, httpStatus, targets = origins, allowed = origins) =>
        handshakePage({ targets, allowed, status: 'error', content: { message: text }, text, httpStatus });
    if (!env.GITHUB_CLIENT_ID || !env.GITHUB_CLIENT_SECRET || origins.length === 0) return fail(TEXT.setup, 500);
    if (url.searchParams.get('provider') !== PROVIDER) return fail(TEXT.provider, 400);
    // Decap names the site by its host (site_id): a site not on the list is
    // told at once, before anyone signs in on GitHub for nothing. The error
    // (no token in it) goes to that site's page, whose origin is not allowed
    const site = url.searchParams.get('site_id') || '';
    if (!origins.some(origin => new URL(origin).hostname === site)) {
        const targets = /^[a-z0-9](?:[a-z0-9.-]{0,251}[a-z0-9])?$/i.test(site) ? ['https://' + site] : [];
        return fail(TEXT.site, 403, targets, []);
    }
    // Never wider than configured; narrower when Decap asks for it (open authoring)
    const scope = env.GITHUB_SCOPE === 'public_repo' || url.searchParams.get('scope') === 'public_repo'
        ? 'public_repo' : 'repo';
    const state = randomToken();
    const target = new URL(AUTHORIZE_URL);
    target.searchParams.set('client_id', env.GITHUB_CLIENT_ID);
    target.searchParams.set('redirect_uri', url.origin + '/callback');
    target.searchParams.set('scope', scope);
    target.searchParams.set('state', state);
    return respond(null, 302, {
        location: target.toString(),
        'set-cookie': `${STATE_COOKIE}=${state}; Path=/; Max-Age=${STATE_MAX_AGE}; Secure; HttpOnly; SameSite=Lax`,
    });
}

async function callback(request, url, env) {
    const origins = allowedOrigins(env);
    // the state is used once: the cookie goes with every answer
    const headers = { 'set-cookie': `${STATE_COOKIE}=; Path=/; Max-Age=0; Secure; HttpOnly; SameSite=Lax` };
    const fail = (text, httpStatus, code) => handshakePage({
        targets: origins, allowed: origins, status: 'error',
        content: code ? { message: text, code } : { message: text }, text, httpStatus, headers });
    if (!env.GITHUB_CLIENT_ID || !env.GITHUB_CLIENT_SECRET || origins.length === 0) return fail(TEXT.setup, 500);
    const expected = readCookie(request.headers.get('cookie'), STATE_COOKIE);
    const state = url.searchParams.get('state') || '';
    if (!expected || !sameString(state, expected)) return fail(TEXT.state, 403);
    const githubError = url.searchParams.get('error');
    if (githubError) {   // e.g. access_denied when the person presses Cancel; GitHub's description is not shown
        return fail(TEXT.denied, 403, /^[a-z_]{1,40}$/.test(githubError) ? githubError : 'error');
    }
    const code = url.searchParams.get('code');
    if (!code) return fail(TEXT.state, 400);
    let answer;
    try {
        const response = await fetch(TOKEN_URL, {
            method: 'POST',
            headers: {
                accept: 'application/json',
                'content-type': 'application/x-www-form-urlencoded',
                'user-agent': 'asppuk-auth',
            },
            body: new URLSearchParams({
                client_id: env.GITHUB_CLIENT_ID,
                client_secret: env.GITHUB_CLIENT_SECRET,
                code,
                redirect_uri: url.origin + '/callback',
            }).toString(),
        });
        answer = await response.json();
    } catch {
        return fail(TEXT.exchange, 502);
    }
    if (!answer || typeof answer.access_token !== 'string' || !answer.access_token) {
        // e.g. bad_verification_code (a code used twice or too old)
        const name = answer && typeof answer.error === 'string' && /^[a-z_]{1,40}$/.test(answer.error) ? answer.error : 'error';
        return fail(TEXT.denied, 502, name);
    }
    return handshakePage({ targets: origins, allowed: origins, status: 'success',
                           content: { token: answer.access_token, provider: PROVIDER },
                           text: TEXT.working, httpStatus: 200, headers });
}

// The page that completes Decap's handshake: it says hello to each origin of
// `targets`, and answers `message` to the one that replies when it is in
// `allowed` (otherwise an error naming no token). Everything from outside the
// worker reaches the page only as JSON inside the script, escaped for a
// <script> element; the visible text is one of TEXT. Its
// Content-Security-Policy allows this one script (by its hash), nothing else.
async function handshakePage({ targets, allowed, status, content, text, httpStatus, headers = {} }) {
    const message = `authorization:${PROVIDER}:${status}:${JSON.stringify(content)}`;
    const success = status === 'success';
    const script = `(function () {
  var targets = ${scriptJson(targets)};
  var allowed = ${scriptJson(allowed)};
  var message = ${scriptJson(message)};
  var notAllowed = ${scriptJson(`authorization:${PROVIDER}:error:${JSON.stringify({ message: TEXT.origin })}`)};
  var hello = ${scriptJson('authorizing:' + PROVIDER)};
  var say = function (words) { document.getElementById('status').textContent = words; };
  var opener = window.opener;
  if (!opener) { ${success ? `say(${scriptJson(TEXT.opener)}); ` : ''}return; }
  var timer = setTimeout(function () { ${success ? `say(${scriptJson(TEXT.opener)});` : ''} }, ${HANDSHAKE_TIMEOUT});
  window.addEventListener('message', function receive(event) {
    if (event.source !== opener || event.data !== hello) return;
    window.removeEventListener('message', receive);
    clearTimeout(timer);
    if (allowed.indexOf(event.origin) === -1) {
      say(${scriptJson(TEXT.origin)});
      opener.postMessage(notAllowed, event.origin);
      return;
    }
    ${success ? `say(${scriptJson(TEXT.success)});
    ` : ''}opener.postMessage(message, event.origin);
  });
  targets.forEach(function (origin) { opener.postMessage(hello, origin); });
})();`;
    const hash = await sha256Base64(script);
    const html = `<!doctype html>
<html lang="id">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>Masuk ke penyunting ASPPUK</title>
</head>
<body>
<p id="status">${escapeHtml(text)}</p>
<script>${script}</script>
</body>
</html>
`;
    return respond(html, httpStatus, {
        'content-type': 'text/html; charset=utf-8',
        'content-security-policy': `default-src 'none'; script-src 'sha256-${hash}'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`,
        'x-frame-options': 'DENY',
        ...headers,
    });
}

function respond(body, status, headers) {
    return new Response(body, { status, headers: { ...COMMON_HEADERS, ...headers } });
}

// JSON that can stand inside a <script> element: no `</script>`, no `<!--`,
// no line separators that end a JavaScript string
function scriptJson(value) {
    return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g,
        c => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'));
}

function escapeHtml(text) {
    return String(text).replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
}

function randomToken() {
    const bytes = new Uint8Array(32);
    crypto.getRandomValues(bytes);
    return base64Url(bytes);
}

function base64Url(bytes) {
    let binary = '';
    for (const b of bytes) binary += String.fromCharCode(b);
    return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

async function sha256Base64(text) {
    const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
    let binary = '';
    for (const b of digest) binary += String.fromCharCode(b);
    return btoa(binary);
}

function readCookie(header, name) {
    for (const part of String(header || '').split(';')) {
        const eq = part.indexOf('=');
        if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
    }
    return '';
}

// Compares without stopping at the first difference
function sameString(a, b) {
    if (a.length !== b.length) return false;
    let diff = 0;
    for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
    return diff === 0;
}
