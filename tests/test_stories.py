"""Story books: loading, order, and references to the catalogue."""

from __future__ import annotations

from asppuk.catalog import load_catalog
from asppuk.stories import check_references, load_books
from conftest import write_tree

STORY = """---
title: Kisah Ani
author: Pendamping
jarpuk: desa
producers: [ani]
products: [kain]
order: {order}
---

Ani menenun setiap pagi.
"""


def books_for(tmp_path, files):
    write_tree(tmp_path / "stories", files)
    return load_books(tmp_path / "stories")


def test_stories_in_order(tmp_path):
    books, problems = books_for(tmp_path, {
        "buku/book.yml": "title: Buku\nyear: 2011\n",
        "buku/b.md": STORY.format(order=2).replace("Kisah Ani", "Kedua"),
        "buku/a.md": STORY.format(order=1),
    })
    assert problems == []
    assert [s.title for s in books[0].stories] == ["Kisah Ani", "Kedua"]


def test_unknown_references_are_problems_with_lines(tmp_path, mini):
    catalog, _ = load_catalog(mini)
    story = STORY.format(order=1).replace("[ani]", "[ani, rina]").replace("[kain]", "[selendang]")
    books, problems = books_for(tmp_path, {"buku/book.yml": "title: Buku\n", "buku/a.md": story})
    found = [str(p) for p in check_references(books, catalog)]
    assert found == [
        "stories/buku/a.md:5: produsen `rina` tidak terdaftar di JarPUK desa. Produsen yang terdaftar: ani, sri.",
        "stories/buku/a.md:6: produk `selendang` tidak ada di JarPUK desa. Periksa nama berkasnya di products/desa/.",
    ]
    books, _ = books_for(tmp_path, {"buku/a.md": STORY.format(order=1).replace("jarpuk: desa", "jarpuk: kota")})
    assert [str(p) for p in check_references(books, catalog)] == [
        "stories/buku/a.md:4: JarPUK `kota` tidak ada di katalog. Pilih salah satu: desa."
    ]


def test_story_front_matter_problems(tmp_path):
    _, problems = books_for(tmp_path, {
        "buku/book.yml": "title: Buku\n",
        "buku/a.md": "tanpa front matter\n",
        "buku/b.md": "---\ntitle: B\njudul: salah\n---\nisi\n",
    })
    assert [str(p) for p in problems][0].startswith("stories/buku/a.md:1: cerita perlu front matter")
    assert [str(p) for p in problems][1].startswith("stories/buku/b.md:3: kolom `judul` tidak dikenal")


def test_cross_links_both_ways(site):
    story = (site / "cerita/pada-kerja-kami-percaya/setia-kawan/index.html").read_text("utf-8")
    assert "Produk dalam cerita ini" in story and "../../../produk/kupang/abon-tuna-manis-ee/" in story
    producer = (site / "produsen/kupang/setia-kawan/index.html").read_text("utf-8")
    assert "Cerita tentang KPUK Setia Kawan" in producer
    assert "cerita/pada-kerja-kami-percaya/setia-kawan/" in producer
