from asppuk.catalog.contact import display_phone, normalise_phone, whatsapp_link
from asppuk.catalog.text import number, price_label, render_markdown, rupiah

import pytest


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
