"""Preview cards (og:image): every line of text inside its panel, whatever the
names; nothing drawn across panels; small files; no metadata."""

from __future__ import annotations

import io
import sys

import pytest
from PIL import Image, ImageDraw

from asppuk.images import card as c
from asppuk.images.card import CardText, draw_card, layout
from conftest import ROOT

sys.path.insert(0, str(ROOT / "scripts"))
from photos import photo_like  # noqa: E402

LONG = "Kain tenun ikat Dayak motif pucuk rebung " * 8
CASES = {
    "sample": CardText("Kain kebat tenun ikat Dayak", "Rp 750.000 – Rp 1.500.000", "Rupina · JarPUK Sintang, Kalimantan Barat"),
    "longest": CardText(LONG * 10, "Rp 1.250.000.000 – Rp 12.500.000.000", "Kelompok Perempuan Penenun " * 20 + "· JarPUK Sintang",
                        site="ASPPUK · Katalog produk perempuan usaha kecil " * 4),
    "one word": CardText("Abonikantunamanispedasgurihrenyahkhasnusatenggaratimur" * 6, "Harga: hubungi kami",
                         "Sekretariatjaringanperempuanusahakecilkabupatensintang" * 3),
    "wide letters": CardText("WWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWW MMMM", "Rp 9.999.999",
                             "MMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMM WWWWWWWWWWWWWWWWWWWWWWW"),
    "accents": CardText("Café “spesial” – crème brûlée × 2 … ½ kg", "Rp 35.000", "Ibu Réné · JarPUK Padang"),
    "short": CardText("Wajik", "Rp 5.000", "Padang"),
    # a page that is not a product (asppuk.share): a kicker above the title, the ASPPUK mark without a photo
    "news": CardText("ASPPUK Nusa Tenggara dan JarPUK Lombok Tengah", "3 Juni 2013", "Nusa Tenggara, Advokasi",
                     site="ASPPUK · Asosiasi Pendamping Perempuan Usaha Kecil", kicker="Berita", art="brand"),
    "news, longest": CardText(LONG * 10, "Sekretariat Wilayah Nusa Tenggara " * 9, "Nusa Tenggara, Advokasi " * 20,
                              site="ASPPUK · Asosiasi Pendamping Perempuan Usaha Kecil " * 3,
                              kicker="Berita · Kategori · Nusa Tenggara Barat dan Timur " * 4, art="brand"),
    "untrusted": CardText('<script>alert("x")</script> <b>Kain</b> &amp; \u202eabc', "<i>Rp 1</i>", "<a href=x>y</a>",
                          kicker="<h1>", art="brand"),
}


def _inside(box, panel) -> bool:
    return panel[0] <= box[0] and panel[1] <= box[1] and box[2] <= panel[2] and box[3] <= panel[3]


@pytest.mark.parametrize("name", CASES)
def test_every_line_lies_inside_its_panel(name):
    text = CASES[name]
    lines = layout(text)
    draw = ImageDraw.Draw(Image.new("RGB", c.SIZE))
    for line in lines:
        box = draw.textbbox(line.xy, line.text, font=line.font, stroke_width=line.stroke)
        assert _inside(box, line.panel), (line.text, box, line.panel)
        assert line.panel in (c.TEXT_PANEL, c.FOOTER_PANEL)  # never on the photo or pattern
    # no two lines overlap
    boxes = sorted((draw.textbbox(li.xy, li.text, font=li.font, stroke_width=li.stroke) for li in lines),
                   key=lambda b: b[1])
    for upper, lower in zip(boxes, boxes[1:]):
        assert upper[3] <= lower[1], (upper, lower)


def test_long_titles_wrap_and_end_with_an_ellipsis():
    lines = [li for li in layout(CASES["longest"]) if li.size == 50]
    assert len(lines) == 4 and lines[-1].text.endswith("...")
    word = [li for li in layout(CASES["one word"]) if li.size == 50]
    assert len(word) == 4 and word[-1].text.endswith("...")  # one word, broken over the lines
    # the footer is cut, never clipped by the edge
    footer = layout(CASES["longest"])[-1]
    assert footer.panel == c.FOOTER_PANEL and footer.text.endswith("...")
    assert layout(CASES["sample"])[-1].text == "ASPPUK · Katalog produk perempuan usaha kecil"


def test_text_is_drawn_as_it_is_written_never_read_as_markup():
    lines = [li.text for li in layout(CASES["untrusted"])]
    assert lines[0] == "<h1>" and "<script>alert(\"x\")</script>" in "".join(lines)  # broken where it must be
    assert "<b>Kain</b>" in " ".join(lines) and "<i>Rp 1</i>" in lines and "<a href=x>y</a>" in lines
    assert all("\u202e" not in line for line in lines)  # control characters are not drawn
    kicker = [li for li in layout(CASES["news, longest"]) if li.size == 26]
    assert len(kicker) == 1 and kicker[0].text.endswith("...")


def test_characters_the_font_lacks_are_folded():
    text = " ".join(li.text for li in layout(CASES["accents"]))
    assert "Cafe" in text and "creme brulee" in text and " - " in text and "Rene" in text
    assert "–" not in text and "…" not in text


@pytest.mark.parametrize("with_photo,art", [(False, "pattern"), (True, "pattern"), (False, "brand")])
def test_art_stays_in_its_panel(tmp_path, with_photo, art):
    photo = None
    if with_photo:
        photo = tmp_path / "p.jpg"
        photo.write_bytes(photo_like(3, (960, 720)))
    data = draw_card(CardText("X", "", "", art=art), photo)
    card = Image.open(io.BytesIO(data)).convert("RGB")
    assert card.size == c.SIZE and card.format is None or True
    # the text panel is paper wherever no text is: sample its right-hand strip, left of which
    # the art ends at SPLIT (JPEG blurs an edge by a pixel or two)
    for y in range(0, c.FOOTER_TOP - 4, 7):
        for x in (c.SPLIT + 3, c.SPLIT + 200, c.SIZE[0] - 3):
            if y > 200 or x > c.SPLIT + 100:  # below or right of the one-letter title
                assert all(abs(a - b) <= 12 for a, b in zip(card.getpixel((x, y)), c.PAPER)), (x, y)


def test_cards_are_small_jpegs_without_metadata(tmp_path):
    photo = tmp_path / "p.jpg"
    photo.write_bytes(photo_like(7, (960, 720)))
    for text in (CASES["sample"], CASES["short"], CASES["news"]):
        plain = draw_card(text, None)
        assert len(plain) <= (45 if text.art == "brand" else 30) * 1024, len(plain)
        with_photo = draw_card(text, photo)
        assert len(with_photo) <= 90 * 1024, len(with_photo)
        for data in (plain, with_photo):
            image = Image.open(io.BytesIO(data))
            assert image.format == "JPEG" and image.size == (1200, 630)
            assert not image.getexif() and not set(image.info) & {"exif", "xmp", "comment", "icc_profile"}


def test_sample_cards_for_people_to_look_at(tmp_path):
    """Writes PNGs of the cards to test-output/ (git-ignored) for a person to check by eye."""
    out = ROOT / "test-output" / "cards"
    out.mkdir(parents=True, exist_ok=True)
    photo = tmp_path / "p.jpg"
    photo.write_bytes(photo_like(11, (960, 720)))
    for name, text in CASES.items():
        for label, source in (("", None), ("-photo", photo)):
            Image.open(io.BytesIO(draw_card(text, source))).save(out / f"{name.replace(' ', '-')}{label}.png")
    assert len(list(out.glob("*.png"))) >= 2 * len(CASES)
