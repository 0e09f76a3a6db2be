"""`make deploy` against a real S3 server (moto's, started on 127.0.0.1 by the
suite): first deploy, a one-product change, a removed product, the refusal
of a mass deletion (of objects or of pages), upload order, headers of every
file kind, only a site a strict `make build` finished, settings checked
before anything is sent, and the messages a person gets when something is
missing or wrong."""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from images import photo
from test_build import MINI_MKDOCS

from asppuk.build import MARK_NAME, write_mark
from asppuk.deploy import MANIFEST_NAME, DeployError, DeployOptions, Store, deploy, kinds
from asppuk.deploy.localserver import local_s3
from asppuk.deploy.plan import Entry, Head, Listed, LocalFile, Rules, make_plan, needs_head
from conftest import MINI, ROOT, write_tree

DAY = 86400.0
T0 = 1_800_000_000.0

# A small catalogue: two JarPUK, six products, two with photos
PRODUCTS = {
    **MINI,
    "categories.yml": MINI["categories.yml"] + "- id: kerajinan\n  name: Kerajinan\n",
    "desa/kain.yml": MINI["desa/kain.yml"] + "images:\n  - src: images/kain.jpg\n    alt: Kain merah\n",
    "desa/kue-lapis.yml": ("name: Kue lapis\ncategory: kue\nproducer: sri\ndescription: Kue lapis legit.\n"
                           "price: 90000\nunit: loyang\navailability: ready\n"),
    "desa/kue-bolu.yml": ("name: Kue bolu\ncategory: kue\nproducer: sri\ndescription: Bolu pandan.\n"
                          "price: 45000\nunit: loyang\navailability: pre-order\n"),
    "kota/jarpuk.yml": (
        "name: JarPUK Kota\ndistrict: Kota Contoh\nprovince: Sumatera Barat\nregion: sumatera\n"
        "contact:\n  name: Sekretariat Kota\n  phone: \"0812-0000-0198\"\n  whatsapp: true\n"
        "description: Jaringan kota.\n"),
    "kota/producers.yml": ("- id: rina\n  name: Rina\n  kind: puk\n  village: Desa Kota\n"
                           "  contact:\n    phone: \"0813-0000-0166\"\n    consent: false\n"),
    "kota/tas.yml": ("name: Tas anyaman\ncategory: kerajinan\nproducer: rina\ndescription: Tas pandan.\n"
                     "price: 150000\nunit: buah\navailability: ready\n"
                     "images:\n  - src: images/tas.jpg\n    alt: Tas anyaman pandan\n"),
    "kota/selendang.yml": ("name: Selendang songket\ncategory: tenun\nproducer: rina\n"
                           "description: Selendang.\nprice: 400000\nunit: lembar\navailability: ready\n"),
}


@pytest.fixture(scope="module")
def sites(tmp_path_factory) -> dict[str, Path]:
    """Three builds of one small project: as written (a), one price changed
    (b), one product removed after that (c)."""
    root = tmp_path_factory.mktemp("deploy-project")
    write_tree(root, {"mkdocs.yml": MINI_MKDOCS, "content/index.md": "# Beranda\n"})
    write_tree(root / "products", PRODUCTS)
    write_tree(root / "products/desa/images", {"kain.jpg": photo(900, 600)})
    write_tree(root / "products/kota/images", {"tas.jpg": photo(800, 800)})
    out = {}
    for name in ("a", "b", "c"):
        if name == "b":
            tas = root / "products/kota/tas.yml"
            tas.write_text(tas.read_text("utf-8").replace("price: 150000", "price: 175000"), "utf-8")
        if name == "c":
            (root / "products/desa/kue-bolu.yml").unlink()
        result = make_build(root, root / f"site-{name}")
        assert result.returncode == 0, result.stderr
        out[name] = root / f"site-{name}"
    return out


def make_build(project: Path, site: Path, *args: str) -> subprocess.CompletedProcess:
    """`make build`: scripts/build.py, strict, into a folder put in place only on success."""
    return subprocess.run([sys.executable, str(ROOT / "scripts/build.py"), "-f", str(project / "mkdocs.yml"),
                           "--site-dir", str(site), *args],
                          capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})


@pytest.fixture(scope="module")
def sample(site, tmp_path_factory) -> Path:
    """The real sample site (built strict) as `make build` leaves it: with its mark.
    Files are hard links: a test may remove some, never change one."""
    copy = tmp_path_factory.mktemp("sample") / "site"
    shutil.copytree(site, copy, copy_function=os.link)
    write_mark(copy)
    return copy


@pytest.fixture(scope="module")
def s3():
    with local_s3() as server, pytest.MonkeyPatch.context() as patch:
        for name, value in server.environ.items():
            patch.setenv(name, value)
        yield server


_buckets = iter(range(1000))


@pytest.fixture
def target(s3):
    """A new empty bucket (under a prefix, as a shared bucket would be used)."""
    name = f"site-{next(_buckets)}"
    s3.create_bucket(name)
    return s3.target(name, prefix="www/")


def bucket_keys(s3, target) -> dict[str, str]:
    """site-relative path -> ETag of every object under the prefix."""
    found = {}
    for page in s3.client().get_paginator("list_objects_v2").paginate(Bucket=target.bucket, Prefix=target.prefix):
        for item in page.get("Contents", []):
            found[item["Key"][len(target.prefix):]] = item["ETag"]
    return found


def site_paths(site: Path) -> set[str]:
    """What a deploy publishes: every file but the build's mark."""
    return {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file() and p.name != MARK_NAME}


def card_of(site: Path, url: str) -> str:
    html = (site / url / "index.html").read_text("utf-8")
    return re.search(r'property="og:image" content="https://[^/"]+/(assets/kartu/[0-9a-f]+\.jpg)"', html)[1]


def quiet(line: str) -> None:
    pass


def test_first_deploy_uploads_the_whole_site_and_a_second_nothing(sites, s3, target):
    site = sites["a"]
    first = deploy(site, target, DeployOptions(), out=quiet, now=T0)
    assert set(first.uploaded_paths) == site_paths(site)
    assert first.uploaded_bytes == sum((site / p).stat().st_size for p in site_paths(site))
    assert (site / MARK_NAME).is_file()   # the build's mark stays local
    assert first.deleted == 0
    assert set(bucket_keys(s3, target)) == site_paths(site) | {MANIFEST_NAME}
    # the bucket holds the very bytes of the site
    body = s3.client().get_object(Bucket=target.bucket, Key="www/produk/kota/tas/index.html")["Body"].read()
    assert body == (site / "produk/kota/tas/index.html").read_bytes()

    again = deploy(site, target, DeployOptions(), out=quiet, now=T0)
    assert again.uploaded == 0 and again.deleted == 0
    assert again.unchanged == len(site_paths(site))


def test_one_product_change_uploads_only_its_files_and_the_pages_that_list_it(sites, s3, target):
    a, b = sites["a"], sites["b"]
    deploy(a, target, DeployOptions(), out=quiet, now=T0)
    result = deploy(b, target, DeployOptions(), out=quiet, now=T0)
    uploaded = set(result.uploaded_paths)
    # the product's page in both languages
    pages = {"produk/kota/tas/index.html", "en/products/kota/tas/index.html"}
    assert pages <= uploaded
    old_card, new_card = card_of(a, "produk/kota/tas"), card_of(b, "produk/kota/tas")
    assert old_card != new_card and new_card in uploaded   # the card shows the price: a new name
    new_cards = {new_card, card_of(b, "en/products/kota/tas")}  # the English page has its own card
    assert new_cards <= uploaded and len(new_cards) == 2
    # no other product's page, photo or card is sent again
    for path in uploaded:
        if path.endswith(".html"):
            html = (b / path).read_text("utf-8")
            assert path in pages or "produk/kota/tas/" in html or "products/kota/tas/" in html, path
        else:
            assert (path in new_cards or path.startswith("pagefind/")
                    or path in ("produk/katalog.json", "produk/katalog.csv")   # the exports list every product
                    or path in ("produk/katalog-meta.csv", "produk/feed-google.xml",   # and so do the feeds
                                "en/products/catalog-meta.csv", "en/products/feed-google.xml")), path
    assert not any(p.startswith("assets/foto/") for p in uploaded)
    assert not any(p.startswith(("produk/desa/", "produsen/desa/", "jarpuk/desa/", "en/products/desa/",
                                 "en/makers/desa/", "en/networks/desa/")) for p in uploaded)
    assert len(uploaded) < 60, sorted(uploaded)
    # content-addressed files never go twice: only the new card and new index parts
    assert all(not kinds.is_immutable(p) or p not in site_paths(a) for p in uploaded)
    # the old card stays for pages cached before the deploy
    assert result.deleted == 0 and old_card in bucket_keys(s3, target)


def test_removed_product_is_deleted_and_its_photos_after_the_grace_days(sites, s3, target):
    b, c = sites["b"], sites["c"]
    deploy(b, target, DeployOptions(), out=quiet, now=T0)
    removed = deploy(c, target, DeployOptions(keep_days=7), out=quiet, now=T0 + DAY)
    # pages go at once: the product page answers 404 from now on
    assert removed.deleted_paths == ["en/products/desa/kue-bolu/index.html", "produk/desa/kue-bolu/index.html"]
    bolu_card = card_of(b, "produk/desa/kue-bolu")
    keys = bucket_keys(s3, target)
    assert bolu_card in keys and "produk/desa/kue-bolu/index.html" not in keys
    # eight days later the next deploy removes what pages no longer name
    later = deploy(c, target, DeployOptions(keep_days=7), out=quiet, now=T0 + 9 * DAY)
    assert later.uploaded == 0
    assert bolu_card in later.deleted_paths
    assert set(bucket_keys(s3, target)) == site_paths(c) | {MANIFEST_NAME}


def test_keep_days_zero_deletes_everything_the_site_lost_at_once(sites, s3, target):
    deploy(sites["b"], target, DeployOptions(), out=quiet)
    result = deploy(sites["c"], target, DeployOptions(keep_days=0), out=quiet)
    assert card_of(sites["b"], "produk/desa/kue-bolu") in result.deleted_paths
    assert set(bucket_keys(s3, target)) == site_paths(sites["c"]) | {MANIFEST_NAME}


def test_mass_deletion_is_refused_with_the_count_unless_forced(sites, s3, target, tmp_path):
    deploy(sites["a"], target, DeployOptions(), out=quiet)
    before = bucket_keys(s3, target)
    stub = write_tree(tmp_path / "site", {"index.html": "<h1>kosong</h1>", "404.html": "<h1>404</h1>"})
    write_mark(stub)
    with pytest.raises(DeployError) as refused:
        deploy(stub, target, DeployOptions(keep_days=0), out=quiet)
    count = len(site_paths(sites["a"])) - 2
    assert f"would delete {count:,} of the {len(before) - 1:,} files" in str(refused.value)
    assert "FORCE=1" in str(refused.value)
    assert bucket_keys(s3, target) == before   # nothing uploaded, nothing deleted

    forced = deploy(stub, target, DeployOptions(keep_days=0, force=True), out=quiet)
    assert forced.deleted == count
    assert set(bucket_keys(s3, target)) == {"index.html", "404.html", MANIFEST_NAME}


def test_losing_most_pages_is_refused_though_few_files_go_unless_forced(sample, s3, target, tmp_path):
    """A site/ that lost three quarters of its pages still has its photos,
    scripts and search files: under a quarter of the bucket's objects, so
    only the count of pages shows the loss."""
    deploy(sample, target, DeployOptions(), out=quiet)
    before = bucket_keys(s3, target)
    shrunk = tmp_path / "site"
    shutil.copytree(sample, shrunk, copy_function=os.link, ignore=shutil.ignore_patterns(MARK_NAME))
    pages = sorted(p for p in site_paths(shrunk) if p.endswith(".html") and p not in ("index.html", "404.html"))
    lost = pages[: len(pages) * 3 // 4]
    for path in lost:
        (shrunk / path).unlink()
    write_mark(shrunk)   # a build that finished, with the data it had
    published = len(pages) + 2
    assert len(lost) / (len(before) - 1) < DeployOptions().max_delete_share   # the objects' limit lets it through

    with pytest.raises(DeployError) as refused:
        deploy(shrunk, target, DeployOptions(), out=quiet)
    message = str(refused.value)
    assert f"would delete {len(lost):,} of the {published:,} published HTML pages" in message
    assert "max_delete_page_share, is 10%" in message and "FORCE=1" in message and lost[0] in message
    assert bucket_keys(s3, target) == before   # nothing uploaded, nothing deleted

    forced = deploy(shrunk, target, DeployOptions(force=True), out=quiet)
    assert sorted(forced.deleted_paths) == lost
    assert set(bucket_keys(s3, target)) == site_paths(shrunk) | {MANIFEST_NAME}


def test_dry_run_changes_nothing(sites, s3, target):
    lines: list[str] = []
    result = deploy(sites["a"], target, DeployOptions(dry_run=True), out=lines.append)
    assert result.uploaded == 0 and bucket_keys(s3, target) == {}
    assert any(line.startswith("  would upload produk/kota/tas/index.html") for line in lines)


class RecordingStore(Store):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.calls: list[tuple[str, str]] = []

    def put(self, file, headers):
        self.calls.append(("put", file.path))
        return super().put(file, headers)

    def delete(self, paths):
        self.calls.extend(("delete", p) for p in paths)
        return super().delete(paths)


def test_order_assets_then_pages_then_lists_then_deletions(sites, s3, target):
    deploy(sites["b"], target, DeployOptions(), out=quiet)
    store = RecordingStore(target, workers=8)
    deploy(sites["a"], target, DeployOptions(keep_days=0, workers=8), out=quiet, store=store)
    order = [kinds.phase(path) if call == "put" else len(kinds.PHASES) for call, path in store.calls]
    assert order == sorted(order), store.calls
    paths = [path for _, path in store.calls]
    # the product page after its new card, the search entry after the page, deletions last
    assert paths.index(card_of(sites["a"], "produk/kota/tas")) < paths.index("produk/kota/tas/index.html")
    assert paths.index("produk/kota/tas/index.html") < paths.index("pagefind/pagefind-entry.json")
    assert store.calls[-1][0] == "delete"


class FailingStore(Store):
    """A store whose uploads of one kind fail, as a dropped connection would."""

    def __init__(self, *args, fail_on: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fail_on = fail_on

    def put(self, file, headers):
        if file.path.endswith(self.fail_on):
            from botocore.exceptions import EndpointConnectionError

            raise EndpointConnectionError(endpoint_url=self.target.endpoint)
        return super().put(file, headers)


def test_failed_upload_stops_before_pages_and_the_next_deploy_sends_only_the_rest(sites, s3, target):
    a, b = sites["a"], sites["b"]
    deploy(a, target, DeployOptions(), out=quiet)
    before = bucket_keys(s3, target)
    store = FailingStore(target, workers=4, retries=1, fail_on=".pf_fragment")
    with pytest.raises(DeployError) as failed:
        deploy(b, target, DeployOptions(keep_days=0), out=quiet, store=store)
    message = str(failed.value)
    assert "uploads of the phase `content-addressed files` failed" in message and "Cannot reach" in message
    after = bucket_keys(s3, target)
    # the new card arrived; no page changed and nothing was deleted
    assert card_of(b, "produk/kota/tas") in after
    assert all(after[p] == before[p] for p in before if p.endswith(".html"))
    assert set(before) <= set(after)
    # the next deploy sends what is missing, not the card again
    again = deploy(b, target, DeployOptions(keep_days=0), out=quiet)
    assert card_of(b, "produk/kota/tas") not in again.uploaded_paths
    assert any(p.endswith(".pf_fragment") for p in again.uploaded_paths)
    assert "produk/kota/tas/index.html" in again.uploaded_paths
    assert set(bucket_keys(s3, target)) == site_paths(b) | {MANIFEST_NAME}


def test_headers_of_every_kind(sample, sites, s3, target):
    """Content-Type and Cache-Control as stored, for one file of each kind of
    the real sample site and of the photo site."""
    site = sample
    deploy(site, target, DeployOptions(), out=quiet)
    photos = s3.target(target.bucket, prefix="photos/")
    deploy(sites["a"], photos, DeployOptions(), out=quiet)
    short, year = kinds.CACHE_SHORT, kinds.CACHE_IMMUTABLE
    pagefind = site / "pagefind"
    photo_dir = next((sites["a"] / "assets/foto").iterdir()).relative_to(sites["a"]).as_posix()
    expected = {
        "index.html": ("text/html; charset=utf-8", short),
        "404.html": ("text/html; charset=utf-8", short),
        "assets/asppuk/catalog.css": ("text/css; charset=utf-8", short),
        "assets/asppuk/search.js": ("text/javascript; charset=utf-8", short),
        "assets/logo.svg": ("image/svg+xml", short),
        "assets/images/favicon.png": ("image/png", short),
        next(p for p in site_paths(site) if re.fullmatch(r"assets/javascripts/bundle\.[0-9a-f]{8}\.min\.js", p)):
            ("text/javascript; charset=utf-8", year),
        next(p for p in site_paths(site) if re.fullmatch(r"assets/stylesheets/main\.[0-9a-f]{8}\.min\.css", p)):
            ("text/css; charset=utf-8", year),
        card_of(site, "produk/sintang/kain-kebat"): ("image/jpeg", year),
        "produk/katalog.json": ("application/json", short),
        "produk/katalog.schema.json": ("application/json", short),
        "produk/katalog.csv": ("text/csv; charset=utf-8", short),
        "produk/template-produk.xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", short),
        "laporan/lampiran/laporan-keuangan-2011.csv": ("text/csv; charset=utf-8", short),
        "sitemap.xml": ("application/xml; charset=utf-8", short),
        "sitemap.xml.gz": ("application/gzip", short),
        "feed_rss_created.xml": ("application/rss+xml; charset=utf-8", short),
        "feed_json_created.json": ("application/feed+json", short),
        "admin/config.yml": ("text/yaml; charset=utf-8", short),   # Decap reads it only as yaml
        "pagefind/pagefind.js": ("text/javascript; charset=utf-8", short),
        "pagefind/pagefind-entry.json": ("application/json", short),
        "pagefind/wasm.id.pagefind": ("application/octet-stream", short),
        next(p.relative_to(site).as_posix() for p in pagefind.glob("pagefind.*.pf_meta")):
            ("application/octet-stream", year),
        next(p.relative_to(site).as_posix() for p in pagefind.glob("fragment/*.pf_fragment")):
            ("application/octet-stream", year),
        next(p.relative_to(site).as_posix() for p in pagefind.glob("index/*.pf_index")):
            ("application/octet-stream", year),
        next(p.relative_to(site).as_posix() for p in pagefind.glob("filter/*.pf_filter")):
            ("application/octet-stream", year),
        "photos/" + photo_dir + "/480.webp": ("image/webp", year),  # photos are WebP only
    }
    client = s3.client()
    for path, (content_type, cache) in expected.items():
        key = path if path.startswith("photos/") else target.prefix + path
        head = client.head_object(Bucket=target.bucket, Key=key)
        assert (head["ContentType"], head["CacheControl"]) == (content_type, cache), path
        assert "ContentEncoding" not in head, path   # Pagefind inflates its own files


def test_every_file_of_the_real_site_has_a_known_type(site):
    unknown = sorted(p for p in site_paths(site) if not kinds.known_type(p))
    assert unknown == []


def test_content_addressed_files_never_change_under_their_name(sites):
    """What is cached for a year must not change: across two builds, every
    path classified content-addressed that both have holds the same bytes."""
    a, b = sites["a"], sites["b"]
    common = [p for p in site_paths(a) & site_paths(b) if kinds.is_immutable(p)]
    assert any(p.startswith("assets/foto/") for p in common) and any(p.endswith(".pf_fragment") for p in common)
    changed = [p for p in common if (a / p).read_bytes() != (b / p).read_bytes()]
    assert changed == []


def test_lost_manifest_costs_requests_not_uploads(sites, s3, target):
    deploy(sites["a"], target, DeployOptions(), out=quiet)
    s3.client().delete_object(Bucket=target.bucket, Key=target.prefix + MANIFEST_NAME)
    again = deploy(sites["a"], target, DeployOptions(), out=quiet)
    assert again.uploaded == 0   # every object checked by HEAD (MD5 in its metadata) and adopted
    # an object changed by hand in the bucket is noticed and put right
    s3.client().put_object(Bucket=target.bucket, Key=target.prefix + "index.html", Body=b"defaced")
    fixed = deploy(sites["a"], target, DeployOptions(), out=quiet)
    assert fixed.uploaded_paths == ["index.html"]
    body = s3.client().get_object(Bucket=target.bucket, Key=target.prefix + "index.html")["Body"].read()
    assert body == (sites["a"] / "index.html").read_bytes()


def test_directory_keys_serve_pages_from_a_store_without_index_documents(sites, s3, target):
    result = deploy(sites["a"], target, DeployOptions(directory_keys=True), out=quiet)
    assert "produk/kota/tas/" in result.uploaded_paths
    head = s3.client().head_object(Bucket=target.bucket, Key=target.prefix + "produk/kota/tas/")
    assert head["ContentType"] == "text/html; charset=utf-8"
    body = s3.client().get_object(Bucket=target.bucket, Key=target.prefix + "produk/kota/tas/")["Body"].read()
    assert body == (sites["a"] / "produk/kota/tas/index.html").read_bytes()


def test_listing_in_parallel_ranges_finds_every_object(s3, target):
    """Range cuts come from the keys we expect; objects nobody expected are found too.
    (Small pages and ranges here, so that both are many with few objects.)"""
    client = s3.client()
    keys = [f"p/{i:04d}.html" for i in range(0, 900, 3)] + ["zz-stray.txt", "0-stray.txt", "p/0001-stray"]
    with ThreadPoolExecutor(8) as pool:
        list(pool.map(lambda key: client.put_object(Bucket=target.bucket, Key=target.prefix + key, Body=b"x"), keys))
    client.put_object(Bucket=target.bucket, Key="outside-the-prefix.html", Body=b"x")
    store = Store(target, workers=4)
    store.page_size, store.keys_per_range = 40, 100
    calls = []
    original = store.client.list_objects_v2
    store.client.list_objects_v2 = lambda **args: calls.append(args) or original(**args)
    expected = [f"p/{i:04d}.html" for i in range(900)]   # more than there are: cuts fall between objects
    listing = store.list(expected)
    assert sorted(listing) == sorted(keys)
    assert sum(1 for c in calls if "StartAfter" in c) == 7          # 8 ranges...
    assert sum(1 for c in calls if "ContinuationToken" in c) > 0    # ...of several pages


# --- the plan alone (no server) ---------------------------------------------

def _local(path: str, md5: str = "a" * 32, size: int = 10) -> LocalFile:
    return LocalFile(path, Path("/dev/null"), md5, size)


def test_plan_reuploads_when_only_the_headers_rules_changed():
    rules = Rules()
    want = rules.headers("index.html")
    manifest = {"index.html": Entry("a" * 32, 10, want.content_type, "max-age=60", '"e1"')}
    plan = make_plan({"index.html": _local("index.html")}, {"index.html": Listed('"e1"', 10)}, manifest, rules)
    assert [(u.file.path, u.reason) for u in plan.uploads] == [("index.html", "headers")]


def test_plan_checks_objects_the_manifest_does_not_vouch_for():
    rules = Rules()
    local = {"a.html": _local("a.html"), "b.html": _local("b.html")}
    listing = {"a.html": Listed('"x"', 10), "b.html": Listed('"y"', 10)}
    manifest = {"a.html": Entry("a" * 32, 10, "text/html; charset=utf-8", rules.cache_short, '"other"')}
    assert sorted(needs_head(local, listing, manifest)) == ["a.html", "b.html"]
    ok = rules.headers("a.html")
    heads = {"a.html": Head("a" * 32, ok.content_type, ok.cache_control, '"x"', 10),
             "b.html": Head("b" * 32, ok.content_type, ok.cache_control, '"y"', 10)}
    plan = make_plan(local, listing, manifest, rules, heads)
    assert [(u.file.path, u.reason) for u in plan.uploads] == [("b.html", "changed")]
    assert plan.unchanged["a.html"].etag == '"x"'


def test_plan_warns_when_a_content_addressed_file_changes():
    rules = Rules()
    path = "assets/kartu/0123456789abcdef0123.jpg"
    h = rules.headers(path)
    manifest = {path: Entry("b" * 32, 10, h.content_type, h.cache_control, '"e"')}
    plan = make_plan({path: _local(path)}, {path: Listed('"e"', 10)}, manifest, rules)
    assert plan.uploads[0].reason == "changed" and "content-addressed" in plan.warnings[0]


@pytest.mark.parametrize("path, immutable", [
    ("assets/foto/0123456789abcdef0123/640.webp", True),
    ("assets/kartu/0123456789abcdef0123.jpg", True),
    ("assets/javascripts/bundle.a5f9d56c.min.js", True),
    ("assets/javascripts/workers/search.a7633da7.min.js.map", True),
    ("pagefind/fragment/id_1881249.pf_fragment", True),
    ("pagefind/bagian-2/index/id_4acbd1c.pf_index", True),
    ("pagefind/pagefind.id_4ccd17f0c7.pf_meta", True),
    ("pagefind/pagefind-entry.json", False),
    ("pagefind/wasm.id.pagefind", False),      # named by Pagefind's version, not its content
    ("admin/9661.decap-cms.js", False),         # webpack chunk ids, not hashes
    ("assets/asppuk/catalog.css", False),
    ("assets/javascripts/lunr/min/lunr.de.min.js", False),
    ("produk/katalog.json", False),
])
def test_content_addressed_classification(path, immutable):
    assert kinds.is_immutable(path) is immutable


# --- messages for the person who deploys ------------------------------------

def run_cli(args: list[str], env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "scripts/deploy.py"), *args], capture_output=True,
                          text=True, cwd=cwd, env={k: v for k, v in env.items() if v is not None})


def test_cli_messages_without_a_traceback(sites, s3, target, tmp_path):
    config = tmp_path / "deploy.toml"
    config.write_text(f'[bucket]\nendpoint = "{s3.endpoint}"\nregion = "us-east-1"\nname = "{target.bucket}"\n'
                      'prefix = "cli"\naddressing_style = "path"\n', "utf-8")
    env = {**os.environ, **s3.environ}
    site = ["--site", str(sites["a"]), "--config", str(config)]

    no_keys = run_cli(site, {**env, "AWS_ACCESS_KEY_ID": None, "AWS_SECRET_ACCESS_KEY": None}, tmp_path)
    assert no_keys.returncode == 1 and "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not set" in no_keys.stderr

    missing_bucket = run_cli(site, {**env, "ASPPUK_S3_BUCKET": "no-such-bucket"}, tmp_path)
    assert missing_bucket.returncode == 1 and "`no-such-bucket` does not exist" in missing_bucket.stderr

    no_site = run_cli(["--site", str(tmp_path / "nothing"), "--config", str(config)], env, tmp_path)
    assert no_site.returncode == 1 and "make build" in no_site.stderr

    (tmp_path / "empty.toml").write_text("[bucket]\n", "utf-8")
    no_config = run_cli(["--site", str(sites["a"]), "--config", str(tmp_path / "empty.toml")],
                        {**env, "ASPPUK_S3_BUCKET": None}, tmp_path)
    assert no_config.returncode == 1 and "ASPPUK_S3_BUCKET" in no_config.stderr

    (tmp_path / "secret.toml").write_text('[bucket]\nname = "x"\naws_secret_access_key = "abc"\n', "utf-8")
    secret = run_cli(["--site", str(sites["a"]), "--config", str(tmp_path / "secret.toml")], env, tmp_path)
    assert secret.returncode == 1 and "looks like a credential" in secret.stderr

    ok = run_cli(site, env, tmp_path)
    assert ok.returncode == 0, ok.stderr
    assert "Done in" in ok.stdout and f"{len(site_paths(sites['a'])):,} files uploaded" in ok.stdout
    for result in (no_keys, missing_bucket, no_site, no_config, secret, ok):
        assert "Traceback" not in result.stderr


def test_only_a_site_a_strict_build_finished_is_deployed(s3, target, tmp_path):
    """A failed build never leaves a site/ that the deploy accepts: a failed
    `make build` leaves site/ as it was and nothing half-written beside it;
    a failed build in place, or a site changed after its build, is refused."""
    project = write_tree(tmp_path / "project", {"mkdocs.yml": MINI_MKDOCS, "content/index.md": "# Beranda\n"})
    write_tree(project / "products", MINI)
    site = tmp_path / "site"
    config = write_tree(tmp_path, {"deploy.toml": f'[bucket]\nendpoint = "{s3.endpoint}"\nregion = "us-east-1"\n'
                                                  f'name = "{target.bucket}"\naddressing_style = "path"\n'})
    env = {**os.environ, **s3.environ}

    def dry_run() -> subprocess.CompletedProcess:
        return run_cli(["--site", str(site), "--config", str(config / "deploy.toml"), "--dry-run"], env, tmp_path)

    def files() -> dict[str, bytes]:
        return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}

    good = make_build(project, site)
    assert good.returncode == 0, good.stderr
    assert '"strict": true' in (site / MARK_NAME).read_text("utf-8")
    assert dry_run().returncode == 0
    built = files()

    # a broken product: the build fails, also when asked not to be strict
    write_tree(project / "products", {"desa/rusak.yml": "name: Rusak\nprice: 50.000\n"})
    for args in ((), ("--no-strict",)):
        failed = make_build(project, site, *args)
        assert failed.returncode == 1 and "products/desa/rusak.yml:2" in failed.stderr, failed.stderr
        assert files() == built   # site/ as it was...
        assert sorted(p.name for p in tmp_path.iterdir()) == ["deploy.toml", "project", "site"]   # ...nothing beside it

    # what happened before `make build` did this: MkDocs, in place, writes every page
    # and then fails on the warning (a broken link); its clean keeps dotfiles
    (project / "products/desa/rusak.yml").unlink()
    write_tree(project, {"content/index.md": "# Beranda\n\n[Tentang](tentang.md)\n"})
    in_place = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project / "mkdocs.yml"),
                               "-d", str(site)], capture_output=True, text=True)
    assert in_place.returncode == 1 and "tentang.md" in in_place.stderr
    assert (site / "index.html").is_file() and (site / "produk/desa/kain/index.html").is_file()
    refused = dry_run()
    assert refused.returncode == 1 and "has no .asppuk-build.json" in refused.stderr
    assert "run `make build`" in refused.stderr and "Traceback" not in refused.stderr

    # nor can -q undo it (`mkdocs build --strict -q` lets that broken link through)
    quiet_build = make_build(project, site, "-q")
    assert quiet_build.returncode == 2 and "build: -q (--quiet) hides MkDocs' warnings" in quiet_build.stderr
    strict = make_build(project, site)
    assert strict.returncode == 1 and "tentang.md" in strict.stderr

    # fixed and built again; then a page lost after the build (no MkDocs involved) is noticed
    write_tree(project, {"content/index.md": "# Beranda\n"})
    assert make_build(project, site).returncode == 0 and dry_run().returncode == 0
    (site / "produk/desa/kain/index.html").unlink()
    refused = dry_run()
    assert refused.returncode == 1 and "changed after `make build` finished" in refused.stderr
    assert s3.client().list_objects_v2(Bucket=target.bucket).get("KeyCount", 0) == 0   # dry runs only


def test_ci_and_deploy_build_strict_through_the_build_script():
    """Strictness lives on the command lines that publish (mkdocs.yml is not
    strict, so that `mkdocs serve` keeps serving): `make build` is
    scripts/build.py, which always adds --strict (shown failing above), and
    CI builds and deploys only through make."""
    import yaml

    makefile = (ROOT / "Makefile").read_text("utf-8")
    assert re.search(r"^build: install\n(?:#.*\n)*\t\$\(BIN\)/python scripts/build.py --site-dir site"
                     r"\$\(if \$\(PREVIEW\), --preview\)$", makefile, re.M)
    assert re.search(r"^deploy: build$", makefile, re.M)
    jobs = yaml.safe_load((ROOT / ".github/workflows/site.yml").read_text("utf-8"))["jobs"]
    runs = {name: [step.get("run", "") for step in job["steps"]] for name, job in jobs.items()}
    assert "make build" in runs["checks"] and "make build" in runs["deploy-pages"]
    assert "make deploy" in runs["deploy-bucket"]
    assert not any("mkdocs" in run for steps in runs.values() for run in steps)


def test_unreachable_endpoint_is_a_message(sites, s3, tmp_path):
    import socket

    with socket.socket() as s:   # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    unreachable = s3.target("anything", "")
    unreachable.endpoint = f"http://127.0.0.1:{port}"
    with pytest.raises(DeployError, match="Cannot reach the storage endpoint http://127.0.0.1"):
        deploy(sites["a"], unreachable, DeployOptions(retries=1), out=quiet)


def test_config_file_then_environment(tmp_path):
    from asppuk.deploy.config import load

    config = tmp_path / "deploy.toml"
    config.write_text('[bucket]\nname = "from-file"\nprefix = "/www/"\nregion = "auto"\n'
                      "[deploy]\nkeep_days = 3\nmax_delete_share = 0.1\n", "utf-8")
    target, options = load(config, environ={})
    assert (target.bucket, target.prefix, target.region, target.endpoint) == ("from-file", "www/", "auto", None)
    assert (options.keep_days, options.max_delete_share) == (3.0, 0.1)
    target, _ = load(config, environ={"ASPPUK_S3_BUCKET": "from-ci", "ASPPUK_S3_PREFIX": "",
                                      "ASPPUK_S3_ENDPOINT": "https://example.r2.cloudflarestorage.com"})
    assert (target.bucket, target.prefix, target.endpoint) == ("from-ci", "www/", "https://example.r2.cloudflarestorage.com")
    # the shipped file names no bucket: the message says where to set one
    with pytest.raises(DeployError, match="ASPPUK_S3_BUCKET"):
        load(ROOT / "deploy.toml", environ={})
    config.write_text("[deploy]\nworkers = true\n", "utf-8")
    with pytest.raises(DeployError, match=r"\[deploy\] workers must be a whole number\.$"):
        load(config, environ={"ASPPUK_S3_BUCKET": "bucket"})
    # the prefix is normalised; local plain http and ports are fine
    config.write_text('[bucket]\nname = "b-1"\nprefix = "//sites//www/"\nendpoint = "http://localhost:9000"\n'
                      "[deploy]\nworkers = 64\nmax_delete_share = 1\nkeep_days = 0\n", "utf-8")
    target, options = load(config, environ={})
    assert (target.prefix, target.endpoint, options.workers) == ("sites/www/", "http://localhost:9000", 64)
    target, _ = load(config, environ={"ASPPUK_S3_PREFIX": "/", "ASPPUK_S3_ENDPOINT": "https://127.0.0.1:8443"})
    assert (target.prefix, target.endpoint) == ("", "https://127.0.0.1:8443")
    config.write_text("[deploy]\nkeep_dayz = 3\n", "utf-8")
    with pytest.raises(DeployError, match="unknown setting `keep_dayz`"):
        load(config, environ={"ASPPUK_S3_BUCKET": "bucket"})


# Secrets a careless setting could carry: none may appear in any output
KEY, SECRET = "AKIAEXAMPLEKEY1234", "wJalrXUtnFEMIexampleSECRET"


@pytest.mark.parametrize("setting, value, env, says", [
    ("prefix", '"../other"', {}, "deploy.toml: [bucket] prefix has a `.` or `..` folder"),
    ("prefix", '"www/../../other"', {}, "[bucket] prefix has a `.` or `..` folder"),
    ("prefix", None, {"ASPPUK_S3_PREFIX": "www/.."}, "environment variable ASPPUK_S3_PREFIX has a `.` or `..`"),
    ("prefix", '"sites\\\\www"', {}, "[bucket] prefix has a backslash"),
    ("prefix", '"C:/site"', {}, "[bucket] prefix looks like an address or a drive"),
    ("prefix", '"s3://bucket/www"', {}, "[bucket] prefix looks like an address or a drive"),
    ("prefix", None, {"ASPPUK_S3_PREFIX": "www\x1b[2Jx"}, "ASPPUK_S3_PREFIX has a control character"),
    ("endpoint", f'"http://{KEY}:{SECRET}@127.0.0.1:1"', {}, "[bucket] endpoint holds a user name or password"),
    ("endpoint", None, {"ASPPUK_S3_ENDPOINT": f"https://{KEY}:{SECRET}@x.r2.cloudflarestorage.com"},
     "environment variable ASPPUK_S3_ENDPOINT holds a user name or password"),
    ("endpoint", '"file:///etc"', {}, "[bucket] endpoint must be an address starting with https://"),
    ("endpoint", f'"{SECRET}.r2.cloudflarestorage.com"', {}, "[bucket] endpoint must be an address starting with https://"),
    ("endpoint", f'"http://{SECRET}.example.com"', {}, "[bucket] endpoint must start with https://"),
    ("endpoint", '"https://"', {}, "[bucket] endpoint has no valid host name"),
    ("endpoint", f'"https://{SECRET}.example.com:99999"', {}, "[bucket] endpoint has a port that is not a number"),
    ("endpoint", f'"https://example.com:{SECRET}"', {}, "[bucket] endpoint has a port that is not a number"),
    ("endpoint", f'"https://example.com/?X-Amz-Signature={SECRET}"', {}, "[bucket] endpoint must be only the address"),
    ("endpoint", f'"https://example.com\\n{SECRET}"', {}, "[bucket] endpoint has a space or a control character"),
    ("name", '"../other"', {}, "[bucket] name is not a bucket name"),
    ("region", '"example.com/x#"', {}, "[bucket] region is not a region name"),
    ("addressing_style", f'"{SECRET}"', {}, "[bucket] addressing_style must be auto, path or virtual"),
    ("workers", "0", {}, "[deploy] workers must be a whole number from 1 to 64"),
    ("workers", "1000", {}, "[deploy] workers must be a whole number from 1 to 64"),
    ("workers", f'"{SECRET}"', {}, "[deploy] workers must be a whole number."),
    ("workers", "1.5", {}, "[deploy] workers must be a whole number."),
    ("max_delete_share", "0", {}, "[deploy] max_delete_share must be a share above 0 and at most 1"),
    ("max_delete_share", "1.5", {}, "[deploy] max_delete_share must be a share above 0 and at most 1"),
    ("max_delete_page_share", "nan", {}, "[deploy] max_delete_page_share must be a share above 0"),
    ("keep_days", "-1", {}, "[deploy] keep_days must be a number of days, 0 or more"),
    ("keep_days", "inf", {}, "[deploy] keep_days must be a number of days, 0 or more"),
    ("cache_short", f'"public\\r\\nX-Leak: {SECRET}"', {}, "[deploy] cache_short must be a Cache-Control value"),
    (None, None, {"AWS_SECRET_ACCESS_KEY": SECRET + "\n"}, "AWS_SECRET_ACCESS_KEY has a space, a line break"),
])
def test_bad_settings_are_refused_before_anything_is_sent(sites, s3, target, tmp_path, monkeypatch, capsys,
                                                         setting, value, env, says):
    """Through scripts/deploy.py's main(): exit 1, one line naming the setting,
    no traceback, no secret echoed, nothing sent (the bucket stays empty)."""
    settings = {"endpoint": f'"{s3.endpoint}"', "region": '"us-east-1"', "name": f'"{target.bucket}"',
                "prefix": '"www"', "addressing_style": '"path"'}
    deploy_settings = {}
    if value is not None:
        (settings if setting in settings else deploy_settings)[setting] = value
    config = tmp_path / "deploy.toml"
    config.write_text("[bucket]\n" + "".join(f"{k} = {v}\n" for k, v in settings.items())
                      + "[deploy]\n" + "".join(f"{k} = {v}\n" for k, v in deploy_settings.items()), "utf-8")
    for name, variable in env.items():
        monkeypatch.setenv(name, variable)
    monkeypatch.chdir(tmp_path)   # the message names the file as given: deploy.toml
    script = importlib.util.spec_from_file_location("deploy_script", ROOT / "scripts/deploy.py")
    module = importlib.util.module_from_spec(script)
    script.loader.exec_module(module)

    code = module.main(["--site", str(sites["a"]), "--config", "deploy.toml"])
    out, err = capsys.readouterr()
    assert code == 1
    assert len(err.splitlines()) == 1 and err.startswith("deploy: ") and says in err, err
    for secret in (KEY, SECRET):
        assert secret not in out + err
    assert s3.client().list_objects_v2(Bucket=target.bucket).get("KeyCount", 0) == 0
