"""What a catalogue page's template is given (``on_page_context``).

The page's view data (from its spec) and its share tags: a product's card
is in its view; every other page's was planned with the catalogue's files
(asppuk-share leaves catalogue pages alone).
"""

from __future__ import annotations

from asppuk.catalog import urls
from asppuk.catalog.pages import DESCRIPTION, PageSpec
from asppuk.images.publish import PhotoSet, card_alt, page_card_text
from asppuk.languages import LANGUAGES
from asppuk.share import share_context


def page_context(spec: PageSpec, page, config, photos: PhotoSet) -> dict:
    view = spec.view()
    if spec.description is None:  # made with the view, kept only while the page renders
        page.meta["description"] = view.pop(DESCRIPTION)
    image, alt = view.get("share_image"), view.get("share_alt")
    card = photos.page_cards.get(spec.url) if spec.share is not None else None
    if card is not None:
        image = urls.absolute(config.site_url or "", urls.card(card.stem))
        alt = card_alt(page_card_text(spec.share, LANGUAGES[spec.lang]))
    view["share"] = share_context(
        kind=view.get("share_type", "website"), title=spec.title, description=page.meta.get("description") or "",
        url=urls.absolute(config.site_url or "", spec.url), site_name=config.site_name,
        language=LANGUAGES[spec.lang], image=image, alt=alt)
    return view
