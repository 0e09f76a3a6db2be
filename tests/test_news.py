"""News: Material's blog plugin, feeds from mkdocs-rss-plugin."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from conftest import ROOT, write_tree

SITE = "https://www.asppuk.or.id/"


def test_rss_feed_newest_first_with_absolute_links(site):
    channel = ET.parse(site / "feed_rss_created.xml").getroot().find("channel")
    items = channel.findall("item")
    assert len(items) == 3
    links = [i.findtext("link") for i in items]
    assert all(link.startswith(SITE + "berita/") for link in links)
    assert links[0] == SITE + "berita/2013/06/03/asppuk-nusa-tenggara-dan-jarpuk-lombok-tengah/"
    assert items[0].findtext("pubDate").startswith("Mon, 03 Jun 2013")
    assert channel.findtext("language") == "id"


def test_json_feed_newest_first(site):
    feed = json.loads((site / "feed_json_created.json").read_text("utf-8"))
    assert feed["version"] == "https://jsonfeed.org/version/1.1"
    dates = [item["date_published"] for item in feed["items"]]
    assert dates == sorted(dates, reverse=True) and dates[0].startswith("2013-06-03")
    assert all(item["url"].startswith(SITE) for item in feed["items"])


def test_posts_are_dated_in_indonesian(site):
    html = (site / "berita/2013/06/03/asppuk-nusa-tenggara-dan-jarpuk-lombok-tengah/index.html").read_text("utf-8")
    assert "3 Juni 2013" in html


@pytest.mark.browser
def test_archive_2013_reaches_the_nusa_tenggara_post(page):
    page.set_viewport_size({"width": 1280, "height": 800})  # the archive is in the sidebar
    page.goto("/berita/")
    sidebar = page.locator(".md-sidebar--primary")
    # navigation.prune: a section that is not open is one link, to its first page (the newest year)
    sidebar.get_by_role("link", name="Arsip").first.click()
    assert page.url.endswith("/berita/archive/2013/")
    page.locator(".md-sidebar--primary").get_by_role("link", name="2011").first.click()
    assert page.url.endswith("/berita/archive/2011/")
    page.locator(".md-sidebar--primary").get_by_role("link", name="2013").first.click()
    assert page.url.endswith("/berita/archive/2013/")
    post = page.locator('.md-content a[href*="2013/06/03/asppuk-nusa-tenggara"]', has_text="ASPPUK Nusa Tenggara")
    post.first.click()
    assert "/berita/2013/06/03/" in page.url
    assert "2.633" in page.locator("article").inner_text()


def test_drafts_and_future_posts_are_not_published(tmp_path):
    from conftest import build_site, copy_project, write_tree

    copy_project(tmp_path)
    post = "---\ndate: {date}\nauthors: [seknas]\ncategories: [Jawa]\n{extra}---\n\n# {title}\n\nIsi.\n"
    write_tree(tmp_path / "content/berita/posts", {
        "masa-depan.md": post.format(date="2099-01-01", extra="", title="Kabar masa depan"),
        "draf.md": post.format(date="2013-07-01", extra="draft: true\n", title="Kabar draf"),
    })
    result = build_site(tmp_path, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    everything = "\n".join(p.read_text("utf-8", errors="replace") for p in (tmp_path / "site").rglob("*.html"))
    feed = (tmp_path / "site/feed_rss_created.xml").read_text("utf-8")
    for title in ("Kabar masa depan", "Kabar draf"):
        assert title not in everything and title not in feed


def test_unknown_news_category_fails_the_build(tmp_path):
    from conftest import build_site, copy_project, write_tree

    copy_project(tmp_path)
    write_tree(tmp_path / "content/berita/posts", {
        "salah.md": "---\ndate: 2013-07-01\nauthors: [seknas]\ncategories: [Lombok]\n---\n\n# Salah\n\nIsi.\n"})
    result = build_site(tmp_path, tmp_path / "site")
    assert result.returncode != 0 and "Lombok" in result.stderr


def test_a_title_with_an_ampersand_is_escaped_once_in_the_feed_and_on_the_page(tmp_path):
    import xml.etree.ElementTree as ET

    from conftest import build_site, copy_project, write_tree

    copy_project(tmp_path)
    write_tree(tmp_path / "content/berita/posts", {
        "2014-01-02-tenun.md": "---\ndate: 2014-01-02\nauthors: [seknas]\ncategories: [Pameran]\n---\n\n"
                               "# Tenun & Batik, 5 < 6\n\nIsi.\n",
    })
    result = build_site(tmp_path, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    titles = [item.findtext("title") for item in ET.parse(tmp_path / "site/feed_rss_created.xml").getroot().iter("item")]
    assert "Tenun & Batik, 5 < 6" in titles  # readers showed "Tenun &amp; Batik, 5 &lt; 6"
    # the pages keep printing it escaped once (Material's blog templates do not escape)
    post = next((tmp_path / "site/berita/2014/01/02").glob("*/index.html"))
    for path in (post, tmp_path / "site/berita/index.html"):
        html = path.read_text("utf-8")
        assert "Tenun &amp; Batik, 5 &lt; 6" in html and "5 < 6" not in html, path


# A build as it runs at a given moment: Material's blog asks datetime.now()
# whether a post's date has come (draft_if_future_date)
_AT = """
import sys
from datetime import datetime, timezone

import material.plugins.blog.plugin as blog

MOMENT = datetime.fromisoformat(sys.argv.pop(1))

class Clock(datetime):
    @classmethod
    def now(cls, tz=None):
        return MOMENT.astimezone(tz or timezone.utc)

blog.datetime = Clock
from mkdocs.__main__ import cli
cli()
"""


def test_a_dated_post_appears_on_its_day_with_the_morning_build(tmp_path):
    """The scheduled build (.github/workflows/site.yml, 00:30 UTC, 07:30 in
    Jakarta) publishes a post dated today; the day before it is not there."""
    import yaml

    from conftest import copy_project

    workflow = yaml.safe_load((ROOT / ".github/workflows/site.yml").read_text("utf-8"))
    assert workflow[True]["schedule"] == [{"cron": "30 0 * * *"}]  # `on:` reads as True in YAML 1.1
    project = copy_project(tmp_path / "p")
    write_tree(project, {"content/berita/posts/2031-03-05-pameran.md": (
        "---\ndate: 2031-03-05\nauthors: [seknas]\ncategories: [Pameran]\n---\n\n# Pameran tenun 2031\n\n"
        "Pembukaan pameran.\n\n<!-- more -->\n\nIsi.\n")})

    def build_at(moment: str) -> Path:
        site = tmp_path / moment[:13].replace(":", "")
        result = subprocess.run([sys.executable, "-c", _AT, moment, "build", "--strict", "-f",
                                 str(project / "mkdocs.yml"), "-d", str(site)],
                                capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
        assert result.returncode == 0, result.stderr[-2000:]
        return site

    before = build_at("2031-03-04T00:30:00+00:00")  # the day before, 07:30 in Jakarta
    assert not (before / "berita/2031/03/05/pameran-tenun-2031").exists()
    assert "Pameran tenun 2031" not in (before / "berita/index.html").read_text("utf-8")
    assert "Pameran tenun 2031" not in (before / "feed_rss_created.xml").read_text("utf-8")
    on_the_day = build_at("2031-03-05T00:30:00+00:00")  # its day, 07:30 in Jakarta
    assert (on_the_day / "berita/2031/03/05/pameran-tenun-2031/index.html").exists()
    assert "Pameran tenun 2031" in (on_the_day / "berita/index.html").read_text("utf-8")
    assert "Pameran tenun 2031" in (on_the_day / "feed_rss_created.xml").read_text("utf-8")
