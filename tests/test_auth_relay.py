"""The GitHub sign-in relay for the editor (tools/hosts/decap-auth-worker.js):
run in Node.js with a fake environment and a fake GitHub token endpoint, then
in Chromium between the real Decap CMS at /admin/ and a fake GitHub."""

from __future__ import annotations

import json
import re
import subprocess
import threading
import urllib.parse
from http.cookies import SimpleCookie

import pytest
import yaml
from test_admin import config
from test_deploy_hosts import HOSTS

from conftest import SITE, site_context

RELAY = "https://auth.test"
WORKER = HOSTS / "decap-auth-worker.js"
ALLOWED = "https://www.asppuk.or.id, https://Asppuk.GitHub.io/, /relative, ftp://x.test"
ENV = {"GITHUB_CLIENT_ID": "Iv1.client", "GITHUB_CLIENT_SECRET": "s3cret", "ALLOWED_ORIGINS": ALLOWED}
TOKEN = "gho_FAKE0123456789"

# Runs the worker on requests given as JSON; `fetch` (the worker's only way
# out, to GitHub's token endpoint) is a fake that records what it was sent
RUN = """
import { pathToFileURL } from 'node:url';
const [workerFile, json] = process.argv.slice(2);
const { requests, env, tokenAnswer } = JSON.parse(json);
const calls = [];
globalThis.fetch = async (url, init = {}) => {
  calls.push({ url: String(url), method: init.method, headers: init.headers, body: init.body });
  if (tokenAnswer === 'down') throw new TypeError('fetch failed');
  return new Response(JSON.stringify(tokenAnswer), { headers: { 'content-type': 'application/json' } });
};
const worker = (await import(pathToFileURL(workerFile))).default;
const results = [];
for (const [method, url, headers] of requests) {
  const response = await worker.fetch(new Request(url, { method, headers }), env);
  results.push({ status: response.status, headers: Object.fromEntries(response.headers), body: await response.text() });
}
console.log(JSON.stringify({ results, calls }));
"""


def run(node, tmp_path, requests, env=ENV, token_answer=None):
    script = tmp_path / "run.mjs"
    script.write_text(RUN, "utf-8")
    payload = {"requests": requests, "env": env,
               "tokenAnswer": token_answer or {"access_token": TOKEN, "token_type": "bearer", "scope": "repo"}}
    out = subprocess.run([node, str(script), str(WORKER), json.dumps(payload)], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    return data["results"], data["calls"]


def state_cookie(response) -> tuple[str, str]:
    cookie = SimpleCookie(response["headers"]["set-cookie"])
    (name, morsel), = cookie.items()
    return name, morsel.value


def script_of(page: str) -> str:
    scripts = re.findall(r"<script>(.*?)</script>", page, re.S)
    assert len(scripts) == 1, page
    return scripts[0]


def assert_safe_page(response):
    """The callback page's headers, and its one inline script allowed by its hash."""
    import base64
    import hashlib

    headers = response["headers"]
    assert headers["content-type"] == "text/html; charset=utf-8"
    assert headers["cache-control"] == "no-store"
    assert headers["referrer-policy"] == "no-referrer"
    assert headers["x-content-type-options"] == "nosniff"
    csp = headers["content-security-policy"]
    digest = base64.b64encode(hashlib.sha256(script_of(response["body"]).encode()).digest()).decode()
    assert f"script-src 'sha256-{digest}'" in csp and "default-src 'none'" in csp
    assert "unsafe-inline" not in csp and "frame-ancestors 'none'" in csp
    assert "*" not in script_of(response["body"])   # the handshake never posts to any origin


def posted(page: str) -> str:
    """The message the page answers the editor with (a JSON string in the script)."""
    match = re.search(r"var message = (\".*?\");\n", script_of(page))
    return json.loads(match.group(1))


def targets(page: str) -> list[str]:
    return json.loads(re.search(r"var targets = (\[.*?\]);", script_of(page)).group(1))


def test_auth_redirects_to_github_with_a_state_kept_in_a_host_cookie(node, tmp_path):
    (auth, public, wide, other, unknown, missing), _ = run(node, tmp_path, [
        ["GET", f"{RELAY}/auth?provider=github&site_id=www.asppuk.or.id&scope=repo", {}],
        ["GET", f"{RELAY}/auth?provider=github&site_id=asppuk.github.io&scope=public_repo", {}],
        ["GET", f"{RELAY}/auth?provider=github&site_id=www.asppuk.or.id&scope=admin:org", {}],
        ["GET", f"{RELAY}/auth?provider=gitlab&site_id=www.asppuk.or.id", {}],
        ["GET", f"{RELAY}/auth?provider=github&site_id=evil.example", {}],
        ["GET", f"{RELAY}/tidak-ada", {}],
    ])
    assert auth["status"] == 302
    location = urllib.parse.urlsplit(auth["headers"]["location"])
    assert f"{location.scheme}://{location.netloc}{location.path}" == "https://github.com/login/oauth/authorize"
    query = dict(urllib.parse.parse_qsl(location.query))
    name, value = state_cookie(auth)
    assert query == {"client_id": "Iv1.client", "redirect_uri": f"{RELAY}/callback", "scope": "repo", "state": value}
    assert name == "__Host-decap-auth-state" and len(value) >= 43   # 32 random bytes
    flags = auth["headers"]["set-cookie"]
    for flag in ("Path=/", "Secure", "HttpOnly", "SameSite=Lax", "Max-Age=600"):
        assert flag in flags
    assert "Domain" not in flags
    assert auth["headers"]["cache-control"] == "no-store" and auth["headers"]["referrer-policy"] == "no-referrer"
    # a new state each time; the scope never wider than configured
    assert dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(public["headers"]["location"]).query))["state"] != value
    assert "scope=public_repo" in public["headers"]["location"]
    assert "scope=repo&" in wide["headers"]["location"]
    assert other["status"] == 400 and "hanya untuk GitHub" in other["body"]
    # a site not on the list learns it at once, and no cookie is set
    assert unknown["status"] == 403 and "tidak terdaftar" in unknown["body"] and "set-cookie" not in unknown["headers"]
    assert targets(unknown["body"]) == ["https://evil.example"]
    assert json.loads(re.search(r"var allowed = (\[.*?\]);", script_of(unknown["body"])).group(1)) == []
    assert_safe_page(unknown)
    assert missing["status"] == 404


def test_public_repo_scope_when_configured_and_no_sign_in_without_the_secrets(node, tmp_path):
    (public,), _ = run(node, tmp_path, [["GET", f"{RELAY}/auth?provider=github&site_id=www.asppuk.or.id&scope=repo", {}]],
                       env={**ENV, "GITHUB_SCOPE": "public_repo"})
    assert "scope=public_repo" in public["headers"]["location"]
    (unset,), _ = run(node, tmp_path, [["GET", f"{RELAY}/auth?provider=github&site_id=www.asppuk.or.id", {}]],
                      env={"ALLOWED_ORIGINS": ALLOWED})
    assert unset["status"] == 500 and "belum disiapkan" in unset["body"] and "location" not in unset["headers"]


def test_callback_refuses_a_state_that_is_not_the_cookies(node, tmp_path):
    (auth,), _ = run(node, tmp_path, [["GET", f"{RELAY}/auth?provider=github&site_id=www.asppuk.or.id", {}]])
    name, state = state_cookie(auth)
    cases = [
        {"cookie": f"{name}={state}"},            # the state of another sign-in
        {},                                       # no cookie at all (another browser, or expired)
        {"cookie": f"{name}=x{state}"},
    ]
    results, calls = run(node, tmp_path, [["GET", f"{RELAY}/callback?code=abc&state={'y' + state[1:]}", h] for h in cases[:1]]
                         + [["GET", f"{RELAY}/callback?code=abc&state={state}", h] for h in cases[1:]])
    assert calls == []   # the code is never exchanged
    for response in results:
        assert response["status"] == 403
        assert "Sesi masuk tidak cocok" in response["body"]
        assert posted(response["body"]).startswith("authorization:github:error:")
        assert "Max-Age=0" in response["headers"]["set-cookie"]   # the state is used once
        assert targets(response["body"]) == ["https://www.asppuk.or.id", "https://asppuk.github.io"]
        assert_safe_page(response)


def test_callback_exchanges_the_code_and_hands_the_token_only_to_the_allowed_origins(node, tmp_path):
    (auth,), _ = run(node, tmp_path, [["GET", f"{RELAY}/auth?provider=github&site_id=www.asppuk.or.id", {}]])
    name, state = state_cookie(auth)
    (page,), calls = run(node, tmp_path, [["GET", f"{RELAY}/callback?code=the-code&state={state}",
                                           {"cookie": f"other=1; {name}={state}"}]])
    (call,) = calls
    assert call["url"] == "https://github.com/login/oauth/access_token" and call["method"] == "POST"
    assert call["headers"]["accept"] == "application/json"
    assert dict(urllib.parse.parse_qsl(call["body"])) == {
        "client_id": "Iv1.client", "client_secret": "s3cret", "code": "the-code", "redirect_uri": f"{RELAY}/callback"}
    assert page["status"] == 200
    assert posted(page["body"]) == "authorization:github:success:" + json.dumps({"token": TOKEN, "provider": "github"},
                                                                              separators=(",", ":"))
    script = script_of(page["body"])
    assert targets(page["body"]) == ["https://www.asppuk.or.id", "https://asppuk.github.io"]
    # Decap's handshake: hello to each allowed origin, the token to the one that answers, if allowed
    assert "opener.postMessage(hello, origin)" in script
    assert "opener.postMessage(message, event.origin)" in script and "allowed.indexOf(event.origin) === -1" in script
    assert "event.source !== opener" in script
    assert TOKEN not in re.sub(r"<script>.*?</script>", "", page["body"], flags=re.S)   # not in the visible page
    assert_safe_page(page)


def test_callback_never_echoes_what_github_or_an_attacker_put_in_the_address(node, tmp_path):
    (auth,), _ = run(node, tmp_path, [["GET", f"{RELAY}/auth?provider=github&site_id=www.asppuk.or.id", {}]])
    name, state = state_cookie(auth)
    cookie = {"cookie": f"{name}={state}"}
    evil = urllib.parse.quote("<script>alert(1)</script></script><img src=x onerror=alert(2)>")
    results, calls = run(node, tmp_path, [
        ["GET", f"{RELAY}/callback?error=access_denied&error_description={evil}&state={state}", cookie],
        ["GET", f"{RELAY}/callback?error={evil}&state={state}", cookie],
        ["GET", f"{RELAY}/callback?code={evil}&state={evil}", cookie],
    ])
    assert calls == []
    denied, odd, wrong = results
    assert json.loads(posted(denied["body"]).split(":error:", 1)[1]) == {
        "message": "GitHub tidak memberi izin masuk. Tutup jendela ini dan coba lagi.", "code": "access_denied"}
    assert json.loads(posted(odd["body"]).split(":error:", 1)[1])["code"] == "error"
    for response in results:
        body = response["body"]
        assert "alert" not in body and "<img" not in body and body.count("<script>") == 1
        assert_safe_page(response)


def test_github_refusing_the_code_or_not_answering_is_an_error_for_the_editor(node, tmp_path):
    (auth,), _ = run(node, tmp_path, [["GET", f"{RELAY}/auth?provider=github&site_id=www.asppuk.or.id", {}]])
    name, state = state_cookie(auth)
    request = [["GET", f"{RELAY}/callback?code=old&state={state}", {"cookie": f"{name}={state}"}]]
    (refused,), calls = run(node, tmp_path, request,
                            token_answer={"error": "bad_verification_code", "error_description": "<b>x</b>"})
    assert len(calls) == 1 and refused["status"] == 502
    assert json.loads(posted(refused["body"]).split(":error:", 1)[1])["code"] == "bad_verification_code"
    assert "<b>" not in refused["body"]
    (down,), _ = run(node, tmp_path, request, token_answer="down")
    assert down["status"] == 502 and "tidak dapat dihubungi" in down["body"]


def test_only_get(node, tmp_path):
    results, calls = run(node, tmp_path, [[method, f"{RELAY}{path}", {}]
                                          for method in ("POST", "HEAD", "PUT", "OPTIONS")
                                          for path in ("/auth?provider=github&site_id=www.asppuk.or.id", "/callback")])
    assert calls == []
    for response in results:
        assert response["status"] == 405 and response["headers"]["allow"] == "GET"
        assert response["headers"]["x-content-type-options"] == "nosniff"
        assert "set-cookie" not in response["headers"]


def test_auth_url_becomes_decaps_base_url_and_must_be_an_origin():
    from asppuk.catalog.model import Catalog
    from asppuk.staff.cms import build_config

    catalog = Catalog(categories={}, jarpuks={}, products=[])
    cms = build_config(catalog, [], "asppuk/asppuk-site", "main", "https://www.asppuk.or.id/",
                       auth_url="https://auth.asppuk.or.id/")
    assert cms["backend"]["base_url"] == "https://auth.asppuk.or.id"
    assert cms["backend"]["auth_endpoint"] == "auth"
    assert build_config(catalog, [], "a/b", "main", "", auth_url="https://Auth.Test:443")["backend"]["base_url"] \
        == "https://auth.test"
    assert "base_url" not in build_config(catalog, [], "a/b", "main", "")["backend"]
    # Decap compares the pop-up's origin with base_url: with a path, sign-in would wait forever
    for wrong in ("https://auth.asppuk.or.id/relay", "auth.asppuk.or.id", "http://auth.asppuk.or.id",
                  "https://auth.asppuk.or.id?x=1"):
        with pytest.raises(ValueError, match="auth_url"):
            build_config(catalog, [], "a/b", "main", "", auth_url=wrong)


# The worker as an HTTP server, for the browser: each request is handed to its
# `fetch(request, env)` as Cloudflare would (the relay's own address in the
# URL); GitHub's token endpoint is a fake that records what it was sent
SERVE = """
import http from 'node:http';
import { pathToFileURL } from 'node:url';
const [workerFile, relay, json] = process.argv.slice(2);
const { env, token } = JSON.parse(json);
globalThis.fetch = async (url, init = {}) => {
  console.log('FETCH ' + JSON.stringify({ url: String(url), method: init.method, headers: init.headers, body: init.body }));
  if (String(url) !== 'https://github.com/login/oauth/access_token') return new Response('', { status: 404 });
  const params = new URLSearchParams(init.body);
  const answer = params.get('code') === 'fake-code' && params.get('client_secret') === env.GITHUB_CLIENT_SECRET
    ? { access_token: token, token_type: 'bearer', scope: 'repo' } : { error: 'bad_verification_code' };
  return new Response(JSON.stringify(answer), { headers: { 'content-type': 'application/json' } });
};
const worker = (await import(pathToFileURL(workerFile))).default;
const server = http.createServer(async (req, res) => {
  const headers = {};
  if (req.headers.cookie) headers.cookie = req.headers.cookie;
  const response = await worker.fetch(new Request(relay + req.url, { method: req.method, headers }), env);
  res.writeHead(response.status, [...response.headers].flat());
  res.end(Buffer.from(await response.arrayBuffer()));
});
server.listen(0, '127.0.0.1', () => console.log('PORT ' + server.address().port));
"""


@pytest.fixture
def relay(node, tmp_path):
    """Starts the worker on a local port with the given ALLOWED_ORIGINS; gives
    its address and the lines it prints (the calls to GitHub's token endpoint)."""
    script = tmp_path / "serve.mjs"
    script.write_text(SERVE, "utf-8")
    processes = []

    def start(allowed: str) -> tuple[str, list[str]]:
        payload = {"env": {**ENV, "ALLOWED_ORIGINS": allowed}, "token": TOKEN}
        process = subprocess.Popen([node, str(script), str(WORKER), RELAY, json.dumps(payload)],
                                   stdout=subprocess.PIPE, text=True)
        processes.append(process)
        first = process.stdout.readline()
        assert first.startswith("PORT "), first
        lines: list[str] = []
        threading.Thread(target=lambda: lines.extend(iter(process.stdout.readline, "")), daemon=True).start()
        return f"http://127.0.0.1:{first.split()[1]}", lines

    yield start
    for process in processes:
        process.terminate()
        process.wait(timeout=10)


def forward(route, local: str):
    """Answers a request to the relay's address from the worker's local server
    (with the browser's cookies, and the worker's Set-Cookie back to the browser)."""
    import http.client

    request = route.request
    parts = urllib.parse.urlsplit(local)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    url = urllib.parse.urlsplit(request.url)
    cookie = request.all_headers().get("cookie")
    connection.request(request.method, url.path + ("?" + url.query if url.query else ""),
                       headers={"cookie": cookie} if cookie else {})
    response = connection.getresponse()
    body = response.read()
    connection.close()
    route.fulfill(status=response.status, headers=dict(response.getheaders()), body=body)


def editor_context(browser, server, site, local: str):
    """The site's /admin/ with the relay as Decap's base_url (as `auth_url`
    makes it), the relay's address answered by the worker, and CSP violations
    on any page (the relay's pop-up too) recorded."""
    cms = config(site)
    cms["backend"].update(base_url=RELAY, auth_endpoint="auth")
    cms["local_backend"] = False
    context = site_context(browser, server, viewport={"width": 1280, "height": 800})
    context.csp_violations = []
    context.expose_binding("__pukCspViolation", lambda source, text: context.csp_violations.append(text))
    context.add_init_script(
        "document.addEventListener('securitypolicyviolation', e => window.__pukCspViolation("
        "location.href + ': ' + e.violatedDirective + ' blocked ' + (e.blockedURI || 'inline')))"
    )
    context.route(f"{RELAY}/**", lambda route: forward(route, local))
    context.route("**/admin/config.yml", lambda route: route.fulfill(
        body=yaml.safe_dump(cms, allow_unicode=True), content_type="text/yaml"))
    return context, cms["backend"]["repo"]


def closes(popup) -> bool:
    if not popup.is_closed():
        popup.wait_for_event("close", timeout=10000)
    return popup.is_closed()


LOGIN = re.compile(r"Login with GitHub|Masuk dengan GitHub", re.I)


@pytest.mark.browser
def test_decap_signs_in_through_the_relay_in_chromium(browser, server, site, cms_installed, relay):  # noqa: F811
    local, relay_log = relay(SITE)
    context, repo = editor_context(browser, server, site, local)
    authorize_queries: list[dict] = []
    github_calls: list[tuple[str, str | None]] = []

    def authorize(route):   # GitHub's page, for someone who has authorised the app before
        query = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(route.request.url).query))
        authorize_queries.append(query)
        back = query["redirect_uri"] + "?" + urllib.parse.urlencode({"code": "fake-code", "state": query["state"]})
        route.fulfill(status=302, headers={"location": back})

    def api(route):   # the calls Decap makes once signed in, answered as GitHub would
        request = route.request
        path = urllib.parse.urlsplit(request.url).path
        github_calls.append((f"{request.method} {request.url.removeprefix('https://api.github.com')}",
                             request.all_headers().get("authorization")))
        if path == "/user":
            body, status = {"login": "staf-asppuk", "id": 1, "name": "Staf ASPPUK", "avatar_url": ""}, 200
        elif path == f"/repos/{repo}":
            body, status = {"full_name": repo, "owner": {"login": repo.split("/")[0]}, "default_branch": "main",
                            "fork": False, "private": False,
                            "permissions": {"admin": False, "push": True, "pull": True}}, 200
        elif path == f"/repos/{repo}/pulls":
            body, status = [], 200   # no draft waiting for review
        elif path.startswith(f"/repos/{repo}/git/trees/"):
            body, status = {"sha": "0" * 40, "tree": [], "truncated": False}, 200   # empty folders
        else:
            body, status = {"message": "Not Found"}, 404
        route.fulfill(status=status, json=body, headers={"access-control-allow-origin": "*"})

    context.route("https://github.com/login/oauth/authorize**", authorize)
    context.route("https://api.github.com/**", api)
    try:
        page = context.new_page()
        page.goto("/admin/")
        with context.expect_page() as opened:
            page.get_by_role("button", name=LOGIN).click()
        popup = opened.value
        # signed in: the collections, and the user Decap keeps
        page.get_by_text("Produk — JarPUK Sintang", exact=True).first.wait_for(timeout=30000)
        page.get_by_role("link", name="Berita", exact=True).first.wait_for()
        user = json.loads(page.evaluate("localStorage.getItem('decap-cms-user')"))
        assert user["token"] == TOKEN and user["backendName"] == "github" and user["login"] == "staf-asppuk"
        assert closes(popup)   # Decap closes the pop-up once it has the token
    finally:
        context.close()
    (query,) = authorize_queries
    assert query["client_id"] == "Iv1.client" and query["scope"] == "repo"
    assert query["redirect_uri"] == f"{RELAY}/callback" and len(query["state"]) >= 43
    (exchange,) = [json.loads(line.removeprefix("FETCH ")) for line in relay_log if line.startswith("FETCH ")]
    assert dict(urllib.parse.parse_qsl(exchange["body"]))["code"] == "fake-code"
    calls = [call for call, _ in github_calls]
    assert calls[:2] == ["GET /user", f"GET /repos/{repo}"]
    assert f"GET /repos/{repo}/pulls?base=main&state=open&per_page=100" in calls   # the editorial workflow
    assert all(authorization == f"token {TOKEN}" for _, authorization in github_calls)
    assert context.csp_violations == []
    assert context.external_requests == []


@pytest.mark.browser
def test_a_site_the_relay_does_not_know_gets_an_error_and_no_token(browser, server, site, cms_installed, relay):  # noqa: F811
    local, relay_log = relay("https://asppuk.github.io")   # not www.asppuk.or.id
    context, _ = editor_context(browser, server, site, local)
    try:
        page = context.new_page()
        page.goto("/admin/")
        with context.expect_page() as opened:
            page.get_by_role("button", name=LOGIN).click()
        popup = opened.value
        # Decap shows the relay's error (and closes the pop-up); nobody was sent to GitHub
        page.get_by_text("Situs ini tidak terdaftar pada layanan masuk", exact=False).wait_for(timeout=20000)
        assert closes(popup)
        assert page.evaluate("localStorage.getItem('decap-cms-user')") is None
    finally:
        context.close()
    assert relay_log == []
    assert context.csp_violations == []
    assert context.external_requests == []
