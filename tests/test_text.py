import pytest

from asppuk.catalog.contact import display_phone, normalise_phone, whatsapp_link
from asppuk.catalog.text import number, price_label, render_markdown, rupiah


def test_rupiah_indonesian_grouping():
    assert rupiah(750000) == "Rp 750.000"
    assert rupiah(35000) == "Rp 35.000"
    assert number(2633) == "2.633"


def test_price_labels():
    assert price_label(None, None) == "Harga: hubungi kami"
    assert price_label(750000, 1500000) == "Rp 750.000 – Rp 1.500.000"
    assert price_label(750000, None) == "Rp 750.000"


@pytest.mark.parametrize("raw,e164", [
    ("0812-3456-7890", "+6281234567890"),
    ("0812 3456 7890", "+6281234567890"),
    ("+62 812-3456-7890", "+6281234567890"),
    ("021-8406172", "+62218406172"),
    ("(0380) 821234", "+62380821234"),
])
def test_phone_normalisation(raw, e164):
    assert normalise_phone(raw) == e164


@pytest.mark.parametrize("raw", ["12345", "0812", "telepon saya", ""])
def test_invalid_phone(raw):
    with pytest.raises(ValueError):
        normalise_phone(raw)


def test_whatsapp_link_has_no_plus_and_encodes_text():
    link = whatsapp_link("+6281234567890", "Halo, saya tertarik: https://x.example/a/")
    assert link == "https://wa.me/6281234567890?text=Halo%2C%20saya%20tertarik%3A%20https%3A%2F%2Fx.example%2Fa%2F"
    assert display_phone("+6281234567890") == "0812-3456-7890"


def test_markdown_is_sanitised():
    html = render_markdown('**tebal** <script>x()</script> [a](javascript:y()) <b onclick="z()">b</b>')
    assert "<strong>tebal</strong>" in html
    assert "script" not in html and "javascript" not in html and "onclick" not in html


@pytest.fixture
def store(tmp_path):
    from asppuk.catalog.text import keep_converted_text

    yield keep_converted_text(tmp_path / "cache" / "text.sqlite")
    keep_converted_text(None)


TEXTS = ["Kain **tenun** ikat.\n\n- benang katun\n- pewarna alam", "Abon <em>tuna</em> & sambal", "| a | b |\n|---|---|\n| 1 | 2 |"]


def test_converted_markdown_is_kept_between_builds_and_gives_the_same_html(store, tmp_path):
    from asppuk.catalog.text import keep_converted_text

    plain = {}
    keep_converted_text(None)
    for text in TEXTS:
        plain[text] = render_markdown(text)
    first = keep_converted_text(tmp_path / "cache" / "text.sqlite")
    assert [render_markdown(text) for text in TEXTS] == list(plain.values())
    assert (first.hits, first.misses) == (0, 3)
    again = keep_converted_text(tmp_path / "cache" / "text.sqlite")  # the next build
    assert [render_markdown(text) for text in TEXTS] == list(plain.values())
    assert (again.hits, again.misses) == (3, 0)
    assert render_markdown(TEXTS[0] + "!").endswith("pewarna alam!</li>\n</ul>")  # another text: converted
    assert again.misses == 1


def test_what_the_cache_file_holds_is_sanitised_before_it_reaches_a_page(store, tmp_path):
    """The file is on disk: a row changed behind the build's back is cleaned as a fresh conversion is."""
    import sqlite3

    render_markdown("Kain tenun.")
    db = sqlite3.connect(tmp_path / "cache" / "text.sqlite")
    db.execute("UPDATE markdown SET html = ?", ('<p onclick="x()">Kain<script>alert(1)</script>'
                                               '<a href="javascript:alert(2)">tenun</a></p>',))
    db.commit()
    render_markdown.cache_clear()
    html = render_markdown("Kain tenun.")
    assert "<script" not in html and "onclick" not in html and "javascript:" not in html
    assert html.startswith("<p>Kain") and store.hits == 1


def test_a_damaged_cache_file_is_reported_once_and_the_text_converted(tmp_path, caplog):
    import logging

    from asppuk.catalog.text import keep_converted_text

    caplog.set_level(logging.INFO)
    path = tmp_path / "text.sqlite"
    path.write_bytes(b"not a database at all " * 100)
    store = keep_converted_text(path)
    try:
        assert [render_markdown(text) for text in TEXTS][0].startswith("<p>Kain <strong>tenun</strong>")
    finally:
        keep_converted_text(None)
    assert caplog.text.count("cache of converted descriptions not used") == 1
    assert store.hits == 0
