"""How a catalogue page in one language writes things: its interface's
words, numbers, prices, units, counts, certifications and phone numbers.

A page's view, its search filters and its inquiry item all write through
one :class:`Wording`, so they never disagree (a price in the finder reads
as on the page).
"""

from __future__ import annotations

from asppuk.languages import INDONESIAN, Language

from .contact import display_phone, international_phone
from .labels import CERTIFICATIONS, REGIONS, Text, labels, localized
from .model import Category, Certification, Product
from .text import number, price_label


class Wording:
    """The words and number forms of one language."""

    def __init__(self, language: Language):
        self.language = language
        self.t = labels(language)
        self.locale = language.locale
        self.regions = REGIONS[language.code]
        # Indonesian pages: the number as Indonesians write it (0812-…); English
        # pages are for buyers abroad, who need the country code (+62 812-…)
        self.phone = display_phone if language is INDONESIAN else international_phone

    def text(self, original: str | None, english: str | None) -> Text:
        return localized(self.language, original, english)

    def category_name(self, category: Category) -> Text:
        return self.text(category.name, category.name_en)

    def unit(self, product: Product) -> Text:
        return self.text(product.unit, product.unit_en)

    def price(self, product: Product) -> str:
        return price_label(product.price, product.price_max, self.locale, self.t["price_on_request"])

    def number(self, value: int) -> str:
        return number(value, self.locale)

    def count(self, key: str, n: int, **values: str) -> str:
        """A label with a count in it: "1 product", "2 products" (a language
        without plural forms has no ``<key>_one``)."""
        label = self.t.get(f"{key}_one", self.t[key]) if n == 1 else self.t[key]
        return label.format(n=self.number(n), **values)

    def units(self, unit: Text) -> str:
        """The unit after a count other than one: English takes a plural
        (an Indonesian unit shown for a missing translation does not)."""
        return plural(unit.value) if unit.lang == "en" else unit.value

    def quantity(self, count: int, unit: Text) -> str:
        """``12 lembar`` / ``12 pieces``: English units take a plural."""
        return f"{self.number(count)} {unit.value if count == 1 else self.units(unit)}"

    def certification(self, certification: Certification) -> str:
        if certification.type == "other" and certification.name:
            return certification.name
        return CERTIFICATIONS[self.language.code][certification.type]


# Unit words that do not take a regular English -s, said explicitly:
# abbreviations and measures stay as they are ("5 kg"), a few nouns change
PLURAL_EXCEPTIONS = {
    **{word: word for word in ("kg", "g", "gr", "mg", "l", "ml", "cl", "cm", "mm", "m", "km", "oz", "lb", "lbs",
                               "pcs", "pc", "dozen", "each", "series", "sheep", "fish")},
    "leaf": "leaves", "loaf": "loaves", "knife": "knives", "shelf": "shelves", "half": "halves",
    "person": "people", "foot": "feet", "tooth": "teeth",
}


def plural(unit: str) -> str:
    """An English unit in the plural: piece -> pieces, box -> boxes, bunch ->
    bunches, kg stays. In a unit of several words the noun before "of" or a
    bracket takes it: "piece of cloth" -> "pieces of cloth", "jar (250 g)" ->
    "jars (250 g)", "gift box" -> "gift boxes". Indonesian has no plural."""
    head, tail = unit, ""
    for separator in (" of ", " ("):
        if separator in head:
            head, rest = head.split(separator, 1)
            tail = separator + rest + tail
    before, _, word = head.rpartition(" ")
    lower = word.lower()
    if lower in PLURAL_EXCEPTIONS:
        changed = PLURAL_EXCEPTIONS[lower]
        changed = changed[:1].upper() + changed[1:] if word[:1].isupper() else changed
    elif not word or not word[-1:].isalpha() or (lower.endswith("s") and not lower.endswith(("ss", "us"))):
        changed = word  # not a word, or already plural ("pieces")
    elif lower.endswith(("x", "ch", "sh", "ss", "us", "z")):
        changed = word + "es"
    elif lower.endswith("y") and lower[-2:-1] not in "aeiou":
        changed = word[:-1] + "ies"
    else:
        changed = word + "s"
    return (before + " " if before else "") + changed + tail
