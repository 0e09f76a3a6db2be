"""``make check``: validate all site data without building.

Refuses first whatever the build would refuse: the catalogue (with the
headers of its photos), stories, members, news posts (front matter, authors,
addresses), reports, every Markdown file (size, front matter, limits, and
no script in what it renders to), files the site copies as they are (no
HTML, JavaScript or scripted SVG), symbolic links (none) and product sheets
handed in under ``lembar/`` but not imported yet. Prints every problem as
``path:line: message`` (Indonesian, for staff) and exits 1 when there is
any, 0 when all data is fit to publish.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

from asppuk.catalog import format_problems, load_catalog
from asppuk.catalog.problems import Problem, display_path
from asppuk.catalog.translations import format_missing, missing_translations
from asppuk.catalog.yamlfile import FRONT_MATTER, load_text
from asppuk.images.convert import ImageProblem, ImageSettings, check_source
from asppuk.network import load_members
from asppuk.news import check_posts, feed_problems
from asppuk.reports import read_report
from asppuk.languages import pairing_problems, plan_translations, translation_original
from asppuk.security.content import is_markdown_file, page_problems, tree_problems
from asppuk.site_config import SiteConfig, read_site_config
from asppuk.staff.handin import pending_problems
from asppuk.stories import check_references, load_books


def github_annotation(problem, title: str = "Data perlu diperbaiki") -> str:
    """One problem as a GitHub Actions annotation on its file and line."""
    def escape(text: str) -> str:  # the workflow-command escaping GitHub documents
        return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")

    path = escape(problem.path).replace(",", "%2C").replace(":", "%3A")
    title = escape(title).replace(",", "%2C").replace(":", "%3A")
    return f"::error file={path},line={problem.line},title={title}::{escape(problem.message)}"


def photo_problems(catalog, settings: ImageSettings = ImageSettings()) -> list[Problem]:
    """Photos whose header says the build would refuse them."""
    problems = []
    for product in catalog.products:
        for image in product.images:
            try:
                check_source(image.path, settings)
            except ImageProblem as problem:
                problems.append(Problem(product.source, image.line, f"foto `{image.src}`: {problem}"))
    return problems


def _published(path: Path, folder: Path, docs: bool = True) -> bool:
    """Whether the build reads ``path`` (MkDocs' ``exclude_docs`` leaves out
    dotfiles and, in ``docs_dir`` only, ``templates/``)."""
    parts = path.relative_to(folder).parts
    return not any(part.startswith(".") for part in parts) and not (docs and parts[0] == "templates")


def _markdown_files(folder: Path) -> list[Path]:
    """The Markdown pages under ``folder`` as MkDocs tells them: by suffix, case and all
    (``x.MD`` is a file copied as it is, and refused as an upload)."""
    return sorted(path for path in folder.rglob("*") if path.is_file() and is_markdown_file(path.name))


def markdown_problems(site: SiteConfig, folders: list[Path]) -> list[Problem]:
    """Every Markdown file: safe to build, and nothing dropped from what it renders to."""
    problems = []
    for folder in folders:
        for file in _markdown_files(folder) if folder.is_dir() else []:
            if not _published(file, folder, docs=folder == site.docs_dir):
                continue
            shown = display_path(file, site.root)
            post = (site.blog is not None and file.is_relative_to(site.blog.posts_dir)
                    and translation_original(file.name) is None)
            problems += page_problems(file, shown, site.markdown_extensions, site.markdown_configs, post=post)
            if post and site.feed is not None:
                problems += _feed_problems(file, shown, site.feed)
    return problems


def _feed_problems(file: Path, shown: str, feed) -> list[Problem]:
    text = _text(file)
    match = FRONT_MATTER.match(text)
    return feed_problems(text[match.end():] if match else text, _front_matter(text).get("description"), text,
                         shown, feed)


def translation_problems(site: SiteConfig) -> list[Problem]:
    """The translations of ``content/`` as the build pairs them (:func:`plan_translations`)."""
    docs = site.docs_dir
    files = {file.relative_to(docs).as_posix(): file for file in _markdown_files(docs) if _published(file, docs)}
    plan = plan_translations(list(files), display_path(docs, site.root))
    problems = [Problem(display_path(files[path], site.root), 1, message) for path, message in plan.problems]
    published, claims = set(), []
    for path, file in files.items():
        if translation_original(path) is not None and path not in plan.moves:
            continue  # refused above, and never published
        target = plan.moves.get(path, path)
        published.add(target)
        original = _front_matter(_text(file)).get("translation_of")
        original = original if isinstance(original, str) else plan.originals.get(target)
        if original is not None:
            claims.append((display_path(file, site.root), original))
    problems += [Problem(path, 1, message) for path, message in pairing_problems(claims, published)]
    return problems


def _text(file: Path) -> str:
    return file.read_text("utf-8-sig", errors="replace").replace("\r\n", "\n")


def _front_matter(text: str) -> dict:
    match = FRONT_MATTER.match(text)
    doc = load_text(match.group(1), "")[0] if match else None
    return doc.data if doc is not None and isinstance(doc.data, dict) else {}


def report_problems(site: SiteConfig, reports_dir: str = "laporan") -> list[Problem]:
    problems = []
    folder = site.docs_dir / reports_dir
    for file in sorted(folder.glob("*.md")) if folder.is_dir() else []:
        src_uri = file.relative_to(site.docs_dir).as_posix()
        problems += read_report(file, src_uri, display_path(file, site.root))[1]
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Periksa data katalog dan cerita tanpa membangun situs.")
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="folder proyek (berisi products/ dan stories/)")
    parser.add_argument("--github", action="store_true", default=os.environ.get("GITHUB_ACTIONS") == "true",
                        help="juga tulis anotasi GitHub Actions (::error file=…,line=…::), otomatis di GitHub")
    parser.add_argument("--no-translations", dest="translations", action="store_false",
                        help="tanpa daftar teks bahasa Inggris yang belum ada")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    root = args.root
    site = read_site_config(root)
    catalog, problems = load_catalog(root / "products")
    problems += photo_problems(catalog)
    books, story_problems = load_books(root / "stories")
    _, member_problems = load_members(root / "data" / "members.yml", root)
    problems += story_problems + check_references(books, catalog) + member_problems
    if site.blog is not None:
        problems += check_posts(site.blog, root)[1]
    problems += markdown_problems(site, [site.docs_dir, root / "stories"])
    problems += translation_problems(site)
    problems += report_problems(site)
    # Files copied to the site as they are, and symbolic links anywhere in the data
    problems += tree_problems(site.docs_dir, root, web=True, own=site.own_files)
    for folder in ("products", "stories", "data"):
        problems += tree_problems(root / folder, root, web=False)
    problems += pending_problems(root)  # a product sheet handed in by pull request and not imported yet
    problems = sorted(set(problems))  # a file two checks read is reported once
    elapsed = time.perf_counter() - started
    if problems:
        print(format_problems(problems), file=sys.stderr)
        if args.github:
            for problem in sorted(problems):
                print(github_annotation(problem))
        return 1
    stories = sum(len(b.stories) for b in books)
    print(
        f"Data baik: {len(catalog.products)} produk, {len(catalog.producers)} produsen, "
        f"{len(catalog.jarpuks)} JarPUK, {len(books)} buku dengan {stories} cerita "
        f"({elapsed:.2f} detik)."
    )
    if args.translations:  # a to-do list after the verdict, never a failure
        print(format_missing(missing_translations(catalog)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
