"""Shared fixtures: a small valid catalogue to break, the built sample site,
a local HTTP server for it, and Debian's Chromium driven by Playwright."""

from __future__ import annotations

import functools
import http.server
import os
import re
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = ROOT / "test-output"  # git-ignored: screenshots for people to look at

MINI = {
    "categories.yml": "- id: tenun\n  name: Tenun\n- id: kue\n  name: Kue\n",
    "desa/jarpuk.yml": (
        "name: JarPUK Desa\ndistrict: Kabupaten Contoh\nprovince: Jawa Tengah\nregion: jawa\n"
        "contact:\n  name: Sekretariat\n  phone: \"0812-0000-0199\"\n  whatsapp: true\n"
        "description: Jaringan contoh.\n"
    ),
    "desa/producers.yml": (
        "- id: ani\n  name: Ani\n  kind: puk\n  village: Desa Rahasia\n"
        "  contact:\n    phone: \"0813-0000-0177\"\n    email: ani@example.org\n    consent: false\n"
        "- id: sri\n  name: Sri\n  kind: puk\n  village: Desa Terbuka\n"
        "  contact:\n    phone: \"0813-0000-0188\"\n    whatsapp: true\n    consent: true\n"
    ),
    "desa/kain.yml": (
        "name: Kain\ncategory: tenun\nproducer: ani\ndescription: Kain tenun.\n"
        "price: 750000\nunit: lembar\navailability: ready\n"
    ),
}


def write_tree(root: Path, files: dict[str, str | bytes]) -> Path:
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return root


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    """A valid two-producer catalogue under tmp_path/products."""
    return write_tree(tmp_path / "products", MINI)


def copy_project(target: Path) -> Path:
    """A copy of the real site to change (the editor's npm files are linked, not copied)."""
    for name in ("content", "stories", "products", "data"):
        shutil.copytree(ROOT / name, target / name)
    shutil.copy(ROOT / "mkdocs.yml", target)
    (target / "tools").symlink_to(ROOT / "tools")
    return target


def build_site(project: Path, site_dir: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project / "mkdocs.yml"),
         "-d", str(site_dir)],
        capture_output=True, text=True, env=env,
    )


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The real sample site, built once with --strict."""
    out = tmp_path_factory.mktemp("site")
    result = build_site(ROOT, out)
    assert result.returncode == 0, result.stderr
    return out


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def server(site: Path):
    handler = functools.partial(_QuietHandler, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def missing(message: str) -> None:
    """A tool the tests need is not installed: in CI a failure, never a skip
    (CI installs everything `make install` does); elsewhere a skip."""
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="session")
def node() -> str:
    """Node.js, for the scripts the site ships to hosts and to the editor."""
    found = shutil.which("node")
    if found is None:
        missing("node is not installed (CI has it: it installs the editor with npm)")
    return found


@pytest.fixture(scope="session")
def cms_installed():
    if not (ROOT / "tools/cms/node_modules/decap-cms/dist").is_dir():
        missing("Decap CMS is not installed (make install runs npm ci --prefix tools/cms)")


@pytest.fixture(scope="session")
def browser():
    if not os.path.exists(CHROMIUM):
        missing("Debian's chromium is not installed (make test installs it: scripts/ensure-chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        )
        yield chromium
        chromium.close()


def _site_origin() -> str:
    match = re.search(r"^site_url:.*?(https?://[^\s\"']+)", (ROOT / "mkdocs.yml").read_text("utf-8"), re.MULTILINE)
    return os.environ.get("ASPPUK_SITE_URL", match.group(1)).rstrip("/")


# The address the site is built for: its pages' Content-Security-Policy names
# the script files there, so the browser tests visit the site at that address,
# answered from the local server (nothing leaves the machine)
SITE = _site_origin()


def site_context(browser, local: str, **options):
    """A browser context that sees the site at its own address (``SITE``),
    served from ``local``; every request elsewhere is recorded and blocked."""
    context = browser.new_context(base_url=SITE, **options)
    external: list[str] = []

    def handle(route):
        url = route.request.url
        if url == SITE or url.startswith(SITE + "/"):
            from playwright.sync_api import Error

            try:  # redirects (a folder without its slash) reach the browser as they are
                route.fulfill(response=route.fetch(url=local + url[len(SITE):], max_redirects=0))
            except Error:
                pass  # the page or its context closed while the answer was on its way
        elif url.startswith("data:"):
            route.continue_()
        else:
            external.append(url)
            route.abort()

    context.route("**/*", handle)
    context.external_requests = external
    return context


def csp_violations(context) -> list[str]:
    """Every Content-Security-Policy violation in the pages of ``context``, as it happens."""
    violations: list[str] = []
    context.expose_binding("__pukCspViolation", lambda source, text: violations.append(text))
    context.add_init_script(
        "document.addEventListener('securitypolicyviolation', e => window.__pukCspViolation("
        "location.pathname + ': ' + e.violatedDirective + ' blocked ' + (e.blockedURI || 'inline') +"
        " ' ' + (e.sample || '')))"
    )
    return violations


@pytest.fixture
def page(browser, server):
    context = site_context(browser, server, viewport={"width": 360, "height": 740})
    external = context.external_requests
    # Every browser test also proves the pages' Content-Security-Policy blocks
    # nothing the site itself needs: each violation is recorded and fails it
    violations = csp_violations(context)
    page = context.new_page()
    page.external_requests = external
    page.csp_violations = violations
    yield page
    context.close()
    assert not violations, f"Content-Security-Policy violations: {violations}"
