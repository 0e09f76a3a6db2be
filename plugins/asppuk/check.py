"""``make check``: validate all site data without building.

Refuses first whatever the build would refuse: the catalogue (with the
headers of its photos), stories, members and the network's figures, news posts (front matter, authors,
addresses), reports, every Markdown file (size, front matter, limits, and
no script in what it renders to), files the site copies as they are (no
HTML, JavaScript or scripted SVG), symbolic links (none), links and images
whose target the site does not have (:mod:`asppuk.links`), and product sheets
handed in under ``lembar/`` but not imported yet. Prints every problem as
``path:line: message`` (Indonesian, for staff) and exits 1 when there is
any, 0 when all data is fit to publish. After the verdict, a to-do list that
never fails: English texts not written yet, and what the network data does
not record yet (public pages never mention either).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

from asppuk.catalog import format_problems, load_catalog, urls
from asppuk.catalog.feeds import feed_paths, feed_todo, format_feed_todo
from asppuk.catalog.pages import CatalogPages
from asppuk.catalog.translations import empty_categories, format_empty_categories, format_missing, missing_translations
from asppuk.datafiles.problems import Problem, display_path
from asppuk.datafiles.yamlfile import FRONT_MATTER, load_text
from asppuk.images.convert import ImageProblem, ImageSettings, check_source
from asppuk.languages import LANGUAGES, pairing_problems, plan_translations, translation_original
from asppuk.links import PageSource, body_line, built_elsewhere, collect_links, link_problems, page_url
from asppuk.network import FIGURES, MEMBERS, data_gaps, format_gaps, load_members, load_totals, totals_problems
from asppuk.news import check_posts, feed_problems
from asppuk.reports import read_report
from asppuk.security.content import is_markdown_file, page_problems, read_markdown, tree_problems
from asppuk.site_config import SiteConfig, read_site_config
from asppuk.staff.handin import pending_problems
from asppuk.stories import INDEX as STORIES_INDEX
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


def _docs_pages(site: SiteConfig) -> dict[str, Path]:
    docs = site.docs_dir
    return {file.relative_to(docs).as_posix(): file for file in _markdown_files(docs) if _published(file, docs)}


def _translation_plan(site: SiteConfig):
    return plan_translations(list(_docs_pages(site)), display_path(site.docs_dir, site.root))


def translation_problems(site: SiteConfig) -> list[Problem]:
    """The translations of ``content/`` as the build pairs them (:func:`plan_translations`)."""
    files = _docs_pages(site)
    plan = _translation_plan(site)
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


def site_files(site: SiteConfig, catalog, books) -> frozenset[str]:
    """The paths (``src_uri``) of the site's files as the build has them when
    it renders pages: every file of ``content/`` (translations at their
    English address), and the pages our plugins make from data (catalogue
    in each language and its downloads, stories, member directory and
    figures). What the theme, the blog and the tools add is not here
    (:func:`asppuk.links.built_elsewhere`)."""
    docs, files = site.docs_dir, set()
    for path in docs.rglob("*") if docs.is_dir() else []:
        relative = path.relative_to(docs).as_posix()
        if path.is_file() and not (is_markdown_file(path.name) and translation_original(relative) is not None):
            files.add(relative)  # MkDocs keeps excluded files too (dotfiles): a link to one is only logged
    files.update(_translation_plan(site).moves.values())
    languages = [LANGUAGES[code] for code in site.catalog_languages if code in LANGUAGES]
    if "asppuk-catalog" in site.plugins:
        for language in languages:
            other = next((x for x in languages if x is not language), None)
            files.update(spec.src_uri for spec in CatalogPages(catalog, language=language, other=other))
        files.update((urls.EXPORT_JSON, urls.EXPORT_CSV, urls.EXPORT_SCHEMA, urls.SHEET_TEMPLATE))
        files.update(feed_paths(languages))
    if "asppuk-stories" in site.plugins:
        files.add(STORIES_INDEX)
        for book in books:
            files.add(f"{book.url}index.md")
            for story in book.stories:
                files.update(f"{s.url}index.md" for s in (story, story.translation) if s is not None)
    if "asppuk-network" in site.plugins:
        codes = [language.code for language in languages] if "asppuk-catalog" in site.plugins else ["id"]
        files.update(pages[code] for pages in (MEMBERS, FIGURES) for code in codes)
    return frozenset(files)


def link_target_problems(site: SiteConfig, published: frozenset[str], books, posts) -> list[Problem]:
    """Links and images of every page whose target the site does not have
    (:mod:`asppuk.links`), each page resolved from where the build puts it.
    Posts dated in the future are judged too: the morning build publishes them."""
    shown_docs = display_path(site.docs_dir, site.root)
    moves = _translation_plan(site).moves
    post_urls = {post.file: post.url(site.blog) for post in posts} if site.blog is not None else {}
    pages: list[tuple[Path, str, str | None]] = []
    for relative, file in _docs_pages(site).items():
        if translation_original(relative) is not None:
            if relative in moves:  # a refused translation is never published
                pages.append((file, moves[relative], page_url(moves[relative], site.use_directory_urls)))
        elif site.blog is not None and file.is_relative_to(site.blog.posts_dir):
            pages.append((file, relative, post_urls.get(file)))
        else:
            pages.append((file, relative, page_url(relative, site.use_directory_urls)))
    if "asppuk-stories" in site.plugins:
        for book in books:
            for story in (s for original in book.stories for s in (original, original.translation) if s):
                if story.file is not None:
                    pages.append((story.file, f"{story.url}index.md", story.url))
    unknown = built_elsewhere(site.blog.blog_dir if site.blog is not None else None)
    problems = []
    for file, src_uri, url in pages:
        shown = display_path(file, site.root)
        text, found = read_markdown(file, shown)
        if text is None:
            continue  # refused by markdown_problems already
        first = body_line(text)
        links = collect_links("\n".join(text.split("\n")[first - 1:]), site.markdown_extensions,
                              site.markdown_configs)
        page = PageSource(src_uri, url, shown, text, shown_docs)
        problems += link_problems(links, page, published, site.validation, unknown=unknown, first_line=first)
    return problems


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
    parser.add_argument("--no-translations", "--no-todo", dest="translations", action="store_false",
                        help="tanpa daftar catatan (teks bahasa Inggris dan data jaringan yang belum ada)")
    parser.add_argument("--no-feeds", dest="feeds", action="store_false",
                        help="tanpa daftar produk yang belum masuk feed Google dan Meta")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    root = args.root
    site = read_site_config(root)
    catalog, problems = load_catalog(root / "products")
    problems += photo_problems(catalog)
    books, story_problems = load_books(root / "stories")
    regions, member_problems = load_members(root / "data" / "members.yml", root)
    totals, found = load_totals(root / "data" / "figures.yml", root)
    member_problems += found + totals_problems(totals, regions, catalog)
    problems += story_problems + check_references(books, catalog) + member_problems
    posts = []
    if site.blog is not None:
        posts, found = check_posts(site.blog, root)
        problems += found
    problems += markdown_problems(site, [site.docs_dir, root / "stories"])
    problems += link_target_problems(site, site_files(site, catalog, books), books, posts)
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
        print(format_gaps(data_gaps(totals, regions, catalog)))
    if args.translations and args.feeds:  # likewise: what keeps a product out of the Google and Meta feeds
        print(format_feed_todo(catalog, feed_todo(catalog)))
    empty = format_empty_categories(empty_categories(catalog))  # to-do too: such a category is not published
    if empty:
        print(empty)
    return 0


if __name__ == "__main__":
    sys.exit(main())
