"""The news feeds of mkdocs-rss-plugin, made valid for feed readers.

mkdocs-rss-plugin 1.19 writes, and its options cannot change:

- RSS 2.0 ``<author>`` with a name (the blog author's), where RSS 2.0 wants
  an e-mail address: written as ``<dc:creator>`` (Dublin Core, which the
  feed already declares; what RSS readers show for a name);
- the feed's ``<image>`` at the address ``image:`` of ``mkdocs.yml`` names,
  always the production site's: here the PNG logo (:mod:`asppuk.images.icons`;
  RSS 2.0 allows GIF, JPEG or PNG, not SVG) at this build's ``site_url``,
  with its width and height;
- a JSON Feed with ``"image": null`` on every item without one (JSON Feed
  1.1: a string when present; an item without an image leaves it out) and
  ``"authors": []`` for the feed (an empty list says nothing: the feed's
  author is the site, ASPPUK), and its ``icon`` as the SVG logo: the PNG.

Run after the RSS plugin has written the feeds (asppuk-theme's
``on_post_build``, last of all). No MkDocs.
"""

from __future__ import annotations

import json
import re
from html import escape, unescape
from pathlib import Path

from asppuk.filemodes import write_public
from asppuk.images.icons import FEED_SIZE

RSS_FILES = ("feed_rss_created.xml", "feed_rss_updated.xml")
JSON_FILES = ("feed_json_created.json", "feed_json_updated.json")
_AUTHOR = re.compile(r"<author>(.*?)</author>", re.DOTALL)
_IMAGE = re.compile(r"<image>.*?</image>", re.DOTALL)


def fix_rss(xml: str, logo_url: str, title: str, link: str) -> str:
    def creator(match: re.Match) -> str:
        # the plugin prints the name unescaped: read it as text, write it escaped
        return f"<dc:creator>{escape(unescape(match.group(1).strip()), quote=False)}</dc:creator>"

    xml = _AUTHOR.sub(creator, xml)
    image = (f"<image><url>{escape(logo_url)}</url><title>{escape(title, quote=False)}</title>"
             f"<link>{escape(link)}</link><width>{FEED_SIZE}</width><height>{FEED_SIZE}</height></image>")
    return _IMAGE.sub(lambda _: image, xml, count=1)


def fix_json(feed: dict, logo_url: str, site_name: str, site_url: str) -> dict:
    if "icon" in feed or logo_url:
        feed["icon"] = logo_url
    if not feed.get("authors"):
        feed["authors"] = [{"name": site_name, "url": site_url}] if site_url else [{"name": site_name}]
    for item in feed.get("items", []):
        if item.get("image") is None:
            item.pop("image", None)
        if not item.get("authors"):
            item.pop("authors", None)
    return feed


def fix_feeds(site: Path, site_url: str, logo: str, site_name: str) -> list[str]:
    """Rewrite the feeds found in ``site``; returns the files changed."""
    logo_url = f"{site_url.rstrip('/')}/{logo}" if site_url else f"/{logo}"
    changed = []
    for name in RSS_FILES:
        path = site / name
        if path.is_file():
            text = path.read_text("utf-8")
            title = re.search(r"<title>(.*?)</title>", text, re.DOTALL)
            link = re.search(r"<link>(.*?)</link>", text, re.DOTALL)
            fixed = fix_rss(text, logo_url, unescape(title.group(1)) if title else site_name,
                            unescape(link.group(1)) if link else site_url)
            if fixed != text:
                write_public(path, fixed.encode("utf-8"))
                changed.append(name)
    for name in JSON_FILES:
        path = site / name
        if path.is_file():
            feed = json.loads(path.read_text("utf-8"))
            write_public(path, json.dumps(fix_json(feed, logo_url, site_name, site_url),
                                          ensure_ascii=False).encode("utf-8"))
            changed.append(name)
    return changed
