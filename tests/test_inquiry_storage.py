"""The inquiry list when what this browser stored is damaged (another version,
an extension, a hand edit, a full disk): the page resets what it cannot read,
says so in its language, and keeps working."""

from __future__ import annotations

import json
from urllib.parse import parse_qs, urlparse

import pytest

from conftest import ARTIFACTS

KEY = "asppuk.inquiry.v1"

ID = {"list": "produk/daftar-tanya/", "product": "produk/sintang/kain-kebat/", "add": "Tambah ke daftar tanya",
      "added": "Sudah di daftar tanya", "empty": "masih kosong", "reset": "tidak dapat dibaca",
      "dropped": "Entri rusak yang dihapus dari daftar tanya: {n}.",
      "greeting": "Halo JarPUK Sintang, saya ingin menanyakan produk berikut dari katalog ASPPUK:\n"
                  "1. Kain kebat tenun ikat Dayak — 1 lembar\n"
                  "   https://www.asppuk.or.id/produk/sintang/kain-kebat/\n"}
EN = {"list": "en/products/inquiry-list/", "product": "en/products/sintang/kain-kebat/",
      "add": "Add to inquiry list", "added": "In your inquiry list", "empty": "is empty", "reset": "could not be read",
      "dropped": "Damaged entries removed from the inquiry list: {n}.",
      "greeting": "Hello JarPUK Sintang, I would like to ask about these products from the ASPPUK catalogue:\n"
                  "1. Dayak ikat \"kebat\" cloth — 1 piece\n"
                  "   https://www.asppuk.or.id/en/products/sintang/kain-kebat/\n"}

# What the product page of Kain kebat puts in the list (Indonesian)
KAIN = {"key": "sintang/kain-kebat", "name": "Kain kebat tenun ikat Dayak", "unit": "lembar", "min_order": 1,
        "qty": 1, "url": "https://www.asppuk.or.id/produk/sintang/kain-kebat/", "path": "produk/sintang/kain-kebat/",
        "jarpuk": {"id": "sintang", "name": "JarPUK Sintang", "wa": "6281200000101", "tel": "+6281200000101",
                   "email": None}}

KUPANG = {**KAIN, "key": "kupang/abon-tuna-manis-ee", "name": "Abon", "unit": "toples", "qty": 10,
          "url": "https://www.asppuk.or.id/produk/kupang/abon-tuna-manis-ee/",
          "path": "produk/kupang/abon-tuna-manis-ee/",
          "jarpuk": {"id": "kupang", "name": "JarPUK Kota Kupang", "wa": None, "tel": None, "email": None}}

UNREADABLE = {
    "not json": "not json",
    "items not a list": '{"items":"x"}',
    "a bare list": "[1,2]",
    "null": "null",
    "no items": "{}",
    "a huge unreadable value": "x" * 3_000_000,
}
NO_VALID_ENTRY = {
    "a null entry": {"items": [None]},
    "missing fields": {"items": [{"key": "sintang/kain-kebat"}]},
    "quantity as text": {"items": [{**KAIN, "qty": "3"}]},
    "jarpuk missing": {"items": [{k: v for k, v in KAIN.items() if k != "jarpuk"}]},
    "a script address": {"items": [{**KAIN, "path": "javascript:alert(1)"}]},
    "a huge list": {"items": [None] * 200_000},
}


def store(page, url: str, value: str) -> None:
    """Open the site, put `value` where the list is kept, then open `url`."""
    page.goto("404.html")
    page.evaluate("([key, value]) => localStorage.setItem(key, value)", [KEY, value])
    page.goto(url)


def stored(page):
    return json.loads(page.evaluate("key => localStorage.getItem(key)", KEY))


def whatsapp_text(page) -> str:
    href = page.locator(".puk-inquiry__send-wa").get_attribute("href")
    return parse_qs(urlparse(href).query)["text"][0]


def status(page):
    return page.get_by_role("status")


def errors_of(page) -> list[str]:
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    return errors


def add_kain_and_check_the_message(page, words) -> None:
    page.goto(words["product"])
    page.get_by_role("button", name=words["add"]).click()
    page.goto(words["list"])
    assert page.locator(".puk-inquiry__group").count() == 1
    assert whatsapp_text(page).startswith(words["greeting"])
    assert not status(page).inner_text()


@pytest.mark.browser
@pytest.mark.parametrize("words", [ID, EN], ids=["id", "en"])
@pytest.mark.parametrize("value", [*UNREADABLE, *NO_VALID_ENTRY])
def test_a_damaged_list_is_reset_said_so_and_keeps_working(page, words, value):
    errors = errors_of(page)
    raw = UNREADABLE.get(value) or json.dumps(NO_VALID_ENTRY.get(value))
    store(page, words["list"], raw)
    message = status(page)
    assert message.count() == 1 and message.is_visible()
    assert words["reset"] in message.inner_text()  # nothing left to keep: the whole list starts again
    assert words["empty"] in page.locator("[data-puk-inquiry]").inner_text()
    assert stored(page) == {"items": []}
    if value == "not json":
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"mobile-inquiry-reset-{page.evaluate('document.documentElement.lang')}.png"),
                        full_page=True)
    page.reload()  # said once: the list is whole again
    assert not status(page).inner_text()
    add_kain_and_check_the_message(page, words)
    assert not errors


@pytest.mark.browser
@pytest.mark.parametrize("words", [ID, EN], ids=["id", "en"])
def test_the_readable_entries_are_kept_and_the_dropped_ones_counted(page, words):
    errors = errors_of(page)
    damaged = [None, {**KAIN, "qty": 0}, {**KAIN, "jarpuk": {"id": "sintang"}}, {**KUPANG, "qty": 4}, 7]
    store(page, words["list"], json.dumps({"items": [KAIN, *damaged[:3], KUPANG, *damaged[3:]]}))
    # five damaged: null, quantity 0, a JarPUK without name, a second Abon, a number
    assert status(page).inner_text() == words["dropped"].format(n=5) + (
        " Produk lainnya tetap tersimpan." if words is ID else " The other products are kept.")
    assert stored(page) == {"items": [KAIN, KUPANG]}
    assert page.locator(".puk-inquiry__group").count() == 2
    assert page.locator('tr[data-key="kupang/abon-tuna-manis-ee"] input').input_value() == "10"
    assert ID["greeting"].split("\n", 1)[1] in whatsapp_text(page)  # the entry as stored (in Indonesian)
    page.locator('tr[data-key="sintang/kain-kebat"] input').fill("2")
    page.locator('tr[data-key="sintang/kain-kebat"] input').dispatch_event("change")
    assert "Kain kebat tenun ikat Dayak — 2 lembar" in whatsapp_text(page)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"mobile-inquiry-dropped-{page.evaluate('document.documentElement.lang')}.png"),
                    full_page=True)
    assert not errors


@pytest.mark.browser
def test_a_network_named_like_a_javascript_property_is_listed(page):
    odd = {**KAIN, "key": "constructor/kain", "jarpuk": {**KAIN["jarpuk"], "id": "constructor"}}
    store(page, ID["list"], json.dumps({"items": [odd]}))
    assert page.locator('[data-jarpuk="constructor"] tr[data-key="constructor/kain"]').count() == 1


@pytest.mark.browser
@pytest.mark.parametrize("words", [ID, EN], ids=["id", "en"])
@pytest.mark.parametrize("before, kept", [
    ('{"items":[null]}', []), ("not json", []), (json.dumps({"items": [KUPANG, None]}), [KUPANG["key"]]),
], ids=["a null entry", "not json", "one entry of two damaged"])
def test_the_add_button_works_on_a_damaged_list_and_says_what_was_dropped(page, words, before, kept):
    errors = errors_of(page)
    store(page, words["product"], before)
    add = page.locator(".puk-inquiry-add")
    assert add.inner_text() == words["add"]
    assert not status(page).inner_text()  # nothing changed yet
    add.click()
    assert add.inner_text() == words["added"]
    assert page.locator("[data-puk-inquiry-count]").inner_text() == str(len(kept) + 1)
    message = status(page)
    assert message.is_visible()
    assert (words["dropped"].format(n=1) if kept else words["reset"]) in message.inner_text()
    if kept:
        ARTIFACTS.mkdir(exist_ok=True)
        message.scroll_into_view_if_needed()
        page.screenshot(path=str(ARTIFACTS / f"mobile-product-inquiry-dropped-{page.evaluate('document.documentElement.lang')}.png"))
    assert [item["key"] for item in stored(page)["items"]] == [*kept, "sintang/kain-kebat"]
    page.goto(words["list"])
    assert not status(page).inner_text()
    assert page.locator(".puk-inquiry__group").count() == len(kept) + 1
    assert whatsapp_text(page).startswith(words["greeting"])
    assert not errors
