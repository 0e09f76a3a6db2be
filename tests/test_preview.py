"""Previews (asppuk/preview.py): the download of a pull request's checks,
browsed from the file system, and the per-pull-request preview at its own
address: marked, never indexed, removed when the pull request closes.

The file preview is the built site rewritten page by page (a second MkDocs
build with ``use_directory_urls: false`` would leave the catalogue's, the
language switch's and the content's links to folders as they are: every
plugin writes its own). So a test proves that every page of the preview is
its page of the site with the intended changes only, and that every link
leads to the very file a web server answers for the original link."""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from test_build import MINI_MKDOCS
from test_deploy import bucket_keys, make_build, quiet, run_cli, s3, site_paths, target  # noqa: F401 (fixtures)

from asppuk.build import MARK_NAME
from asppuk.deploy import MANIFEST_NAME, DeployError, DeployOptions, deploy, remove_prefix
from asppuk.preview import (
    BANNER_CLASS,
    FILE,
    FINDER_MESSAGE,
    NOINDEX,
    ONLINE,
    ROBOTS_TXT,
    SCRIPT,
    SEARCH_MESSAGE,
    STYLE,
    Site,
    _banner,
    make_file_preview,
    mark_page,
)
from conftest import ARTIFACTS, MINI, ROOT, csp_violations, write_tree

SITE_URL = "https://www.asppuk.or.id/"
URL_ATTRIBUTES = {"a": ("href",), "area": ("href",), "form": ("action",), "link": ("href",), "script": ("src",),
                  "img": ("src", "srcset"), "source": ("src", "srcset"), "iframe": ("src",)}


@pytest.fixture(scope="module")
def file_preview(site, tmp_path_factory) -> Path:
    """The sample site made into a file preview (`make preview`)."""
    out = tmp_path_factory.mktemp("preview") / "pratinjau"
    make_file_preview(site, out)
    return out


def _tree(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


class _Starts(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(reversed(attrs))))

    handle_startendtag = handle_starttag


def starts(text: str) -> list[tuple[str, dict]]:
    parser = _Starts()
    parser.feed(text)
    parser.close()
    return parser.tags


def served(value: str, page: str, site: Path):
    """What a web server answers for ``value`` on ``page``: a file of the site, or an outside address."""
    absolute = urljoin(SITE_URL + page, value.strip())
    parts = urlsplit(absolute)
    if not absolute.startswith(SITE_URL):
        return ("outside", absolute)
    path = unquote(parts.path[len(urlsplit(SITE_URL).path):])
    if path == "" or path.endswith("/") or (site / path).is_dir():
        path = path.rstrip("/") + "/index.html" if path.strip("/") else "index.html"
    return ("file", path, parts.query, parts.fragment)


def opened(value: str, page: str, preview: Path):
    """What a browser opens for ``value`` on ``page`` of the preview under file://."""
    absolute = urljoin((preview / page).as_uri(), value.strip())
    parts = urlsplit(absolute)
    if parts.scheme != "file":
        return served(value, page, preview)   # an address on the web stays one
    path = Path(unquote(parts.path))
    assert path.is_relative_to(preview), (page, value)
    assert path.is_file(), f"{page}: {value} opens {path}, which is not a file (a folder listing, or nothing)"
    return ("file", path.relative_to(preview).as_posix(), parts.query, parts.fragment)


def script_sources(policy: str) -> list[str]:
    return next(d.split()[1:] for d in policy.split(";") if d.split()[:1] == ["script-src"])


def test_every_page_is_its_page_of_the_site_with_the_intended_changes_only(site, file_preview):
    """Start tag by start tag, every page of the preview is the site's page:
    the same elements and attributes, each address leading to the file a
    web server answers for the original (a folder: its index.html), plus
    the preview's own additions; nothing else differs."""
    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))
    assert len(pages) > 100
    folder_links = 0
    for page in pages:
        original, preview = starts((site / page).read_text("utf-8")), starts((file_preview / page).read_text("utf-8"))
        # the preview's additions, taken out
        kept, robots = [], any(t == "meta" and a.get("name") == "robots" for t, a in original)
        skip_span = in_banner = False
        for tag, attrs in preview:
            if skip_span and tag == "span" and attrs == {"lang": "id"}:
                skip_span = False
                continue
            skip_span = False
            if tag == "aside" and attrs.get("class") == BANNER_CLASS:
                in_banner = True
                continue
            if in_banner and tag == "strong":
                in_banner = False
                continue
            if (tag == "meta" and attrs.get("name") == "robots" and not robots) or tag == "style":
                continue
            if tag == "script" and (attrs.get("src") or "").endswith(SCRIPT.rsplit("/", 1)[-1]):
                continue
            classes = (attrs.get("class") or "").split()
            skip_span = bool({"md-search-result__meta", "puk-finder__count"} & set(classes))
            kept.append((tag, attrs))
            if tag == "p" and len(kept) > 1 and kept[-2][1].get("class") == "puk-finder__offline":
                skip_span = True
        assert len(kept) == len(original), page
        for (tag, before), (new_tag, after) in zip(original, kept):
            if tag == "noscript" and new_tag == "div":   # the finder's listings, shown
                assert after == {"class": "puk-finder__offline"}, page
                continue
            assert new_tag == tag, (page, tag, new_tag)
            before, after = dict(before), dict(after)
            for name in ("data-puk-search", "data-puk-finder"):
                before.pop(name, None)
            if "puk-finder__toggle" in (before.get("class") or "") or "puk-finder__form" in (before.get("class") or ""):
                assert "hidden" in after
                after.pop("hidden")
            if tag == "script" and "nonce" in after:
                assert before.get("src"), page   # an inline script gets no nonce: its hash allows it
                after.pop("nonce")
            if tag == "meta" and (before.get("http-equiv") or "").lower() == "content-security-policy":
                old, new = before.pop("content"), after.pop("content")
                assert [d for d in old.split("; ") if not d.startswith("script-src")] == \
                       [d for d in new.split("; ") if not d.startswith("script-src")]
                old_sources, new_sources = script_sources(old), script_sources(new)
                # 'self' never stays (under file: it would let any file on the disk run:
                # only /admin/'s own policy has it, and the editor does not run from files)
                assert [s for s in old_sources if s.startswith("'") and s != "'self'"] == [
                    s for s in new_sources if not s.startswith("'nonce-")]
                assert sum(s.startswith("'nonce-") for s in new_sources) == 1
                assert all(s.startswith("'") for s in new_sources), new_sources   # no address, no file:
                assert "'self'" not in new_sources
            for name in URL_ATTRIBUTES.get(tag, ()):
                if name not in before or before[name] is None or name == "srcset":
                    continue
                old, new = before.pop(name), after.pop(name)
                if old.strip().startswith("#") or urlsplit(old.strip()).scheme in ("mailto", "tel", "data"):
                    assert new == old
                    continue
                if tag == "link" and "canonical" in (before.get("rel") or ""):
                    assert new == old
                    continue
                assert opened(new, page, file_preview) == served(old, page, site), (page, tag, old, new)
                folder_links += new != old and new.split("#")[0].split("?")[0].endswith("index.html")
            assert after == before, (page, tag)
    assert folder_links > 2000


def test_scripts_run_by_the_preview_s_nonce_only_the_site_s_own_files(site, file_preview):
    path = "produk/sintang/kain-kebat/index.html"
    tags = starts((file_preview / path).read_text("utf-8"))
    policy = next(a["content"] for t, a in tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy")
    nonce = re.search(r"'nonce-([^']+)'", policy)[1]
    scripts = [a for t, a in tags if t == "script" and a.get("src")]
    assert {s["src"].rsplit("/", 1)[-1] for s in scripts} >= {"site.js", "search.js", "inquiry.js", "preview.js"}
    assert all(s.get("nonce") == nonce for s in scripts)
    # another page, another nonce (from a key made for each preview)
    assert nonce not in (file_preview / "index.html").read_text("utf-8")
    # a script that is none of the site's files (an upload, another site) gets
    # none: the policy blocks it, as the site's does
    injected = ('<script src="../../../assets/unggahan/x.js"></script>'
                '<script src="https://contoh.example/x.js"></script>')
    html = (site / path).read_text("utf-8").replace("</body>", injected + "</body>")
    marked = mark_page(html, path, Site(site, SITE_URL, FILE))
    assert injected in marked
    marked_scripts = [a for t, a in starts(marked) if t == "script" and a.get("src")]
    assert [s["src"] for s in marked_scripts if "nonce" not in s] == ["../../../assets/unggahan/x.js",
                                                                     "https://contoh.example/x.js"]
    assert len(marked_scripts) == len(scripts) + 2


def test_the_search_and_the_finder_say_where_they_work(file_preview):
    finder = (file_preview / "produk/cari/index.html").read_text("utf-8")
    assert FINDER_MESSAGE in finder and SEARCH_MESSAGE in finder
    assert "data-puk-finder" not in finder and "data-puk-search" not in finder   # search.js starts neither
    assert '<div class="puk-finder__offline">' in finder and "<noscript>" not in finder
    english = (file_preview / "en/products/search/index.html").read_text("utf-8")
    assert f'<span lang="id">{FINDER_MESSAGE}</span>' in english


def test_marks_in_the_previews_and_none_in_the_site(site, file_preview):
    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))
    for page in pages:
        built, preview = (site / page).read_text("utf-8"), (file_preview / page).read_text("utf-8")
        assert preview.count(NOINDEX) == 1 and preview.count(f'<aside class="{BANNER_CLASS}"') == 1, page
        assert BANNER_CLASS not in built, page
        assert page == "admin/index.html" or 'name="robots"' not in built, page   # the editor was noindex already
    assert (file_preview / "robots.txt").read_text("ascii") == ROBOTS_TXT
    # the site's own names its sitemap and disallows nothing (asppuk-theme; tests/test_seo.py)
    assert "Sitemap: " in (site / "robots.txt").read_text("ascii") != ROBOTS_TXT
    assert not (file_preview / MARK_NAME).exists()


def test_making_the_file_preview_leaves_the_site_as_it_was(site, tmp_path):
    before = _tree(site)
    modes = {p: p.stat().st_mode for p in site.rglob("*")}
    make_file_preview(site, tmp_path / "pratinjau")
    make_file_preview(site, tmp_path / "pratinjau")   # made again: replaced whole
    assert _tree(site) == before
    assert {p: p.stat().st_mode for p in site.rglob("*")} == modes
    assert not list(tmp_path.glob("pratinjau.*"))


def test_pages_marked_on_every_core_are_the_pages_marked_in_one_process(site, tmp_path, monkeypatch):
    import asppuk.preview as preview

    key = b"k" * 32
    monkeypatch.setattr(preview, "PARALLEL_PAGES", 10**9)
    make_file_preview(site, tmp_path / "one", key=key)
    monkeypatch.setattr(preview, "PARALLEL_PAGES", 1)
    monkeypatch.setattr(preview.os, "cpu_count", lambda: 2)
    stats = make_file_preview(site, tmp_path / "every", key=key)
    assert stats.pages > 100 and stats.links > 2000
    assert _tree(tmp_path / "one") == _tree(tmp_path / "every")


def _build(args: list[str], out: Path) -> None:
    result = subprocess.run([sys.executable, str(ROOT / "scripts/build.py"), "-f", str(ROOT / "mkdocs.yml"),
                             "--site-dir", str(out), *args], capture_output=True, text=True,
                            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert result.returncode == 0, result.stderr[-3000:]


# Two builds of the same sources differ only here: the feeds carry the time
# of the build, and Pagefind's file names change from build to build
def _deterministic(path: str) -> bool:
    return not (path.startswith(("pagefind/", "feed_")) or path == MARK_NAME)


def test_production_build_is_unchanged_and_the_online_preview_only_adds_its_marks(site, tmp_path):
    """`make build` with the preview off is the plain strict build, file for
    file and byte for byte; `make build PREVIEW=1` is that build with, on
    every page, noindex, the banner's style and the banner, and a robots.txt."""
    production, online = tmp_path / "site", tmp_path / "online"
    _build([], production)
    plain = {p: h for p, h in _tree(site).items() if _deterministic(p)}
    assert {p: h for p, h in _tree(production).items() if _deterministic(p)} == plain
    assert '"preview"' not in (production / MARK_NAME).read_text("utf-8")

    _build(["--preview"], online)
    assert '"preview": true' in (online / MARK_NAME).read_text("utf-8")
    assert (online / "robots.txt").read_text("ascii") == ROBOTS_TXT
    marked = {p for p in _tree(online) if _deterministic(p)} - {"robots.txt"}   # replaced: disallows all
    assert marked == set(plain) - {"robots.txt"}
    banner = _banner(ONLINE)
    for path in sorted(marked):
        data = (online / path).read_bytes()
        if not path.endswith(".html"):
            assert hashlib.sha256(data).hexdigest() == plain[path], path
            continue
        text = data.decode("utf-8")
        assert text.count(banner) == 1, path
        head = NOINDEX + STYLE if path != "admin/index.html" else STYLE   # the editor was noindex already
        assert text.count(head) == 1, path
        assert text.replace(head, "", 1).replace(banner, "", 1).encode("utf-8") == (site / path).read_bytes(), path


# --- the preview at its own address: deploy and removal ------------------------------------------


@pytest.fixture(scope="module")
def mini_builds(tmp_path_factory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("preview-project")
    write_tree(root, {"mkdocs.yml": MINI_MKDOCS, "content/index.md": "# Beranda\n"})
    write_tree(root / "products", MINI)
    out = {}
    for name, args in (("site", ()), ("preview", ("--preview",))):
        result = make_build(root, root / name, *args)
        assert result.returncode == 0, result.stderr
        out[name] = root / name
    return out


def test_a_preview_is_published_only_as_a_preview_and_the_site_only_as_the_site(mini_builds, s3, target):
    with pytest.raises(DeployError, match="built as a preview"):
        deploy(mini_builds["preview"], target, DeployOptions(), out=quiet)
    with pytest.raises(DeployError, match="not a preview build"):
        deploy(mini_builds["site"], target, DeployOptions(preview=True), out=quiet)
    assert bucket_keys(s3, target) == {}
    result = deploy(mini_builds["preview"], target, DeployOptions(preview=True), out=quiet)
    assert "robots.txt" in result.uploaded_paths


def test_removing_a_prefix_deletes_everything_under_it_and_nothing_else(mini_builds, s3, target):
    bucket = target.bucket
    site_target = s3.target(bucket, "www/")
    one, ten = s3.target(bucket, "pratinjau/pr-1/"), s3.target(bucket, "pratinjau/pr-10/")
    deploy(mini_builds["site"], site_target, DeployOptions(), out=quiet)
    for preview in (one, ten):
        deploy(mini_builds["preview"], preview, DeployOptions(preview=True), out=quiet)
    s3.client().put_object(Bucket=bucket, Key="pratinjau/pr-1", Body=b"a key beside the folder, not in it")
    before_site, before_ten = bucket_keys(s3, site_target), bucket_keys(s3, ten)
    published = site_paths(mini_builds["preview"]) | {MANIFEST_NAME}
    assert set(bucket_keys(s3, one)) == published

    lines: list[str] = []
    assert remove_prefix(one, DeployOptions(dry_run=True), out=lines.append) == 0
    assert set(bucket_keys(s3, one)) == published and "nothing was changed" in lines[-1]

    removed = remove_prefix(one, DeployOptions(), out=lines.append)
    assert removed == len(published)
    assert bucket_keys(s3, one) == {}
    assert bucket_keys(s3, site_target) == before_site and bucket_keys(s3, ten) == before_ten
    assert s3.client().get_object(Bucket=bucket, Key="pratinjau/pr-1")["Body"].read().startswith(b"a key")
    # again (a closed pull request reopened and closed, a job run twice): nothing to do
    assert remove_prefix(one, DeployOptions(), out=lines.append) == 0 and "Nothing to remove" in lines[-1]


def test_removal_refuses_the_whole_bucket_and_a_folder_that_is_no_deployed_site(s3, target):
    whole = s3.target(target.bucket, "")
    with pytest.raises(DeployError, match="whole bucket"):
        remove_prefix(whole, DeployOptions(), out=quiet)
    stranger = s3.target(target.bucket, "dokumen/")
    s3.client().put_object(Bucket=target.bucket, Key="dokumen/laporan.pdf", Body=b"%PDF")
    with pytest.raises(DeployError, match="no deploy manifest"):
        remove_prefix(stranger, DeployOptions(), out=quiet)
    assert set(bucket_keys(s3, stranger)) == {"laporan.pdf"}
    assert remove_prefix(stranger, DeployOptions(force=True), out=quiet) == 1
    assert bucket_keys(s3, stranger) == {}


def test_remove_prefix_from_the_command_line(mini_builds, s3, target, tmp_path):
    config = write_tree(tmp_path, {"deploy.toml": f'[bucket]\nendpoint = "{s3.endpoint}"\nregion = "us-east-1"\n'
                                                  f'name = "{target.bucket}"\nprefix = "www"\n'
                                                  'addressing_style = "path"\n'}) / "deploy.toml"
    env = {**os.environ, **s3.environ}
    deploy(mini_builds["site"], s3.target(target.bucket, "www/"), DeployOptions(), out=quiet)
    deploy(mini_builds["preview"], s3.target(target.bucket, "pratinjau/pr-7/"), DeployOptions(preview=True), out=quiet)
    for bad in ("", "/", "../www", "s3://x/y"):
        refused = run_cli(["--config", str(config), "--remove-prefix", bad], env, tmp_path)
        assert refused.returncode == 1 and "--remove-prefix" in refused.stderr + refused.stdout, refused.stderr
        assert "Traceback" not in refused.stderr
    done = run_cli(["--config", str(config), "--remove-prefix", "pratinjau/pr-7"], env, tmp_path)
    assert done.returncode == 0, done.stderr
    assert "Removed" in done.stdout
    assert bucket_keys(s3, s3.target(target.bucket, "pratinjau/")) == {}
    assert set(bucket_keys(s3, s3.target(target.bucket, "www/"))) == site_paths(mini_builds["site"]) | {MANIFEST_NAME}


# --- the workflows -------------------------------------------------------------------------------


def _workflow(name: str) -> dict:
    import yaml

    data = yaml.safe_load((ROOT / ".github/workflows" / name).read_text("utf-8"))
    data["on"] = data.pop(True, data.get("on"))   # YAML 1.1 reads the key `on` as true
    return data


def _condition(job: dict) -> str:
    return " ".join(job["if"].split())


def test_workflows_preview_each_pull_request_and_remove_it_on_close():
    site = _workflow("site.yml")
    # site.yml's jobs never run for a closed pull request: its types are the default ones
    assert (site["on"]["pull_request"] or {}).get("types") is None
    checks = site["jobs"]["checks"]["steps"]
    runs = [s.get("run", "") for s in checks]
    assert runs.index("make preview") > runs.index("make build")
    upload = next(s for s in checks if s.get("uses", "").startswith("actions/upload-artifact"))
    assert upload["with"]["name"] == "pratinjau-situs" and upload["with"]["path"] == "pratinjau/"

    preview = _workflow("preview.yml")
    assert list(preview["on"]) == ["pull_request"]
    assert preview["on"]["pull_request"]["types"] == ["opened", "synchronize", "reopened", "closed"]
    assert preview["permissions"] == {"contents": "read"}
    jobs = preview["jobs"]
    assert set(jobs) == {"preview-deploy", "preview-remove"}
    same_repository = "github.event.pull_request.head.repo.full_name == github.repository"
    configured = "(vars.ASPPUK_PREVIEW_S3_BUCKET || vars.ASPPUK_S3_BUCKET) != '' && vars.ASPPUK_PREVIEW_URL != ''"
    assert _condition(jobs["preview-deploy"]) == f"github.event.action != 'closed' && {same_repository} && {configured}"
    assert _condition(jobs["preview-remove"]) == f"github.event.action == 'closed' && {same_repository} && {configured}"
    for _name, job in jobs.items():
        assert job["env"]["ASPPUK_S3_BUCKET"] == "${{ vars.ASPPUK_PREVIEW_S3_BUCKET || vars.ASPPUK_S3_BUCKET }}"
        assert job["concurrency"] == {"group": "pratinjau-pr-${{ github.event.pull_request.number }}",
                                      "cancel-in-progress": False}
        secrets = [s["env"] for s in job["steps"] if "AWS_ACCESS_KEY_ID" in s.get("env", {})]
        assert secrets == [{**secrets[0], "AWS_ACCESS_KEY_ID": "${{ secrets.ASPPUK_PREVIEW_ACCESS_KEY_ID }}",
                            "AWS_SECRET_ACCESS_KEY": "${{ secrets.ASPPUK_PREVIEW_SECRET_ACCESS_KEY }}"}]
        assert "AWS_ACCESS_KEY_ID" not in job["env"]   # only the step that sends has the key
    deploy_job = jobs["preview-deploy"]
    assert deploy_job["env"]["ASPPUK_S3_PREFIX"] == "pratinjau/pr-${{ github.event.pull_request.number }}/"
    runs = [s.get("run", "") for s in deploy_job["steps"]]
    assert "make deploy PREVIEW=1 FORCE=1" in runs
    assert any("ASPPUK_SITE_URL=" in r and "pr-${NUMBER}/" in r for r in runs)
    assert any("GITHUB_STEP_SUMMARY" in r and "Buka pratinjau" in r for r in runs)
    assert deploy_job["environment"]["url"] == "${{ steps.address.outputs.url }}"
    remove_job = jobs["preview-remove"]
    assert remove_job["steps"][0]["with"]["ref"] == "${{ github.event.pull_request.base.ref }}"
    assert remove_job["steps"][-1]["run"] == '.venv/bin/python scripts/deploy.py --remove-prefix "pratinjau/pr-${NUMBER}/"'
    # the production deploys do not run for pull requests at all
    for name in ("deploy-bucket", "deploy-pages"):
        assert "github.event_name == 'push'" in site["jobs"][name]["if"]


# --- in Chromium, from the file system -----------------------------------------------------------


@pytest.fixture
def file_page(browser, file_preview):
    context = browser.new_context(viewport={"width": 360, "height": 740})
    violations = csp_violations(context)
    outside: list[str] = []

    def block(route):
        outside.append(route.request.url)
        route.abort()

    context.route(re.compile(r"^https?://"), block)
    page = context.new_page()
    page.errors = []
    page.on("console", lambda m: page.errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    page.home = (file_preview / "index.html").as_uri()
    page.root = file_preview
    yield page
    context.close()
    assert not violations, f"Content-Security-Policy violations: {violations}"
    assert outside == []


def _at(page, path: str, query: str = "") -> None:
    from playwright.sync_api import expect

    expect(page).to_have_url((page.root / path).as_uri() + query)
    page.wait_for_load_state()
    expect(page.locator(f"aside.{BANNER_CLASS}")).to_be_visible()
    assert "Index of" not in page.content()


# Material's bundle asks for the sitemap next to a page's feed link (for its
# language selector); Chromium refuses every fetch under file://. Nothing depends on it.
SITEMAP_REFUSED = re.compile(r"sitemap\.xml' from origin 'null' has been blocked|net::ERR_FAILED")


@pytest.mark.browser
def test_browsing_the_preview_from_the_file_system(file_page):
    page = file_page
    page.goto(page.home)
    _at(page, "index.html")
    # scripts run: Material's bundle, and our site.js (the menu button by keyboard)
    assert page.evaluate("typeof document$") == "object"
    menu = page.locator('[data-puk-opens="drawer"]')
    menu.focus()
    menu.press("Enter")
    assert menu.get_attribute("aria-expanded") == "true"
    page.keyboard.press("Escape")
    page.get_by_role("link", name="Lihat produk PUK").click()
    _at(page, "produk/index.html")
    page.get_by_role("link", name="Tenun").first.click()
    _at(page, "produk/kategori/tenun/index.html")
    page.get_by_role("link", name="Kain kebat tenun ikat Dayak").click()
    _at(page, "produk/sintang/kain-kebat/index.html")
    # the breadcrumbs lead back
    page.locator(".puk-crumbs a", has_text="Produk").click()
    _at(page, "produk/index.html")
    page.go_back()
    _at(page, "produk/sintang/kain-kebat/index.html")
    # language switch, and back
    page.locator("a.puk-language").click()
    _at(page, "en/products/sintang/kain-kebat/index.html")
    page.locator("a.puk-language").click()
    _at(page, "produk/sintang/kain-kebat/index.html")
    # the navigation drawer (Material's, opened by site.js's button; on a
    # phone it opens on the catalogue's own section)
    page.locator('[data-puk-opens="drawer"]').click()
    page.locator(".md-nav--primary a.md-nav__link:visible", has_text="JarPUK").click()
    _at(page, "jarpuk/index.html")
    page.set_viewport_size({"width": 1280, "height": 800})   # the tabs
    page.locator(".md-tabs__link", has_text="Tentang").click()
    _at(page, "tentang/index.html")
    # the 404 page's links from the site's root
    page.goto((page.root / "404.html").as_uri())
    page.locator(".md-tabs__link", has_text="Produk").click()
    _at(page, "produk/index.html")
    page.goto((page.root / "404.html").as_uri())
    page.locator("article a").first.click()
    assert page.url.startswith((page.root / "produk").as_uri()) and page.url.endswith("/index.html")
    assert [e for e in page.errors if not SITEMAP_REFUSED.search(e)] == []


@pytest.mark.browser
def test_search_and_finder_say_they_work_online(file_page):
    page = file_page
    page.goto((page.root / "produk/index.html").as_uri())
    page.locator('[data-puk-opens="search"]').click()
    page.locator(".md-search__input").fill("tenun")
    page.wait_for_timeout(300)
    assert page.locator(".md-search-result__meta").inner_text() == SEARCH_MESSAGE
    assert page.locator(".md-search-result__list li").count() == 0
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "preview-file-search.png"))
    page.locator(".md-search__input").press("Enter")   # the form goes to the finder
    _at(page, "produk/cari/index.html", "?q=tenun")
    assert page.locator(".puk-finder__count").inner_text() == FINDER_MESSAGE
    assert "Mencari" not in page.locator("article").inner_text()
    page.locator(".puk-finder__offline a", has_text="Tenun").click()
    _at(page, "produk/kategori/tenun/index.html")
    assert [e for e in page.errors if not SITEMAP_REFUSED.search(e)] == []


@pytest.mark.browser
def test_links_scripts_add_later_name_index_html_too(file_page):
    """The inquiry list is drawn by inquiry.js from browser storage: its
    links to the products name their index.html (the preview's script)."""
    page = file_page
    page.goto((page.root / "produk/sintang/kain-kebat/index.html").as_uri())
    page.locator(".puk-inquiry-add").click()
    page.locator("[data-puk-inquiry-link]").click()
    _at(page, "produk/daftar-tanya/index.html")
    link = page.locator("tr[data-key='sintang/kain-kebat'] a").first
    assert link.get_attribute("href").endswith("/produk/sintang/kain-kebat/index.html")
    link.click()
    _at(page, "produk/sintang/kain-kebat/index.html")


@pytest.mark.browser
def test_preview_screenshots_at_360_px(file_page):
    ARTIFACTS.mkdir(exist_ok=True)
    page = file_page
    for name, path in [("home", "index.html"), ("product", "produk/sintang/kain-kebat/index.html"),
                       ("finder", "produk/cari/index.html")]:
        page.goto((page.root / path).as_uri())
        assert page.evaluate("document.documentElement.scrollWidth") <= 360, path
        box = page.locator(f"aside.{BANNER_CLASS}").bounding_box()
        assert box["y"] == 0 and box["width"] == 360 and box["height"] < 100, box
        page.screenshot(path=str(ARTIFACTS / f"preview-file-{name}.png"), full_page=False)
