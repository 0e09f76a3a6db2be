"""Phone numbers and the ready-made messages buyers send.

Numbers are parsed and checked with ``phonenumbers`` (Google's libphonenumber
data), with Indonesia as the default region, and kept in E.164 form.
"""

from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import quote

import phonenumbers

DEFAULT_REGION = "ID"


_PHONE_CHARACTERS = re.compile(r"^\+?[0-9 ().\-]+$")


def normalise_phone(text: str) -> str:
    """``0812-3456-7890`` -> ``+6281234567890``; ValueError when not a real number.

    Letters are refused: libphonenumber reads them as a keypad's letters, so
    ``0812-ABCD-7890`` would become 0812-2223-7890, someone else's number."""
    if not _PHONE_CHARACTERS.match(text.strip()):
        raise ValueError("only digits, spaces and - ( ) . + may be used")
    try:
        number = phonenumbers.parse(text, DEFAULT_REGION)
    except phonenumbers.NumberParseException as exc:
        raise ValueError(str(exc)) from exc
    if not phonenumbers.is_valid_number(number):
        raise ValueError("not a valid number")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def is_landline(e164: str) -> bool:
    """True for a fixed line (WhatsApp runs on mobile numbers)."""
    return phonenumbers.number_type(phonenumbers.parse(e164, None)) == phonenumbers.PhoneNumberType.FIXED_LINE


@lru_cache(maxsize=4096)  # the same JarPUK number appears on hundreds of pages
def display_phone(e164: str) -> str:
    """National form for Indonesian numbers (``0812-3456-7890``), international otherwise."""
    number = phonenumbers.parse(e164, None)
    if number.country_code == 62:
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


@lru_cache(maxsize=4096)
def international_phone(e164: str) -> str:
    """International form (``+62 812-3456-7890``): what a buyer abroad dials,
    and what a printed catalogue carried to a trade fair shows."""
    number = phonenumbers.parse(e164, None)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def whatsapp_link(e164: str, message: str) -> str:
    """``https://wa.me/<digits>?text=<message>``: the number without ``+``."""
    return f"https://wa.me/{e164.lstrip('+')}?text={quote(message, safe='')}"


def mailto_link(email: str, subject: str, body: str) -> str:
    return f"mailto:{email}?subject={quote(subject, safe='')}&body={quote(body, safe='')}"
