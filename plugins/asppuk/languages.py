"""The site's languages: Indonesian, the original, and English for buyers abroad.

One build writes both. Indonesian pages keep their addresses; English pages
live under ``en/``, with English words in their paths. What differs between
the two is declared here (codes, Babel locales, address prefixes, the
section names of the paths); words of the interface live with the pages
that print them (:mod:`asppuk.catalog.labels`). No MkDocs.
"""

from __future__ import annotations

from dataclasses import dataclass

from asppuk.datafiles.problems import Problem


@dataclass(frozen=True)
class Language:
    code: str  # BCP 47, as in <html lang>: "id", "en"
    locale: str  # Babel's: numbers, money and dates
    og_locale: str  # Open Graph's: id_ID, en_GB
    prefix: str  # where its pages live: "" or "en/"
    name: str  # in itself, for the language switch
    sections: dict[str, str]  # Indonesian path section -> this language's

    def path(self, section: str) -> str:
        """``path("produk")`` -> ``"en/products"`` (a section of the site in this language)."""
        return self.prefix + self.sections.get(section, section)


INDONESIAN = Language("id", "id_ID", "id_ID", "", "Bahasa Indonesia", {})
ENGLISH = Language("en", "en_GB", "en_GB", "en/", "English", {
    "produk": "products",
    "kategori": "category",
    "cari": "search",
    "daftar-tanya": "inquiry-list",
    "halaman": "page",
    "wilayah": "regions",
    "jarpuk": "networks",
    "katalog": "catalogue",
    "produsen": "makers",
    "tentang": "about",
    "anggota": "members",
    "angka": "figures",
    "cerita": "stories",
    "berita": "news",
    "laporan": "reports",
})
LANGUAGES = {language.code: language for language in (INDONESIAN, ENGLISH)}
DEFAULT = INDONESIAN


def language_of(url: str) -> Language:
    """The language of a page from its address (``en/...`` is English)."""
    return ENGLISH if url.startswith(ENGLISH.prefix) else INDONESIAN


# A translation lives beside its original: ``post.en.md`` translates ``post.md``
TRANSLATION_SUFFIX = ".en.md"


def translation_original(path: str) -> str | None:
    """``berita/posts/x.en.md`` -> ``berita/posts/x.md``; None for a file that is no translation."""
    if not path.endswith(TRANSLATION_SUFFIX) or path.startswith(ENGLISH.prefix):
        return None
    return path[: -len(TRANSLATION_SUFFIX)] + ".md"


def missing_original(shown: str, original: str) -> Problem:
    """The problem of a translation file (``shown``) whose ``original`` does not exist."""
    return Problem(shown, 1, f"terjemahan ini tidak punya aslinya: `{original}` tidak ada. "
                             "Beri berkas ini nama berkas aslinya ditambah `.en.md`.")


def translation_path(path: str) -> str:
    """Where the English translation ``path`` (a ``.en.md`` in the Indonesian
    tree) is published: ``laporan/2011.en.md`` -> ``en/reports/2011.md``,
    ``berita/posts/2013-06-03-x.en.md`` -> ``en/news/2013-06-03-x.md``
    (posts are no blog posts in English: one flat folder)."""
    original = translation_original(path)
    if original is None:
        raise ValueError(f"not a translation: {path}")
    parts = original.split("/")
    if len(parts) > 2 and parts[:2] == ["berita", "posts"]:
        parts = parts[:1] + parts[-1:]
    if len(parts) > 1:
        parts[0] = ENGLISH.sections.get(parts[0], parts[0])
    return ENGLISH.prefix + "/".join(parts)


@dataclass
class TranslationPlan:
    """Where the translation files of ``content/`` are published, and what is wrong with them."""

    moves: dict[str, str]  # a translation file (x.en.md) -> its English address (en/...)
    originals: dict[str, str]  # that English address -> its original
    problems: list[tuple[str, str]]  # (the file, in content/; the message)


def plan_translations(pages: list[str], docs: str = "content") -> TranslationPlan:
    """The plan for the Markdown pages ``pages`` of ``docs`` (paths in it):
    the build follows it and ``make check`` reports its problems."""
    present = set(pages)
    plan = TranslationPlan({}, {}, [])
    for path in sorted(present):
        original = translation_original(path)
        if original is None:
            continue
        target = translation_path(path)
        if translation_original(original) is not None:
            plan.problems.append((path, f"nama berkas terjemahan diakhiri satu `.en.md` saja: berkas ini akan menjadi "
                                        f"terjemahan dari `{original}`, yang sendiri sebuah terjemahan. Ganti namanya "
                                        f"menjadi `{original.rsplit('/', 1)[-1]}` bila itu belum ada, atau hapus berkas ini."))
        elif original not in present:
            plan.problems.append((path, missing_original(path, f"{docs}/{original}").message))
        elif target in present:
            shown = target[:-3].removesuffix("index").rstrip("/")
            plan.problems.append((path, f"terjemahan ini akan terbit di /{shown}/, tetapi `{docs}/{target}` sudah "
                                        "ada di sana. Hapus salah satunya."))
        else:
            plan.moves[path] = target
            plan.originals[target] = original
    return plan


def pairing_problems(claims: list[tuple[str, str]], pages: set[str]) -> list[tuple[str, str]]:
    """Problems of English pages (``claims``: the page's file as staff see it,
    and the original it translates: ``translation_of`` or the file it stood
    beside) among ``pages`` (as published): an original that does not exist,
    or that two pages translate (each of them is named: which one to keep
    is the staff's choice)."""
    problems: list[tuple[str, str]] = []
    by_original: dict[str, list[str]] = {}
    for shown, original in sorted(claims):
        if original not in pages:
            problems.append((shown, f"`translation_of: {original}` menunjuk halaman yang tidak ada. Tulis jalur "
                                    "halaman aslinya di dalam content/, misalnya `tentang/index.md`."))
        else:
            by_original.setdefault(original, []).append(shown)
    for original, translations in by_original.items():
        for shown in translations if len(translations) > 1 else ():
            others = ", ".join(f"`{other}`" for other in translations if other != shown)
            problems.append((shown, f"{others} juga menerjemahkan `{original}`: satu halaman hanya punya satu "
                                    "terjemahan. Hapus salah satunya."))
    return problems
