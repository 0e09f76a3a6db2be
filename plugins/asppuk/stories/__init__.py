"""Books of field stories: ``stories/<book-id>/book.yml`` and one Markdown file a story.

A story may have an English translation beside it (``rupina.en.md`` for
``rupina.md``): its title, author, summary and text; everything else (order,
JarPUK, producers, products) comes from the original.

Plain Python, no MkDocs: loads books and stories with their front matter,
orders them, and reports problems as ``path:line: message`` like the
catalogue does.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from asppuk.catalog.text import text_problem
from asppuk.datafiles import schema
from asppuk.datafiles.problems import Problem, display_path
from asppuk.datafiles.yamlfile import FRONT_MATTER, load_file, load_text
from asppuk.languages import ENGLISH, INDONESIAN, Language, missing_original, translation_original
from asppuk.security.content import read_markdown

INDEX = "cerita/index.md"  # the page that lists the books (its path among the site's files)

# The words of the story pages, per language
LABELS = {
    "id": {"stories": "Cerita", "crumbs": "Remah roti", "written_by": "Ditulis oleh",
           "products": "Produk dalam cerita ini", "others": "Cerita lain dalam buku ini"},
    "en": {"stories": "Stories (in Indonesian)", "crumbs": "Breadcrumbs", "written_by": "By",
           "products": "Products in this story", "others": "Other stories of this book in English"},
}


@dataclass(slots=True, eq=False)
class Story:
    id: str
    book: Book
    title: str
    body: str  # Markdown without front matter
    order: int
    author: str | None = None
    region: str | None = None
    jarpuk: str | None = None
    producers: list[str] = field(default_factory=list)
    products: list[str] = field(default_factory=list)
    summary: str | None = None
    source: str = ""  # the file as staff see it, for messages
    file: Path | None = None  # the Markdown file itself
    lines: dict[str, int] = field(default_factory=dict)  # front-matter key -> line in the file
    language: Language = INDONESIAN
    translation: Story | None = None  # the English story, when a translation file exists

    @property
    def url(self) -> str:
        return f"{self.language.path('cerita')}/{self.book.id}/{self.id}/"

    @property
    def byline(self) -> str | None:
        return byline(self.author, self.language) if self.author else None


def byline(author: str, language: Language) -> str:
    """"Ditulis oleh Tim pendamping …"; in English "By the Sintang JarPUK
    support team": an author written as a title ("The …", "A …") takes a
    lower-case article in the middle of the line."""
    if language is ENGLISH:
        first, space, rest = author.partition(" ")
        if space and first in ("The", "A", "An"):
            author = first.lower() + space + rest
    return f"{LABELS[language.code]['written_by']} {author}"


@dataclass(slots=True, eq=False)
class Book:
    id: str
    title: str
    year: int | None = None
    publisher: str | None = None
    summary: str | None = None
    editors: list[str] = field(default_factory=list)
    stories: list[Story] = field(default_factory=list)

    @property
    def url(self) -> str:
        return f"cerita/{self.id}/"


def load_books(root: Path) -> tuple[list[Book], list[Problem]]:
    problems: list[Problem] = []
    books: list[Book] = []
    if not root.is_dir():
        return books, problems
    base = root.parent
    for folder in sorted(p for p in root.iterdir() if p.is_dir()):
        meta_file = folder / "book.yml"
        shown = display_path(meta_file, base)
        if not meta_file.is_file():
            problems.append(Problem(shown, 1, "buku ini belum punya `book.yml` (judul, tahun, penerbit, ringkasan)."))
            continue
        doc, found = load_file(meta_file, shown)
        problems += found
        if doc is None or found:
            continue
        found = schema.validate(doc, "book")
        problems += found
        if found:
            continue
        data = doc.data
        summary_problem = text_problem(data.get("summary"))  # rendered as Markdown on the book's page
        if summary_problem:
            problems.append(Problem(shown, doc.line(("summary",)), f"`summary`: {summary_problem}"))
        book = Book(folder.name, data["title"], data.get("year"), data.get("publisher"),
                    data.get("summary"), list(data.get("editors") or []))
        translations = []
        for file in sorted(folder.glob("*.md")):
            if translation_original(file.name):
                translations.append(file)
                continue
            story = _load_story(book, file, display_path(file, base), problems)
            if story is not None:
                book.stories.append(story)
        book.stories.sort(key=lambda s: (s.order, s.id))
        by_id = {story.id: story for story in book.stories}
        for file in translations:
            shown = display_path(file, base)
            original_id = translation_original(file.name)[:-3]
            original = by_id.get(original_id)
            if original is None:
                if not (folder / f"{original_id}.md").is_file():
                    problems.append(missing_original(shown, f"{original_id}.md"))
                continue  # else the original's own problems are reported
            original.translation = _load_story(book, file, shown, problems, original=original)
        books.append(book)
    return books, problems


# What a translation says itself; the rest is the original's
TRANSLATED_KEYS = ("title", "author", "summary")


def _load_story(book: Book, file: Path, shown: str, problems: list[Problem],
                original: Story | None = None) -> Story | None:
    text, found = read_markdown(file, shown)  # bounded, and safe for YAML and Markdown
    if text is None:
        problems += found
        return None
    match = FRONT_MATTER.match(text)
    if not match:
        problems.append(Problem(shown, 1, "cerita perlu front matter di antara dua baris `---` (title, author, order)."))
        return None
    doc, found = load_text(match.group(1), shown)
    problems += found
    if doc is None or found:
        return None
    offset = 1  # front matter starts after the opening `---`
    found = schema.validate(doc, "story")
    problems += [Problem(p.path, p.line + offset, p.message) for p in found]
    if found:
        return None
    data = doc.data
    if original is not None:
        extra = [key for key in data if key not in TRANSLATED_KEYS]
        for key in extra:
            problems.append(Problem(shown, doc.line((key,)) + offset,
                                    f"`{key}` tidak ditulis di terjemahan: diambil dari cerita aslinya "
                                    f"({original.source}). Terjemahan hanya berisi {', '.join(TRANSLATED_KEYS)}."))
        if extra:
            return None
        return Story(
            id=original.id, book=book, title=data["title"], body=text[match.end():], order=original.order,
            author=data.get("author"), region=original.region, jarpuk=original.jarpuk,
            producers=original.producers, products=original.products, summary=data.get("summary"),
            source=shown, file=file, lines=original.lines, language=ENGLISH,
        )
    order = data.get("order", 999)
    return Story(
        id=file.stem, book=book, title=data["title"], body=text[match.end():], order=order,
        author=data.get("author"), region=data.get("region"), jarpuk=data.get("jarpuk"),
        producers=list(data.get("producers") or []), products=list(data.get("products") or []),
        summary=data.get("summary"), source=shown, file=file,
        lines={key: doc.line((key,)) + offset for key in ("jarpuk", "producers", "products") if key in data},
    )


def check_references(books: list[Book], catalog) -> list[Problem]:
    """Every JarPUK, producer and product a story names must exist in the catalogue."""
    problems: list[Problem] = []
    for book in books:
        for story in book.stories:
            if not story.jarpuk:
                if story.producers or story.products:
                    problems.append(Problem(story.source, 2, "cerita menyebut produsen atau produk tetapi tidak punya `jarpuk`. Tambahkan `jarpuk: <id-jarpuk>`."))
                continue
            jarpuk = catalog.jarpuks.get(story.jarpuk)
            if jarpuk is None and ("jarpuk", story.jarpuk) in catalog.refused:
                continue  # the JarPUK's own problems are reported; no follow-on errors here
            if jarpuk is None and getattr(catalog, "partial", False):
                continue  # a preview of other JarPUK: this one was not read
            if jarpuk is None:
                known = ", ".join(sorted(catalog.jarpuks))
                problems.append(Problem(story.source, story.lines.get("jarpuk", 2), f"JarPUK `{story.jarpuk}` tidak ada di katalog. Pilih salah satu: {known}."))
                continue
            producers = {p.id for p in jarpuk.producers}
            products = {p.id for p in jarpuk.products}
            for pid in story.producers:
                if pid not in producers and ("producers", jarpuk.id) not in catalog.refused:
                    problems.append(Problem(story.source, story.lines["producers"], f"produsen `{pid}` tidak terdaftar di JarPUK {jarpuk.id}. Produsen yang terdaftar: {', '.join(sorted(producers))}."))
            for pid in story.products:
                if pid not in products and ("product", jarpuk.id, pid) not in catalog.refused:
                    problems.append(Problem(story.source, story.lines["products"], f"produk `{pid}` tidak ada di JarPUK {jarpuk.id}. Periksa nama berkasnya di products/{jarpuk.id}/."))
    return problems
