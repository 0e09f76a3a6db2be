"""The English edition: the catalogue and the organisation in English, from the same build."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from urllib.parse import parse_qs, unquote, urlparse

import pytest
from test_build import read

from conftest import ARTIFACTS, ROOT, build_site, copy_project, write_tree

SITE = "https://www.asppuk.or.id/"

# One page of every English kind, and its Indonesian counterpart
PAIRS = [
    ("en/products/", "produk/"),
    ("en/products/sintang/kain-kebat/", "produk/sintang/kain-kebat/"),
    ("en/products/category/tenun/", "produk/kategori/tenun/"),
    ("en/regions/kalimantan/", "wilayah/kalimantan/"),
    ("en/regions/", "wilayah/"),
    ("en/networks/", "jarpuk/"),
    ("en/networks/sintang/", "jarpuk/sintang/"),
    ("en/networks/sintang/catalogue/", "jarpuk/sintang/katalog/"),
    ("en/makers/sintang/rupina/", "produsen/sintang/rupina/"),
    ("en/products/search/", "produk/cari/"),
    ("en/products/inquiry-list/", "produk/daftar-tanya/"),
    ("en/", ""),
    ("en/about/", "tentang/"),
    ("en/about/vision-mission/", "tentang/visi-misi/"),
    ("en/about/members/", "tentang/anggota/"),
    ("en/figures/", "angka/"),
    # translation files beside their originals (x.en.md)
    ("en/stories/pada-kerja-kami-percaya/rupina/", "cerita/pada-kerja-kami-percaya/rupina/"),
    ("en/news/2013-06-03-asppuk-nusa-tenggara/", "berita/2013/06/03/asppuk-nusa-tenggara-dan-jarpuk-lombok-tengah/"),
]


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.alternates: dict[str, str] = {}
        self.switch: tuple[str, str] | None = None
        self.lang = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "html":
            self.lang = a.get("lang")
        if tag == "link" and (a.get("rel") or "").split() == ["alternate"] and a.get("hreflang"):
            self.alternates[a["hreflang"]] = a["href"]
        if tag == "a" and "puk-language" in (a.get("class") or ""):
            self.switch = (a["hreflang"], a["href"])


def links(site, url: str) -> Links:
    parser = Links()
    parser.feed((site / url / "index.html").read_text("utf-8"))
    return parser


@pytest.mark.parametrize("english, indonesian", PAIRS)
def test_every_kind_has_its_counterpart_and_the_switch_leads_there(site, english, indonesian):
    en, id_ = links(site, english), links(site, indonesian)
    assert (en.lang, id_.lang) == ("en", "id")
    assert en.alternates == {"en": SITE + english, "id": SITE + indonesian, "x-default": SITE + indonesian}
    assert id_.alternates == {"id": SITE + indonesian, "en": SITE + english, "x-default": SITE + indonesian}
    assert en.switch[0] == "id" and id_.switch[0] == "en"
    # the switch's relative link, from each page, is the other page
    assert urlparse("https://x/" + english).path and _resolve(english, en.switch[1]) == indonesian
    assert _resolve(indonesian, id_.switch[1]) == english


def _resolve(page: str, href: str) -> str:
    from posixpath import normpath

    joined = normpath("/" + page + href)
    return (joined.lstrip("/") + "/").replace("//", "/") if joined != "/" else ""


def test_hreflang_pairs_are_symmetric_across_the_whole_site(site):
    pairs = {}
    for path in site.rglob("*.html"):
        parser = Links()
        parser.feed(path.read_text("utf-8"))
        if parser.alternates:
            pairs[path.relative_to(site).as_posix()] = parser.alternates
    assert len(pairs) > 80
    for page, alternates in pairs.items():
        own = SITE + page.removesuffix("index.html")
        assert own in alternates.values(), page
        for _lang, url in alternates.items():
            target = url.removeprefix(SITE) + "index.html"
            assert target in pairs, (page, url)  # the counterpart exists and names its languages too
            assert own in pairs[target].values(), (page, target)  # ...and names this page back
    sitemap = (site / "sitemap.xml").read_text("utf-8")
    assert f"<loc>{SITE}en/products/sintang/kain-kebat/</loc>" in sitemap
    assert f'hreflang="en" href="{SITE}en/products/sintang/kain-kebat/"' in sitemap


def test_english_product_page_in_english(site):
    html = read(site, "en/products/sintang/kain-kebat")
    assert '<html lang="en"' in html
    assert "<h1>Dayak ikat &#34;kebat&#34; cloth</h1>" in html
    assert "IDR 750,000 – IDR 1,500,000" in html and "per piece" in html
    for fact in ("Availability", "Made to order", "Minimum order", "1 piece", "Capacity per month", "12 pieces",
                 "Lead time", "30 days", "cotton yarn, natural dyes", "450 g", "Details for buyers"):
        assert fact in html, fact
    assert 'property="og:locale" content="en_GB"' in html and 'og:locale:alternate" content="id_ID"' in html
    jsonld = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))
    assert jsonld["inLanguage"] == "en" and jsonld["name"] == 'Dayak ikat "kebat" cloth'
    assert jsonld["url"] == SITE + "en/products/sintang/kain-kebat/"
    assert jsonld["category"] == "Handwoven textiles"
    # Material's interface is English too
    assert "Skip to content" in html and "Lewati ke isi" not in html


def test_english_whatsapp_message_is_in_english_with_the_english_address(site):
    html = read(site, "en/products/sintang/kain-kebat")
    href = re.search(r'href="(https://wa\.me/[^"]+)"', html).group(1).replace("&amp;", "&")
    parsed = urlparse(href)
    assert parsed.path == "/6281200000101"  # the same routing: Rupina gave no consent, her JarPUK answers
    assert parse_qs(parsed.query)["text"][0] == (
        'Hello, I am interested in Dayak ikat "kebat" cloth by Rupina (JarPUK Sintang) in the ASPPUK catalogue: '
        f"{SITE}en/products/sintang/kain-kebat/")
    assert "Your message goes to <strong>Sekretariat JarPUK Sintang</strong>, who passes it on to the maker." in html


def test_consent_rules_are_the_same_in_english(site):
    indonesian, english = read(site, "produsen/kupang/setia-kawan"), read(site, "en/makers/kupang/setia-kawan")
    # Setia Kawan consented: her own number and village in both languages; in
    # English the number as dialled from abroad
    assert "0812-0000-0104" in indonesian and "+62 812-0000-0104" in english
    assert "Kelurahan Pasir Panjang" in indonesian and "Kelurahan Pasir Panjang" in english
    rupina = read(site, "en/makers/sintang/rupina")
    assert "+62 812-0000-0101" in rupina and "Village" not in rupina  # no consent: her JarPUK, no village


def test_a_missing_translation_shows_the_indonesian_text_marked_as_such(site):
    html = read(site, "en/products/padang/rakik-udang")  # no description_en, on purpose
    assert '<div lang="id"><p>Rakik dengan udang rebon' in html
    assert '<p class="puk-lang-note">(in Indonesian)</p>' in html
    maker = read(site, "en/makers/padang/wajik-bandung")  # no bio_en
    assert '<div lang="id"><p>Pembuat wajik' in maker and "(in Indonesian)" in maker
    # a translated text is not marked
    assert 'lang="id"' not in read(site, "en/products/padang/rakik-maco").split('class="puk-product"')[1].split("</article>")[0]


def test_every_catalogue_label_is_english_on_english_pages(site):
    from asppuk.catalog.labels import LABELS

    # words both interfaces use (JarPUK is a name) are not Indonesian leftovers
    english_words = set(LABELS["en"].values())
    indonesian = {v for v in LABELS["id"].values() if v and "{" not in v and v not in english_words and len(v) > 5}
    for english, _ in PAIRS:
        html = (site / english / "index.html").read_text("utf-8")
        found = [word for word in indonesian if word in html]
        assert not found, (english, found)


# -- translation files (x.en.md beside x.md) for news, stories and pages ------------------


@pytest.mark.parametrize("path, published", [
    ("berita/posts/2013-06-03-x.en.md", "en/news/2013-06-03-x.md"),
    ("berita/posts/2013/x.en.md", "en/news/x.md"),
    ("laporan/2011.en.md", "en/reports/2011.md"),
    ("tentang/mitra.en.md", "en/about/mitra.md"),
])
def test_a_translation_is_published_under_en_with_english_words(path, published):
    from asppuk.languages import translation_original, translation_path

    assert translation_path(path) == published
    assert translation_original(path) == path[:-6] + ".md"
    assert translation_original("en/about/x.en.md") is None and translation_original("berita/x.md") is None


def test_a_translated_story_is_in_english_with_the_originals_products(site):
    html = read(site, "en/stories/pada-kerja-kami-percaya/rupina")
    assert '<html lang="en"' in html and "<h1>Rupina and six weavers from Sintang</h1>" in html
    # the author is written as a title ("The Sintang…"): in the line, "the" (issue 26)
    assert '<p class="puk-lead">By the Sintang JarPUK support team</p>' in html and "Products in this story" in html
    assert "Written by" not in html and "By The" not in html
    assert ('<p class="asppuk-translation-note">Translated from the <a href="../../../../cerita/pada-kerja-kami-percaya/'
            'rupina/" hreflang="id">Indonesian original</a>.</p>') in html
    assert "asppuk-translation-note" not in read(site, "cerita/pada-kerja-kami-percaya/rupina")
    # its products are the original's, linked in English
    assert 'href="../../../products/sintang/kain-kebat/"' in html
    # the book itself is Indonesian, and marked so
    assert 'lang="id">Pada Kerja Kami Percaya</a>' in html
    # the Indonesian story stays as it was, and the English one is no story of its own
    book = read(site, "cerita/pada-kerja-kami-percaya")
    assert "Rupina dan enam penenun dari Sintang" in book and "six weavers" not in book
    assert not (site / "cerita/pada-kerja-kami-percaya/rupina.en").exists()


def test_a_translated_news_post_is_an_english_page_and_no_second_post(site):
    html = read(site, "en/news/2013-06-03-asppuk-nusa-tenggara")
    assert '<html lang="en"' in html and "Central Lombok JarPUK" in html
    assert 'href="../../networks/lombok-tengah/"' in html
    # under its heading: what it is, and the original
    assert ('</h1><p class="asppuk-translation-note">Translated from the <a href="../../../berita/2013/06/03/'
            'asppuk-nusa-tenggara-dan-jarpuk-lombok-tengah/" hreflang="id">Indonesian original</a>.</p>') in html
    for page in ("berita", "berita/archive/2013", "berita/category/nusa-tenggara"):
        listing = read(site, page)
        assert "Central Lombok" not in listing and "ASPPUK Nusa Tenggara dan JarPUK Lombok Tengah" in listing
    assert not (site / "berita/posts").exists()
    sitemap = (site / "sitemap.xml").read_text("utf-8")
    assert sitemap.count(f"<loc>{SITE}en/news/2013-06-03-asppuk-nusa-tenggara/</loc>") == 1
    # the English home page leads to both
    home = read(site, "en")
    assert 'href="stories/pada-kerja-kami-percaya/rupina/"' in home
    assert 'href="news/2013-06-03-asppuk-nusa-tenggara/"' in home


def test_translations_without_original_or_with_a_second_one_are_named(tmp_path):
    import subprocess
    import sys

    project = copy_project(tmp_path / "p")
    write_tree(project, {
        "content/berita/posts/2020-01-01-tidak-ada.en.md": "# Nothing\n\nNo original.\n",
        "content/tentang/index.en.md": "# About\n\nWould be published where en/about/index.md is.\n",
        "stories/pada-kerja-kami-percaya/tidak-ada.en.md": "---\ntitle: Nothing\n---\n\nText.\n",
        "stories/pada-kerja-kami-percaya/budiana.en.md": "---\ntitle: Budiana\njarpuk: padang\n---\n\nText.\n",
    })
    build = build_site(project, tmp_path / "site")
    check = subprocess.run([sys.executable, str(ROOT / "scripts/check.py"), "--root", str(project)],
                           capture_output=True, text=True)
    assert build.returncode != 0 and check.returncode == 1
    orphan = ("content/berita/posts/2020-01-01-tidak-ada.en.md:1: terjemahan ini tidak punya aslinya")
    assert orphan + ": `content/berita/posts/2020-01-01-tidak-ada.md` tidak ada" in build.stderr
    assert orphan in check.stderr
    assert ("content/tentang/index.en.md:1: terjemahan ini akan terbit di /en/about/, tetapi "
            "`content/en/about/index.md` sudah ada di sana") in build.stderr
    assert ("stories/pada-kerja-kami-percaya/tidak-ada.en.md:1: terjemahan ini tidak punya aslinya: "
            "`tidak-ada.md` tidak ada") in check.stderr
    assert ("stories/pada-kerja-kami-percaya/budiana.en.md:3: `jarpuk` tidak ditulis di terjemahan: "
            "diambil dari cerita aslinya") in check.stderr
    assert "Traceback" not in build.stderr + check.stderr

    # a second translation of one page (the file beside it, and translation_of)
    project = copy_project(tmp_path / "q")
    write_tree(project, {"content/tentang/visi-misi.en.md": "# Vision\n\nA second translation.\n"})
    build = build_site(project, tmp_path / "site2")
    assert build.returncode != 0 and "Traceback" not in build.stderr
    # both files named as they are in the repository, each naming the other
    assert ("content/en/about/vision-mission.md:1: `content/tentang/visi-misi.en.md` juga menerjemahkan "
            "`tentang/visi-misi.md`: satu halaman hanya punya satu terjemahan") in build.stderr, build.stderr
    assert ("content/tentang/visi-misi.en.md:1: `content/en/about/vision-mission.md` juga menerjemahkan "
            "`tentang/visi-misi.md`") in build.stderr, build.stderr


@pytest.mark.browser
def test_the_language_switch_goes_to_the_same_product_and_back(page):
    page.goto("produk/sintang/kain-kebat/")
    page.get_by_role("link", name="English").click()
    assert page.url.endswith("/en/products/sintang/kain-kebat/")
    assert page.locator("h1").inner_text() == 'Dayak ikat "kebat" cloth'
    assert page.evaluate("document.documentElement.lang") == "en"
    page.get_by_role("link", name="Bahasa Indonesia").click()
    assert page.url.endswith("/produk/sintang/kain-kebat/")
    assert page.locator("h1").inner_text() == "Kain kebat tenun ikat Dayak"


@pytest.mark.browser
def test_english_search_finds_english_pages(page):
    page.goto("en/products/")
    page.locator("label.md-header__button[for=__search]").click()
    page.fill("input.md-search__input", "songket")
    page.wait_for_selector(".md-search-result__item a")
    urls = [a.get_attribute("href") for a in page.locator(".md-search-result__item a").all()]
    assert urls and all("/en/" in u for u in urls), urls
    assert any(u.endswith("/en/products/sambas/kain-songket-sambas/") for u in urls)
    # English stemming: "weavers" finds the pages that say "weaver"/"weaving"
    page.fill("input.md-search__input", "weavers")
    page.wait_for_selector(".md-search-result__item a")
    assert page.locator(".md-search-result__meta").inner_text() != "No matching documents"


@pytest.mark.browser
def test_english_finder_filters_in_english(page):
    page.goto("en/products/search/")
    page.wait_for_selector(".puk-finder__results > li")
    assert page.locator(".puk-finder__count").inner_text() == "15 products"
    page.get_by_role("button", name="Filter").click()
    assert page.locator('[data-filter="kategori"] legend').inner_text() == "Category"
    page.locator('[data-filter="kategori"] input[value="Handwoven textiles"]').check()
    page.wait_for_function("() => document.querySelectorAll('.puk-finder__results > li').length === 6")
    hrefs = [a.get_attribute("href") for a in page.locator(".puk-finder__results a").all()]
    assert all("/en/products/" in h for h in hrefs)


@pytest.mark.browser
def test_english_inquiry_list_writes_an_english_message(page):
    page.goto("en/products/kupang/abon-tuna-manis-ee/")
    page.get_by_role("button", name="Add to inquiry list").click()
    page.goto("en/products/inquiry-list/")
    wa = page.locator(".puk-inquiry__send-wa").get_attribute("href")
    text = unquote(parse_qs(urlparse(wa).query)["text"][0])
    assert text.startswith("Hello JarPUK Kota Kupang, I would like to ask about these products")
    assert '"Manis ee" tuna floss — 10 jars' in text and f"{SITE}en/products/kupang/abon-tuna-manis-ee/" in text
    assert page.locator('tr[data-key="kupang/abon-tuna-manis-ee"] td').nth(1).inner_text().strip() == "jars"
    qty = page.locator('tr[data-key="kupang/abon-tuna-manis-ee"] input')
    qty.fill("1")
    qty.dispatch_event("change")
    wa = page.locator(".puk-inquiry__send-wa").get_attribute("href")
    assert '"Manis ee" tuna floss — 1 jar\n' in unquote(parse_qs(urlparse(wa).query)["text"][0])
    assert page.locator('tr[data-key="kupang/abon-tuna-manis-ee"] td').nth(1).inner_text().strip() == "jar"


# -- issue 26: buyers abroad ---------------------------------------------------------------------


@pytest.mark.parametrize("unit, plural", [
    ("piece", "pieces"), ("jar", "jars"), ("pack", "packs"), ("box", "boxes"), ("bunch", "bunches"),
    ("glass", "glasses"), ("bottle", "bottles"), ("kg", "kg"), ("g", "g"), ("ml", "ml"), ("pcs", "pcs"),
    ("dozen", "dozen"), ("pieces", "pieces"), ("leaf", "leaves"), ("gift box", "gift boxes"),
    ("piece of cloth", "pieces of cloth"), ("jar (250 g)", "jars (250 g)"), ("Pack", "Packs"), ("berry", "berries"),
])
def test_english_units_take_a_plural(unit, plural):
    from asppuk.catalog.wording import plural as make_plural

    assert make_plural(unit) == plural


def test_quantities_are_pluralised_in_english_only(site):
    english = read(site, "en/products/kupang/abon-tuna-manis-ee")
    assert "10 jars" in english and "per jar" in english and "10 jar<" not in english
    indonesian = read(site, "produk/kupang/abon-tuna-manis-ee")
    assert "10 toples" in indonesian
    # a count of one stays singular
    assert "<dd>1 piece</dd>" in read(site, "en/products/sintang/kain-kebat")
    # the inquiry list gets the plural from the page (Indonesian: the same word)
    item = json.loads(re.search(r"data-puk-item='([^']+)'", english).group(1))
    assert (item["unit"], item["units"]) == ("jar", "jars")
    item = json.loads(re.search(r"data-puk-item='([^']+)'", indonesian).group(1))
    assert (item["unit"], item["units"]) == ("toples", "toples")


def test_english_pages_give_numbers_as_dialled_from_abroad_and_keep_consent(mini):
    from asppuk.catalog import load_catalog
    from asppuk.catalog.pages import CatalogPages
    from asppuk.languages import ENGLISH, INDONESIAN

    catalog, problems = load_catalog(mini)
    assert problems == []
    shown = {}
    for language in (INDONESIAN, ENGLISH):
        pages = CatalogPages(catalog, site_url="https://contoh.example/", language=language)
        # what pages print of a contact (the views also hold the model objects, private fields included)
        shown[language.code] = "\n".join(
            repr([view.get(key) for key in ("contact", "facts", "contact_phone", "inquiry_item", "jsonld")])
            for view in (spec.view() for spec in pages))
    # Sri consented: her own number, in the form of each language
    assert "Telepon 0813-0000-0188" in shown["id"] and "+62 813-0000-0188" not in shown["id"]
    assert "Call +62 813-0000-0188" in shown["en"] and "0813-0000-0188" not in shown["en"]
    # the JarPUK's number, in each form
    assert "0812-0000-0199" in shown["id"] and "+62 812-0000-0199" in shown["en"]
    # Ani did not: her number and village appear in no form and no language
    for text in shown.values():
        for hidden in ("0177", "Desa Rahasia"):
            assert hidden not in text
    # the wa.me and tel: links were international already, and stay so
    assert "https://wa.me/6281300000188?text=" in shown["en"] and "tel:+6281300000188" in shown["en"]


def test_the_english_menu_says_which_pages_are_in_indonesian(site):
    html = read(site, "en/products/sintang/kain-kebat")
    for title, _url in (("Stories", "cerita/"), ("News", "berita/"), ("Reports", "laporan/")):
        # drawer and tabs: the link's text says it, hreflang says it; the text itself is English
        marked = (f'hreflang="id"><span class="md-ellipsis">{title} <span class="puk-nav-lang">(in Indonesian)</span>'
                  f'</span></a>')
        assert marked in html, title
        assert f'hreflang="id"><span>{title} <span class="puk-nav-lang">(in Indonesian)</span></span></a>' in html, title
        assert 'lang="id" hreflang="id"' not in html
    # English pages are not marked
    assert 'Products <span class="puk-nav-lang">' not in html and ">About</" in html
    # the Indonesian navigation is Material's own: nothing added
    assert "puk-nav-lang" not in read(site, "produk/sintang/kain-kebat")


def test_the_language_switch_is_named_by_what_it_shows(site):
    for url, shown, name in (("produk/sintang/kain-kebat", "EN", "EN – English"),
                             ("en/products/sintang/kain-kebat", "ID", "ID – Bahasa Indonesia")):
        switch = re.search(r'<a class="md-header__button puk-language"[^>]*>[^<]*</a>', read(site, url)).group(0)
        assert f'aria-label="{name}">{shown}</a>' in switch, switch


@pytest.mark.browser
@pytest.mark.parametrize("width", [360, 1280])
def test_the_language_switch_is_big_enough_and_axe_finds_its_name_right(page, width):
    from axe_playwright_python.sync_playwright import Axe

    page.set_viewport_size({"width": width, "height": 740})
    for url, name in (("produk/sintang/kain-kebat/", "EN – English"), ("en/products/sintang/kain-kebat/", "ID – Bahasa Indonesia"),
                      ("", "EN – English"), ("en/", "ID – Bahasa Indonesia")):
        page.goto(url)
        page.wait_for_load_state("networkidle")
        switch = page.get_by_role("link", name=name, exact=True)
        assert switch.count() == 1, url
        box = switch.bounding_box()
        assert box["width"] >= 44 and box["height"] >= 44, (url, box)
        assert float(switch.evaluate("e => getComputedStyle(e).fontSize")[:-2]) >= 14
        # label-content-name-mismatch is one of axe's experimental rules: asked for by name
        results = Axe().run(page, context=".md-header", options={"runOnly": {"type": "rule", "values": [
            "label-content-name-mismatch", "target-size", "link-name"]}}).response
        assert results["violations"] == [], (url, [(v["id"], [n["target"] for n in v["nodes"]]) for v in results["violations"]])
        assert {r["id"] for r in results["passes"]} >= {"label-content-name-mismatch", "target-size"}, url
    if width == 360:
        page.goto("produk/sintang/kain-kebat/")
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "buyers-language-switch-360.png"), clip={"x": 0, "y": 0, "width": 360, "height": 56})


def test_one_product_is_singular_in_english(site):
    """'1 product', never '1 products', on every English page (counts of a
    region, a JarPUK, a maker; the finder's script words)."""
    import re as _re
    wrong = [str(p.relative_to(site)) for p in (site / "en").rglob("*.html")
             if _re.search(r"(?<![\d.,])1 products\b", p.read_text("utf-8"))]
    assert wrong == []
    finder = (site / "en/products/search/index.html")
    pages = [finder] if finder.is_file() else list((site / "en").rglob("search/index.html"))
    assert any('1 product for' in p.read_text("utf-8") for p in pages), pages
