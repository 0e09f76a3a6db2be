"""Share previews (issue 26): Open Graph and Twitter tags on every public page in
both languages, each naming a 1200x630 card that the build holds; English
cards on English pages; a card per news post (its photo when it has one);
no private data in any card or tag; a warm build draws no card."""

from __future__ import annotations

import re
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from PIL import Image

from asppuk.images.card import BRAND, CardText, card_key
from conftest import ROOT, build_site, copy_project

sys.path.insert(0, str(ROOT / "scripts"))
from photos import photo_like  # noqa: E402

SITE_URL = "https://www.asppuk.or.id/"
NOT_SHARED = {"404.html", "admin/index.html"}  # the error page and the editor are not pages anyone shares
REQUIRED_OG = ("og:type", "og:title", "og:description", "og:url", "og:site_name", "og:locale",
               "og:locale:alternate", "og:image", "og:image:width", "og:image:height", "og:image:alt")
REQUIRED_TWITTER = ("twitter:card", "twitter:title", "twitter:description", "twitter:image", "twitter:image:alt")


class _Head(HTMLParser):
    def __init__(self):
        super().__init__()
        self.meta: dict[str, list[str]] = {}

    def handle_starttag(self, tag, attrs):
        if tag == "meta":
            a = dict(attrs)
            key = a.get("property") or a.get("name")
            if key and (key.startswith("og:") or key.startswith("twitter:")):
                self.meta.setdefault(key, []).append(a.get("content") or "")


def share_tags(path: Path) -> dict[str, str]:
    parser = _Head()
    text = path.read_text(encoding="utf-8")
    parser.feed(text[: text.find("</head>")])
    for key, values in parser.meta.items():
        assert len(values) == 1, (path, key, values)  # said once
    return {key: values[0] for key, values in parser.meta.items()}


def pages(site: Path) -> dict[str, Path]:
    found = {p.relative_to(site).as_posix(): p for p in site.rglob("*.html")}
    return {rel: p for rel, p in sorted(found.items()) if rel not in NOT_SHARED}


def page_url(rel: str) -> str:
    return SITE_URL + (rel[: -len("index.html")] if rel.endswith("index.html") else rel)


def test_every_page_has_its_share_tags_and_its_card(site):
    found = pages(site)
    assert len(found) > 100
    images = {}
    for rel, path in found.items():
        tags = share_tags(path)
        missing = [key for key in REQUIRED_OG + REQUIRED_TWITTER if not tags.get(key)]
        assert not missing, (rel, missing)
        english = rel.startswith("en/")
        assert tags["og:locale"] == ("en_GB" if english else "id_ID"), rel
        assert tags["og:locale:alternate"] == ("id_ID" if english else "en_GB"), rel
        assert tags["og:url"] == page_url(rel), rel
        assert tags["og:site_name"] == "ASPPUK"
        assert tags["og:type"] in ("website", "article", "product"), rel
        assert tags["twitter:card"] == "summary_large_image"
        assert tags["twitter:image"] == tags["og:image"] and tags["twitter:image:alt"] == tags["og:image:alt"]
        assert tags["twitter:title"] == tags["og:title"] and tags["twitter:description"] == tags["og:description"]
        assert (tags["og:image:width"], tags["og:image:height"]) == ("1200", "630")
        image = tags["og:image"]
        assert re.fullmatch(re.escape(SITE_URL) + r"assets/kartu/[0-9a-f]{20}\.jpg", image), (rel, image)
        images.setdefault(image, []).append(rel)
    for image in images:  # each card once: in the build, a JPEG of the size the tags say
        with Image.open(site / image[len(SITE_URL):]) as card:
            assert card.format == "JPEG" and card.size == (1200, 630), image


def test_each_kind_of_page_says_what_it_is(site):
    kinds = {
        "index.html": "website", "en/index.html": "website",
        "berita/index.html": "website", "berita/archive/2013/index.html": "website",
        "berita/category/jawa/index.html": "website",
        "berita/2013/06/03/asppuk-nusa-tenggara-dan-jarpuk-lombok-tengah/index.html": "article",
        "en/news/2013-06-03-asppuk-nusa-tenggara/index.html": "article",
        "cerita/pada-kerja-kami-percaya/rupina/index.html": "article",
        "cerita/pada-kerja-kami-percaya/index.html": "website",
        "laporan/2011/index.html": "article",
        "produk/sintang/kain-kebat/index.html": "product", "en/products/sintang/kain-kebat/index.html": "product",
        "produk/kategori/tenun/index.html": "website", "wilayah/kalimantan/index.html": "website",
        "jarpuk/sintang/index.html": "website", "produsen/sintang/rupina/index.html": "website",
        "produk/cari/index.html": "website", "tentang/anggota/index.html": "website",
        "en/about/members/index.html": "website",
    }
    for rel, kind in kinds.items():
        assert share_tags(site / rel)["og:type"] == kind, rel
    # every listing, JarPUK, producer and page of text has a card of its own, not the site's one card
    distinct = {share_tags(site / rel)["og:image"] for rel in kinds}
    assert len(distinct) == len(kinds)


def test_english_product_pages_share_the_english_card(site):
    indonesian = share_tags(site / "produk/sintang/kain-kebat/index.html")
    english = share_tags(site / "en/products/sintang/kain-kebat/index.html")
    assert english["og:image"] != indonesian["og:image"]
    assert english["og:image:alt"].startswith('Dayak ikat "kebat" cloth: IDR 750,000')
    assert indonesian["og:image:alt"].startswith("Kain kebat") and "Rp 750.000" in indonesian["og:image:alt"]
    assert "IDR" in english["og:description"] and "Rp" not in english["og:image:alt"]


def test_each_news_post_has_a_card_of_its_own(site):
    posts = sorted(rel for rel in pages(site) if re.match(r"berita/\d{4}/", rel))
    assert len(posts) >= 3
    cards = [share_tags(site / rel)["og:image"] for rel in posts]
    assert len(set(cards)) == len(cards)
    tags = share_tags(site / posts[-1])
    assert tags["og:image:alt"].startswith("Berita: ") and "Juni 2013" in tags["og:image:alt"]


@pytest.fixture(scope="module")
def changed(tmp_path_factory):
    """The sample site with a post that has a photo, and a producer who did not
    consent but whose phone and village are in the data; built twice with the
    same cache (cold, then warm)."""
    project = copy_project(tmp_path_factory.mktemp("project"))
    uploads = project / "content" / "assets" / "unggahan"
    uploads.mkdir(parents=True, exist_ok=True)
    (uploads / "pertemuan-nt.jpg").write_bytes(photo_like(5, (1200, 900)))
    post = project / "content" / "berita" / "posts" / "2013-06-03-asppuk-nusa-tenggara.md"
    text = post.read_text(encoding="utf-8")
    head, body = text.split("\n---\n", 1)
    post.write_text(head + "\n---\n" + body.replace(
        "<!-- more -->", "<!-- more -->\n\n![Pertemuan JarPUK](../../assets/unggahan/pertemuan-nt.jpg)\n", 1),
        encoding="utf-8")
    producers = project / "products" / "sintang" / "producers.yml"
    producers.write_text(producers.read_text(encoding="utf-8").replace(
        "  village: Sintang\n", "  village: Dusun Tersembunyi\n").replace(
        "    consent: false\n", "    consent: false\n    phone: \"0812-5550-4321\"\n    email: rupina@example.org\n"),
        encoding="utf-8")
    # a helper process builds catalogue pages beside MkDocs (as from 1,000 pages on): their cards are the catalogue's
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "  - asppuk-catalog:\n      data_dir: products\n" in text
    config.write_text(text.replace("  - asppuk-catalog:\n      data_dir: products\n",
                                   "  - asppuk-catalog:\n      data_dir: products\n      parallel_pages: 10\n"),
                      encoding="utf-8")
    cold = build_site(project, project / "site-cold")
    assert cold.returncode == 0, cold.stderr
    warm = build_site(project, project / "site-warm")
    assert warm.returncode == 0, warm.stderr
    return project, cold, warm


def test_a_post_with_a_photo_shows_it_on_its_card(changed):
    project, _, _ = changed
    site = project / "site-cold"
    tags = share_tags(site / "berita/2013/06/03/asppuk-nusa-tenggara-dan-jarpuk-lombok-tengah/index.html")
    with Image.open(site / tags["og:image"][len(SITE_URL):]) as card:
        art = card.convert("RGB").crop((0, 0, 592, 630)).resize((8, 8))
    pixels = [art.getpixel((x, y)) for x in range(8) for y in range(8)]
    brand = sum(1 for pixel in pixels if all(abs(a - b) < 20 for a, b in zip(pixel, BRAND)))
    assert brand < 16, "the art panel is the photo, not the ASPPUK mark"


def test_no_private_data_in_any_tag(changed):
    project, _, _ = changed
    site = project / "site-cold"
    secrets = ("0812-5550-4321", "081255504321", "6281255504321", "5550", "Dusun Tersembunyi", "rupina@example.org")
    for rel, path in pages(site).items():
        for key, value in share_tags(path).items():
            assert not any(secret in value for secret in secrets), (rel, key, value)
    # the producer's own pages do name her (her name is public)
    assert "Rupina" in share_tags(site / "produsen/sintang/rupina/index.html")["og:title"]


def test_no_private_data_on_any_card():
    """Every text the catalogue draws on a card (what og:image:alt says, and the
    footer) for a producer who did not consent: no phone, e-mail or village."""
    import tempfile

    from asppuk.catalog import load_catalog
    from asppuk.catalog.pages import CatalogPages
    from asppuk.images.publish import card_text, page_card_text
    from asppuk.languages import ENGLISH, INDONESIAN
    from conftest import MINI, write_tree

    with tempfile.TemporaryDirectory() as tmp:
        catalog, problems = load_catalog(write_tree(Path(tmp) / "products", MINI))
    assert not problems
    secrets = ("0813-0000-0177", "08130000177", "Desa Rahasia", "ani@example.org")
    texts = []
    for language in (INDONESIAN, ENGLISH):
        texts += [card_text(product, language) for product in catalog.products]
        edition = CatalogPages(catalog, site_url=SITE_URL, language=language)
        texts += [page_card_text(spec.share, language) for spec in edition if spec.share is not None]
    assert any(text.title == "Ani" for text in texts)  # her page has a card...
    for text in texts:  # ...that says nothing private
        drawn = " ".join((text.kicker, text.title, text.price, text.place, text.site))
        assert not any(secret in drawn for secret in secrets), drawn


def test_the_site_holds_exactly_the_cards_its_pages_name(site, changed):
    project, cold, _ = changed
    assert "built by a second process" in cold.stderr  # the helper did build catalogue pages
    for built in (site, project / "site-cold", project / "site-warm"):
        named = {share_tags(path)["og:image"][len(SITE_URL):] for path in pages(built).values()}
        held = {p.relative_to(built).as_posix() for p in (built / "assets" / "kartu").glob("*")}
        assert held == named, (built, sorted(held - named)[:5], sorted(named - held)[:5])


def test_a_warm_build_draws_no_card(changed):
    project, cold, warm = changed
    assert re.search(r"page cards: [1-9]\d* drawn", cold.stderr)
    assert re.search(r"catalogue cards: [1-9]\d* drawn", cold.stderr)
    assert "page cards: 0 drawn" in warm.stderr, warm.stderr
    assert "catalogue cards:" in warm.stderr and "being drawn" not in warm.stderr
    assert not re.search(r"catalogue cards: \d+ drawn", warm.stderr)
    for rel in ("index.html", "berita/index.html", "en/products/sintang/kain-kebat/index.html"):
        assert share_tags(project / "site-cold" / rel) == share_tags(project / "site-warm" / rel)


def test_product_cards_keep_their_names():
    """A product card's cache key (its address) is what it was before pages had
    cards: no product card is drawn or uploaded again because of them."""
    import hashlib

    text = CardText("Kain kebat", "Rp 750.000", "Rupina · JarPUK Sintang, Kalimantan Barat")
    old = "2|None|CardText(title='Kain kebat', price='Rp 750.000', place='Rupina · JarPUK Sintang, Kalimantan Barat'" \
          ", site='ASPPUK · Katalog produk perempuan usaha kecil')"
    assert card_key(text, None) == hashlib.sha256(old.encode()).hexdigest()
    assert card_key(CardText("Kain kebat", "", "", kicker="Berita", art="brand"), None) != \
        card_key(CardText("Kain kebat", "", ""), None)
