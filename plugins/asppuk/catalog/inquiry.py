"""The inquiry list (``inquiry.js``): what it keeps of a product, and the
words it shows."""

from __future__ import annotations

from typing import Any

from . import urls
from .views import Card
from .wording import Wording

INQUIRY_LABELS = (
    "inquiry_empty", "col_product", "col_quantity", "col_remove", "quantity_of", "remove", "remove_of",
    "send_whatsapp", "send_email", "call_network", "clear", "inquiry_greeting", "inquiry_closing",
    "inquiry_subject", "add_to_inquiry", "in_inquiry",
)


def inquiry_labels(t: dict[str, str]) -> dict[str, str]:
    return {key: t[key] for key in INQUIRY_LABELS}


def inquiry_item(card: Card, words: Wording, site_url: str) -> dict[str, Any]:
    """What the list keeps of the card's product; public fields only (the
    browser stores it)."""
    product = card.product
    contact = product.jarpuk.contact
    url = card.url
    unit = words.unit(product)
    return {
        "key": product.key, "name": str(card.name), "unit": str(unit),
        # the unit after a quantity other than 1 ("5 jars"); the same word in Indonesian
        "units": words.units(unit),
        "min_order": product.min_order or 1,
        "url": urls.absolute(site_url, url),  # in the message
        "path": url,  # the link, on whatever host shows the list
        "jarpuk": {"id": product.jarpuk.id, "name": product.jarpuk.name,
                   "wa": contact.phone.lstrip("+") if contact.phone and contact.whatsapp else None,
                   "tel": contact.phone, "email": contact.email},
    }
