"""News posts (``content/berita/posts/*.md``) checked before Material's blog reads them.

Material's blog plugin stops a build on a bad post with an English message,
or, when two posts share an address, publishes one of them silently. Here
every post's front matter is read with the site's safe YAML loader, checked
against ``news.schema.json`` and ``authors.schema.json`` (Indonesian
messages at the right line), and every post's address is worked out as the
blog will make it, so that two posts sharing one are both named. No MkDocs.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from pymdownx.slugs import slugify

from asppuk.datafiles import schema
from asppuk.datafiles.problems import Problem, display_path
from asppuk.datafiles.yamlfile import FRONT_MATTER, load_file, load_text
from asppuk.languages import translation_original
from asppuk.security.content import read_markdown

_slugify = slugify(case="lower")  # the blog's default post_slugify


@dataclass(frozen=True)
class BlogSettings:
    """What the checks need from the blog plugin's configuration."""

    posts_dir: Path
    authors_file: Path
    blog_dir: str = "berita"  # URL prefix
    categories: tuple[str, ...] = ()  # allowed; empty = any
    url_format: str = "{date}/{slug}"


@dataclass
class Post:
    file: Path
    shown: str
    date: dt.date
    slug: str
    title: str | None
    lines: dict[str, int] = field(default_factory=dict)

    def url(self, settings: BlogSettings) -> str | None:
        """The address the blog gives this post (None for formats we do not model)."""
        if settings.url_format != "{date}/{slug}":
            return None
        return f"{settings.blog_dir}/{self.date:%Y/%m/%d}/{self.slug}/"


def check_posts(settings: BlogSettings, base: Path) -> tuple[list[Post], list[Problem]]:
    """Every post and its problems; a post with a problem is not returned."""
    problems: list[Problem] = []
    authors = _authors(settings.authors_file, base, problems)
    posts: list[Post] = []
    if not settings.posts_dir.is_dir():
        return posts, problems
    for file in sorted(settings.posts_dir.rglob("*.md")):
        if translation_original(file.name):
            continue  # an English translation (x.en.md) is a page of its own, no post
        problems += placeholder_problems(file, display_path(file, base))
        post = _post(file, display_path(file, base), settings, authors, problems)
        if post is not None:
            posts.append(post)
    by_url: dict[str, list[Post]] = {}
    for post in posts:
        url = post.url(settings)
        if url is not None:
            by_url.setdefault(url, []).append(post)
    for url, same in by_url.items():
        if len(same) > 1:
            for post in same:
                others = ", ".join(f"`{o.shown}`" for o in same if o is not post)
                problems.append(Problem(
                    post.shown, post.lines.get("slug", 1),
                    f"berita ini dan {others} sama-sama beralamat /{url}: hanya satu yang akan terbit. "
                    "Ganti `slug` salah satunya (misalnya tambahkan `-2`)."))
    return posts, problems


# The texts `make new-post` writes for staff to replace (staff.scaffold.POST_BODY)
OPENING_PLACEHOLDER = "Paragraf pembuka: satu atau dua kalimat yang tampil di daftar berita."
BODY_PLACEHOLDER = "Isi berita."


def placeholder_problems(file: Path, shown: str) -> list[Problem]:
    """The example texts of `make new-post` left in a post (it would publish them)."""
    try:
        lines = file.read_text("utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError):
        return []  # read_markdown says what is wrong with the file
    return [Problem(shown, number, f"teks contoh dari `make new-post` belum diganti: \"{line.strip()}\". Tulis "
                                   "teks berita Anda di tempatnya (atau hapus baris itu).")
            for number, line in enumerate(lines, start=1)
            if line.strip() in (OPENING_PLACEHOLDER, BODY_PLACEHOLDER)]


def post_problems(settings: BlogSettings, base: Path, file: Path, shown: str) -> list[Problem]:
    """The problems :func:`check_posts` finds in one post, read from ``file``
    and reported as ``shown`` (its address against other posts' aside)."""
    problems: list[Problem] = []
    _post(file, shown, settings, _authors(settings.authors_file, base, problems), problems)
    return problems


def author_ids(settings: BlogSettings, base: Path) -> list[str]:
    """The ids a post may name as its authors (the editor offers them; the
    file's problems are the checks' to report)."""
    return sorted(_authors(settings.authors_file, base, []) or ())


def _authors(file: Path, base: Path, problems: list[Problem]) -> set[str] | None:
    if not file.is_file():
        return None  # the blog needs none when no post names an author
    doc, found = load_file(file, display_path(file, base))
    problems += found
    if doc is None:
        return set()
    problems += schema.validate(doc, "authors")
    data = doc.data.get("authors") if isinstance(doc.data, dict) else None
    return set(data) if isinstance(data, dict) else set()


def _post(file: Path, shown: str, settings: BlogSettings, authors: set[str] | None,
          problems: list[Problem]) -> Post | None:
    text, found = read_markdown(file, shown)  # bounded, and its YAML safe to read
    if text is None:
        problems += found
        return None
    match = FRONT_MATTER.match(text)
    if not match:
        problems.append(Problem(shown, 1, "berita perlu front matter di antara dua baris `---` di awal berkas "
                                          "(date, authors, categories, slug). Buat berita dengan `make new-post`."))
        return None
    doc, found = load_text(match.group(1), shown)
    shift = lambda p: Problem(p.path, p.line + 1, p.message)  # noqa: E731 - front matter starts on line 2
    problems += [shift(p) for p in found]
    if doc is None:
        return None
    before = len(problems)
    problems += [shift(p) for p in schema.validate(doc, "news", besides=found)]
    data = doc.data if isinstance(doc.data, dict) else {}
    line = lambda key: doc.line((key,)) + 1  # noqa: E731
    date = _date(data.get("date"))
    if date is None and "date" in data and len(problems) == before:
        problems.append(Problem(shown, line("date"), f"`date` berisi `{_raw(doc, 'date')}`, yang bukan tanggal. "
                                                     "Tulis TTTT-BB-HH, misalnya 2013-06-03."))
    for index, author in enumerate(data.get("authors") or []):
        if authors is not None and isinstance(author, str) and author not in authors:
            known = ", ".join(sorted(authors)) or "(belum ada)"
            problems.append(Problem(shown, doc.line(("authors", index)) + 1,
                                    f"penulis `{author}` belum ada di content/berita/.authors.yml. Pilih salah satu: "
                                    f"{known}, atau tambahkan penulisnya di berkas itu."))
    if authors is None and data.get("authors"):
        problems.append(Problem(shown, line("authors"), "berita menyebut penulis, tetapi content/berita/.authors.yml "
                                                        "belum ada. Buat berkas itu dengan daftar penulis."))
    for index, category in enumerate(data.get("categories") or []):
        if settings.categories and isinstance(category, str) and category not in settings.categories:
            problems.append(Problem(shown, doc.line(("categories", index)) + 1,
                                    f"kategori `{category}` tidak dipakai di situs ini. Pilih: {', '.join(settings.categories)}."))
    title = data.get("title") if isinstance(data.get("title"), str) else _heading(text[match.end():])
    if title is None:
        problems.append(Problem(shown, text[: match.end()].count("\n") + 1,
                                "berita belum punya judul. Tulis judulnya sebagai baris `# Judul berita` di awal isi."))
    if len(problems) > before or date is None:
        return None
    slug = data.get("slug") or _slugify(title, "-")  # as the blog makes it from the title
    return Post(file, shown, date, slug, title, {"slug": line("slug") if "slug" in data else 1})


def _date(value) -> dt.date | None:
    if isinstance(value, dict):
        value = value.get("created")
    if not isinstance(value, str):
        return None
    try:
        return dt.datetime.fromisoformat(value.replace(" ", "T")).date()
    except ValueError:
        return None


def _raw(doc, key: str) -> str:
    spot = doc.spot((key,))
    return spot.raw if spot and spot.raw is not None else str(doc.data.get(key))


def _heading(body: str) -> str | None:
    """The post's first ``# `` heading (the blog takes its title from it)."""
    return next((line[2:].strip() for line in body.splitlines() if line.startswith("# ") and line[2:].strip()), None)


@dataclass(frozen=True)
class FeedSettings:
    """What mkdocs-rss-plugin is told in mkdocs.yml about a post's summary."""

    chars: int = 160  # abstract_chars_count
    delimiter: str | None = None  # abstract_delimiter


def feed_summary(body: str, description, settings: FeedSettings) -> str:
    """The HTML mkdocs-rss-plugin (1.19, ``get_description_or_abstract``)
    writes into the feeds for a post: its ``description`` as it is, else
    its Markdown up to the delimiter (or its first characters) converted by
    plain Markdown, outside the site's Markdown and its cleaner. The build
    and ``make check`` check what it drops (:mod:`asppuk.security.sanitise`)."""
    import markdown

    if description:
        return str(description)
    cut = body.find(settings.delimiter) if settings.delimiter else -1
    if cut > -1:
        return markdown.markdown(body[:cut], output_format="html5")
    if settings.chars > 0 and body:
        text = body if len(body) <= settings.chars else f"{body[: settings.chars - 3]}..."
        return markdown.markdown(text, output_format="html5")
    return ""


FEED_FIX = ("Ringkasan berita di feed (RSS dan JSON) diambil dari `description`, atau dari teks sampai "
            "`<!-- more -->`. Tulis `description` sebagai teks biasa tanpa tag HTML, dan `<!-- more -->` di "
            "barisnya sendiri, di luar kode dan komentar.")


def feed_problems(body: str, description, source: str, shown: str, settings: FeedSettings,
                  first_line: int = 1) -> list[Problem]:
    """What the cleaner would drop from a post's summary in the feeds (the
    build fails on it too): ``body`` is its Markdown, ``source`` its file's text."""
    from asppuk.security.markup import locate
    from asppuk.security.sanitise import dropped

    return sorted({Problem(shown, locate(source, f.needle, first_line),
                           f"ringkasan berita di feed: {f.what} tidak boleh ada. {FEED_FIX}")
                   for f in dropped(feed_summary(body, description, settings))})
