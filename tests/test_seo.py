"""Search engines and feed readers (issue 26): robots.txt, icons, the
sitemap's alternates and dates, English descriptions, BreadcrumbList
JSON-LD, and the news feeds as feed readers read them (feedparser)."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin

import feedparser
import pytest
from PIL import Image

from asppuk.catalog.loader import load_catalog
from asppuk.catalog.translations import empty_categories, format_empty_categories
from asppuk.feeds import fix_json, fix_rss
from asppuk.images.icons import IconError, make_icons, render
from conftest import ROOT

SITE_URL = "https://www.asppuk.or.id/"
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
LOGO = (ROOT / "content" / "assets" / "logo.svg").read_bytes()


def built_file(site: Path, url: str) -> Path | None:
    """The file a web server answers for a full address of the site, or None."""
    assert url.startswith(SITE_URL), url
    path = url[len(SITE_URL):].split("#")[0]
    target = site / path
    if path == "" or path.endswith("/"):
        target = target / "index.html"
    return target if target.is_file() else None


def git_date(path: str) -> str | None:
    out = subprocess.run(["git", "-C", str(ROOT), "log", "-1", "--format=%cI", "--", path],
                         capture_output=True, text=True).stdout.strip()
    return dt.datetime.fromisoformat(out).astimezone(dt.UTC).date().isoformat() if out else None


class Head(HTMLParser):
    """Links, meta tags, JSON-LD scripts and breadcrumb links of a page."""

    def __init__(self):
        super().__init__()
        self.links: list[dict] = []
        self.meta: list[dict] = []
        self.jsonld: list[str] = []
        self.crumbs: list[tuple[str, str]] = []  # (text, href) of nav.puk-crumbs
        self._script = self._crumb = None
        self._in_crumbs = False

    def handle_starttag(self, tag, attrs):
        a = {k: v or "" for k, v in attrs}
        if tag == "link":
            self.links.append(a)
        elif tag == "meta":
            self.meta.append(a)
        elif tag == "script" and a.get("type") == "application/ld+json":
            self._script = []
        elif tag == "nav" and "puk-crumbs" in a.get("class", "").split():
            self._in_crumbs = True
        elif tag == "a" and self._in_crumbs:
            self._crumb = [a.get("href", ""), []]

    def handle_endtag(self, tag):
        if tag == "script" and self._script is not None:
            self.jsonld.append("".join(self._script))
            self._script = None
        elif tag == "a" and self._crumb is not None:
            self.crumbs.append(("".join(self._crumb[1]).strip(), self._crumb[0]))
            self._crumb = None
        elif tag == "nav":
            self._in_crumbs = False

    def handle_data(self, data):
        if self._script is not None:
            self._script.append(data)
        if self._crumb is not None:
            self._crumb[1].append(data)


def read(path: Path) -> Head:
    head = Head()
    head.feed(path.read_text("utf-8"))
    return head


def page_url(site: Path, path: Path) -> str:
    relative = path.relative_to(site).as_posix()
    return SITE_URL + relative.removesuffix("index.html")


def pages(site: Path):
    for path in sorted(site.rglob("*.html")):
        relative = path.relative_to(site).as_posix()
        if relative.startswith(("admin/", "pagefind/")) or relative == "404.html":
            continue
        yield path


# robots.txt and icons


def test_robots_txt_names_the_sitemap(site):
    robots = (site / "robots.txt").read_text("ascii").splitlines()
    assert "User-agent: *" in robots and "Disallow: /" not in robots
    assert f"Sitemap: {SITE_URL}sitemap.xml" in robots
    assert (site / "sitemap.xml").is_file()


def test_a_preview_build_still_disallows_all(site, tmp_path):
    from asppuk.preview import mark_online

    copy = tmp_path / "site"
    shutil.copytree(site, copy)
    mark_online(copy)
    robots = (copy / "robots.txt").read_text("ascii").splitlines()
    assert "Disallow: /" in robots and not any(line.startswith("Sitemap:") for line in robots)
    assert "Sitemap:" in (site / "robots.txt").read_text("ascii")  # the site's own is untouched


def test_icons_are_drawn_from_the_logo(site):
    ico = Image.open(site / "favicon.ico")
    assert ico.format == "ICO" and {(16, 16), (32, 32), (48, 48)} <= set(ico.info["sizes"])
    touch = Image.open(site / "apple-touch-icon.png")
    assert touch.format == "PNG" and touch.size == (180, 180) and touch.mode == "RGB"  # opaque, for iOS
    feed = Image.open(site / "assets/asppuk/feed-logo.png")
    assert feed.format == "PNG" and feed.size[0] <= 144 and feed.size[1] <= 400
    # the logo's colours where the logo has them: its ground, the gold diamond, the light centre
    def near(pixel, colour):  # scaling down blends a pixel or two at the edges
        return all(abs(a - b) <= 4 for a, b in zip(pixel[:3], colour))

    large = render(LOGO, 48).convert("RGBA")
    assert near(large.getpixel((24, 24)), (0xfd, 0xf3, 0xe1))
    assert near(large.getpixel((4, 40)), (0x7a, 0x2e, 0x1d))
    assert near(large.getpixel((14, 20)), (0xf2, 0xb1, 0x34))
    assert large.getpixel((0, 0))[3] == 0  # the rounded corner stays transparent in the favicon
    assert near(touch.getpixel((0, 0)), (0x7a, 0x2e, 0x1d))  # and takes the logo's ground in the touch icon


def test_a_logo_the_icons_cannot_draw_is_refused():
    text = b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><text>A</text></svg>'
    with pytest.raises(IconError, match="<text>"):
        make_icons(text)
    curve = b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><path d="M0 0C1 1 2 2 3 3Z"/></svg>'
    with pytest.raises(IconError, match="straight lines"):
        make_icons(curve)


def test_every_page_links_the_icons(site):
    for path in pages(site):
        links = read(path).links
        hrefs = {(link.get("rel"), link.get("href")) for link in links}
        here = page_url(site, path)
        for rel, name in (("icon", "favicon.ico"), ("apple-touch-icon", "apple-touch-icon.png")):
            found = [href for r, href in hrefs if r == rel and href.endswith(name)]
            assert found, (path, rel)
            assert built_file(site, urljoin(here, found[0])) is not None, (path, found)


# sitemap


def sitemap(site: Path) -> dict[str, tuple[str | None, dict[str, str]]]:
    out = {}
    for entry in ET.parse(site / "sitemap.xml").getroot().findall("s:url", NS):
        loc = entry.find("s:loc", NS).text
        lastmod = entry.find("s:lastmod", NS)
        out[loc] = (lastmod.text if lastmod is not None else None,
                    {link.get("hreflang"): link.get("href") for link in entry.findall("x:link", NS)})
    return out


def test_sitemap_alternates_are_reciprocal_with_x_default(site):
    entries = sitemap(site)
    with_alternates = {loc: alts for loc, (_, alts) in entries.items() if alts}
    assert f"{SITE_URL}en/" in with_alternates and SITE_URL in with_alternates
    assert len(with_alternates) > 40
    for loc, alternates in with_alternates.items():
        assert set(alternates) == {"id", "en", "x-default"}, loc
        assert loc in (alternates["id"], alternates["en"]), loc
        assert alternates["x-default"] == alternates["id"], loc
        other = alternates["en"] if loc == alternates["id"] else alternates["id"]
        assert other in entries, (loc, other)
        assert entries[other][1] == alternates, (loc, other)  # the counterpart lists the same pair back
        assert built_file(site, other) is not None


def test_every_page_with_a_translation_is_paired_in_the_sitemap(site):
    entries = sitemap(site)
    for path in pages(site):
        hreflang = {link.get("hreflang"): link.get("href") for link in read(path).links if link.get("hreflang")}
        if "x-default" in hreflang:
            url = page_url(site, path)
            assert url in entries, url
            assert entries[url][1] == {k: hreflang[k] for k in ("id", "en", "x-default")}, url


def test_lastmod_is_the_contents_date(site):
    entries = sitemap(site)
    # a news post: the latest of its date and its file's last commit
    post = "content/berita/posts/2011-12-30-buku-katanya-menggugat-dan-aku-dalam-gerak.md"
    url = f"{SITE_URL}berita/2011/12/30/peluncuran-buku-katanya-menggugat-dan-aku-dalam-gerak/"
    assert entries[url][0] == max(d for d in ("2011-12-30", git_date(post)) if d)
    # a product: its file's last commit or its `added`, whichever is later, in both languages
    catalog, _ = load_catalog(ROOT / "products")
    product = next(p for p in catalog.products if p.added)
    assert git_date(product.source) is not None  # its path is the project's, as git names it
    expected = max(d for d in (product.added, git_date(product.source)) if d)
    for prefix in ("produk", "en/products"):
        assert entries[f"{SITE_URL}{prefix}/{product.jarpuk.id}/{product.id}/"][0] == expected
    # a page of content/: its file's last commit
    assert entries[f"{SITE_URL}tentang/visi-misi/"][0] == git_date("content/tentang/visi-misi.md")
    for _loc, (lastmod, _) in entries.items():
        if lastmod is not None:
            dt.date.fromisoformat(lastmod)
    # Not the build's date (MkDocs' default): the finder, whose content has no
    # date, carries none. (Counting pages dated today would depend on when the
    # last commit touched the data: one that touched every file is today's.)
    assert entries[f"{SITE_URL}produk/cari/"][0] is None


def test_an_empty_category_is_not_published(site):
    catalog, _ = load_catalog(ROOT / "products")
    empty = empty_categories(catalog)
    assert "batik" in empty
    assert "batik" in format_empty_categories(empty)
    text = (site / "sitemap.xml").read_text("utf-8")
    for category in empty:
        assert not (site / "produk" / "kategori" / category).exists()
        assert not (site / "en" / "products" / "category" / category).exists()
        assert f"/kategori/{category}/" not in text and f"/category/{category}/" not in text
    for category in catalog.categories.values():
        if category.products:
            assert (site / "produk" / "kategori" / category.id / "index.html").is_file()

    # make check names it in its to-do, after its verdict, and does not fail for it
    check = subprocess.run([sys.executable, str(ROOT / "scripts/check.py")], cwd=ROOT, capture_output=True, text=True)
    assert check.returncode == 0, check.stderr
    todo = next(line for line in check.stdout.splitlines() if line.startswith("Kategori tanpa produk"))
    assert todo.endswith(": batik.")


# descriptions


def description(head: Head) -> str:
    return next(m["content"] for m in head.meta if m.get("name") == "description")


def test_english_pages_have_english_descriptions(site):
    checked = 0
    for path in pages(site):
        if not path.relative_to(site).as_posix().startswith("en/"):
            continue
        head = read(path)
        text = description(head)
        assert "Asosiasi Pendamping Perempuan Usaha Kecil: jaringan" not in text, path
        original = next((link["href"] for link in head.links if link.get("hreflang") == "id"), None)
        if original:
            target = built_file(site, original)
            assert target is not None
            assert text != description(read(target)), path
            checked += 1
    assert checked >= 8


# breadcrumbs


def test_breadcrumbs_have_breadcrumblist_jsonld_with_the_items_shown(site):
    found = 0
    for path in pages(site):
        head = read(path)
        lists = [data for data in map(json.loads, head.jsonld) if data.get("@type") == "BreadcrumbList"]
        if not head.crumbs:
            assert not lists, path
            continue
        found += 1
        assert len(lists) == 1, path
        items = lists[0]["itemListElement"]
        here = page_url(site, path)
        assert [item["position"] for item in items] == list(range(1, len(head.crumbs) + 1))
        for item, (text, href) in zip(items, head.crumbs, strict=True):
            assert item["@type"] == "ListItem"
            assert item["name"] == text, path
            assert item["item"] == urljoin(here, href), path
            assert built_file(site, item["item"]) is not None, (path, item)
    assert found > 20  # products, listings, JarPUK, producers, stories, both languages


# feeds


def test_rss_feeds_as_a_feed_reader_reads_them(site):
    for name in ("feed_rss_created.xml", "feed_rss_updated.xml"):
        raw = (site / name).read_text("utf-8")
        feed = feedparser.parse(raw)
        assert not feed.bozo, (name, feed.get("bozo_exception"))
        assert feed.version == "rss20"
        assert "<author>" not in raw  # RSS 2.0's author is an e-mail address: names go in dc:creator
        image = feed.feed.image
        assert image.href.endswith(".png") and int(image.width) <= 144
        assert Image.open(built_file(site, image.href)).format == "PNG"
        assert feed.entries
        for entry in feed.entries:
            assert entry.author and "@" not in entry.author
            assert built_file(site, entry.link) is not None


def test_the_updated_feed_dates_posts_by_their_content(site):
    feed = feedparser.parse((site / "feed_rss_updated.xml").read_text("utf-8"))
    posts = {p.name: p for p in (ROOT / "content/berita/posts").glob("*.md") if not p.name.endswith(".en.md")}
    for entry in feed.entries:
        published = dt.datetime(*entry.published_parsed[:6])
        assert (published.hour, published.minute, published.second) == (17, 0, 0), entry.link  # 00:00 WIB
        day = (published + dt.timedelta(hours=7)).date().isoformat()
        match = re.search(r"/berita/(\d{4})/(\d{2})/(\d{2})/", entry.link)
        post_day = "-".join(match.groups())
        candidates = [name for name in posts if name.startswith(post_day)]
        expected = max(d for d in [post_day] + [git_date(f"content/berita/posts/{n}") for n in candidates] if d)
        assert day == expected, entry.link


def test_json_feeds(site):
    for name in ("feed_json_created.json", "feed_json_updated.json"):
        raw = json.loads((site / name).read_text("utf-8"))
        assert raw["icon"].endswith(".png") and built_file(site, raw["icon"]) is not None
        assert raw["authors"] and all(author.get("name") for author in raw["authors"])
        for item in raw["items"]:
            assert "image" not in item or isinstance(item["image"], str), item["id"]
            assert item.get("authors") and all(a.get("name") for a in item["authors"])
        # feedparser 6.0 reads no JSON Feed: JSON Feed 1.1's rules, checked here
        assert raw["version"] == "https://jsonfeed.org/version/1.1" and raw["title"]
        assert built_file(site, raw["feed_url"]).name == name
        for item in raw["items"]:
            assert isinstance(item["id"], str) and built_file(site, item["url"]) is not None
            assert item.get("content_html") or item.get("content_text")
            dt.datetime.fromisoformat(item["date_published"])
            dt.datetime.fromisoformat(item["date_modified"])


def test_the_json_feed_is_linked_where_the_rss_feed_is(site):
    for page in ("index.html", "berita/index.html", "en/index.html"):
        head = read(site / page)
        rss = [link for link in head.links if link.get("type") == "application/rss+xml"]
        json_links = [link for link in head.links if link.get("type") == "application/feed+json"]
        assert bool(rss) == bool(json_links), page
        for link in json_links:
            assert "alternate" in link["rel"].split()
            assert built_file(site, urljoin(page_url(site, site / page), link["href"])).name == \
                "feed_json_created.json"
    assert [link for link in read(site / "index.html").links if link.get("type") == "application/feed+json"]
    product = read(site / "produk/padang/wajik/index.html")
    assert not [link for link in product.links if link.get("type") == "application/feed+json"]


def test_feed_fixes_escape_names():
    xml = ("<rss><channel><title>T</title><image><url>x.svg</url></image>"
           "<item><author>A & B</author></item></channel></rss>")
    fixed = fix_rss(xml, "https://e.org/l.png", "T", "https://e.org/")
    assert "<dc:creator>A &amp; B</dc:creator>" in fixed and "x.svg" not in fixed and "<width>144</width>" in fixed
    feed = fix_json({"authors": [], "items": [{"image": None, "authors": []}]}, "https://e.org/l.png",
                    "ASPPUK", "https://e.org/")
    assert feed["authors"] == [{"name": "ASPPUK", "url": "https://e.org/"}]
    assert feed["items"] == [{}]


def test_git_dates_in_one_call_and_none_from_a_shallow_clones_boundary(tmp_path):
    from asppuk.sitedates import git_dates

    repo = tmp_path / "repo"
    repo.mkdir()

    def git(*args, cwd=repo, date="2024-01-02T10:00:00+00:00"):
        env = {"GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date, "GIT_AUTHOR_NAME": "t",
               "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org",
               "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
        subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True)

    git("init", "-q", "-b", "main")
    (repo / "content").mkdir()
    (repo / "content/a.md").write_text("a")
    (repo / "content/b c.md").write_text("b")
    git("add", "-A")
    git("commit", "-qm", "one", date="2024-01-02T23:30:00-03:00")  # 2024-01-03 in UTC
    (repo / "content/a.md").write_text("a2")
    (repo / "other.md").write_text("x")
    git("add", "-A")
    git("commit", "-qm", "two", date="2024-03-04T08:00:00+07:00")
    (repo / "content/new.md").write_text("never committed")
    assert git_dates(repo, ["content"]) == {"content/a.md": "2024-03-04", "content/b c.md": "2024-01-03"}
    # the site's project may sit in a folder of the repository: paths are relative to it
    assert git_dates(repo / "content", ["."]) == {"a.md": "2024-03-04", "b c.md": "2024-01-03"}
    shallow = tmp_path / "shallow"
    git("clone", "-q", "--depth", "1", f"file://{repo}", str(shallow), cwd=tmp_path)
    assert git_dates(shallow, ["content"]) == {}  # every file seems changed in the one commit fetched
    assert git_dates(tmp_path / "no-git-here", ["content"]) == {}


@pytest.mark.browser
def test_the_icon_looks_as_chromium_draws_the_logo(tmp_path):
    """Our drawing of the SVG against Chromium's, pixel by pixel, at the touch icon's size."""
    from PIL import ImageChops

    from conftest import CHROMIUM, missing

    if not Path(CHROMIUM).exists():
        missing("Debian's chromium is not installed (make test installs it: scripts/ensure-chromium)")
    page = tmp_path / "logo.html"
    page.write_text(f'<html><body style="margin:0;background:#fff"><img src="{(ROOT / "content/assets/logo.svg").as_uri()}"'
                    ' width="180" height="180" style="display:block"></body></html>')
    shot = tmp_path / "shot.png"
    subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                    "--window-size=180,180", f"--screenshot={shot}", page.as_uri()],
                   capture_output=True, timeout=120, check=True)
    chromium = Image.open(shot).convert("RGB").crop((0, 0, 180, 180))
    ours = render(LOGO, 180, "#ffffff").convert("RGB")
    difference = list(ImageChops.difference(chromium, ours).convert("L").tobytes())
    assert sum(difference) / len(difference) < 3  # measured: 1.0
    assert sum(1 for d in difference if d > 40) < len(difference) * 0.005  # a few edge pixels (measured: 63 of 32,400)
