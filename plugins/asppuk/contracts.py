"""What our MkDocs plugins offer each other, declared.

A plugin that needs another's data asks for a *contract* (a small typed
protocol), not for a plugin by name or for its attributes: ``offer(config,
CatalogSource)`` finds the plugin that offers the catalogue, whichever it
is, and the type checker and :func:`offer` both know what it has. The
plugin that offers says so by having exactly these members (and its class
lists the contracts it keeps in its docstring). No MkDocs import.

The order that makes an offer ready is MkDocs' event order plus each
hook's priority. :data:`ORDER` states every priority of ours in one place,
with its reason; plugins take theirs from it (:func:`at`), and
``tests/test_architecture.py`` checks that none is set elsewhere and that
every offer is ready before it is read (:data:`READY`, :data:`READERS`).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, Protocol, TypeVar, runtime_checkable


@runtime_checkable
class CatalogSource(Protocol):
    """The catalogue, loaded (``asppuk-catalog``), and the languages it is
    published in. ``catalog`` is None until its ``on_files`` has run, or
    when the data could not be loaded."""

    catalog: Any
    def catalog_languages(self) -> list[str]: ...
    def mention(self, jarpuk: str, producer: str, title: str, url: str) -> None:
        """A story that names a producer (her page links to it)."""
    def clear_mentions(self) -> None: ...


@runtime_checkable
class BookSource(Protocol):
    """The books of stories, loaded (``asppuk-stories``)."""

    books: list


@runtime_checkable
class BlogSettingsSource(Protocol):
    """The blog's settings as the checks read them (``asppuk-news``), or None
    without the blog."""

    settings: Any


@runtime_checkable
class PageIndexer(Protocol):
    """The site's search index (``asppuk-search``): which built pages it
    indexes, and that some of them are written by another process."""

    def indexes(self, dest_uri: str) -> bool: ...
    def wait_for(self, ended: threading.Event, written: Callable[[], bool]) -> None:
        """Index once ``ended`` is set, if ``written()`` then says the other
        process wrote all its pages to index."""


@runtime_checkable
class PageProblemCollector(Protocol):
    """A plugin that finds problems while pages are built and reports them
    when the build ends (``asppuk-security``): pages built in another
    process hand theirs back."""

    def page_problems(self) -> list:
        """The problems found so far in this build (a copy)."""
    def add_page_problems(self, problems: list) -> None: ...


# Every hook priority of ours, with why (MkDocs runs the higher first; the
# default is 0). Listed here with 0: hooks that read or make an offer.
ORDER: dict[tuple[str, str], tuple[int, str]] = {
    ("asppuk-theme", "on_files"): (100, "before asppuk-news (60) and Material's blog read the posts"),
    ("asppuk-news", "on_files"): (60, "the posts checked before the blog plugin (-50) reads them"),
    ("asppuk-catalog", "on_files"): (50, "the catalogue loaded before other plugins look at the file list"),
    ("asppuk-stories", "on_files"): (0, "reads the catalogue; offers the books"),
    ("asppuk-network", "on_files"): (0, "reads the catalogue"),
    ("asppuk-admin", "on_files"): (-60, "after the catalogue, the stories and the blog's settings are loaded"),
    ("asppuk-security", "on_files"): (-90, "after every plugin has added its pages, before MkDocs reads any"),
    ("asppuk-search", "on_files"): (-100, "after every plugin has added its pages: those to index go first"),
    ("asppuk-catalog", "on_env"): (-100, "the environment as every plugin left it: the helper process starts"),
    ("asppuk-security", "on_page_markdown"): (-100, "last: MkDocs converts the page right after"),
    ("asppuk-security", "on_page_content"): (100, "first, before any plugin reads the content (the feeds, the blog)"),
    ("asppuk-news", "on_page_content"): (-74, "just before mkdocs-rss-plugin (-75) takes the title"),
    ("asppuk-news", "on_page_context"): (100, "before any template prints the page"),
    ("asppuk-theme", "on_page_context"): (-50, "after the plugins that set a page's language and counterpart"),
    ("asppuk-share", "on_page_context"): (-60, "after asppuk-theme (-50): the language and canonical address are set"),
    ("asppuk-security", "on_page_context"): (-100, "last: the context as the page renders with it"),
    ("asppuk-security", "on_template_context"): (-100, "last: the context as the template renders with it"),
    ("asppuk-security", "on_post_page"): (-100, "last: the page as it is written"),
    ("asppuk-security", "on_post_template"): (-100, "last: the file as it is written"),
    ("asppuk-catalog", "on_post_build"): (100, "first: the helper's pages and their problems are in before others look"),
    ("asppuk-share", "on_post_build"): (0, "before asppuk-theme sets every file's mode (-100)"),
    ("asppuk-theme", "on_post_build"): (-100, "last: after Pagefind, the cards drawn beside the build and the feeds"),
}


def at(plugin: str, hook: str) -> int:
    """The priority of ``plugin``'s ``hook`` (for ``@event_priority``)."""
    return ORDER[plugin, hook][0]


# Who offers what, from which hook on; who reads it in which hook (each
# reader of an offer in the same hook runs after it: a lower priority)
READY: tuple[tuple[type, str, str], ...] = (
    (CatalogSource, "asppuk-catalog", "on_files"),
    (BookSource, "asppuk-stories", "on_files"),
    (BlogSettingsSource, "asppuk-news", "on_files"),
)
READERS: tuple[tuple[str, str, tuple[type, ...]], ...] = (
    ("asppuk-stories", "on_files", (CatalogSource,)),
    ("asppuk-network", "on_files", (CatalogSource,)),
    ("asppuk-admin", "on_files", (CatalogSource, BookSource, BlogSettingsSource)),
)

Contract = TypeVar("Contract")


def offers(config: Any, contract: type[Contract]) -> list[Contract]:
    """Every plugin of ``config`` that keeps ``contract`` and is switched on."""
    return [plugin for plugin in config.plugins.values()
            if isinstance(plugin, contract) and getattr(getattr(plugin, "config", None), "enabled", True) is not False]


def offer(config: Any, contract: type[Contract]) -> Contract | None:
    """The one plugin of ``config`` that keeps ``contract``, or None. Two
    plugins offering the same thing is a configuration error."""
    found = [plugin for plugin in config.plugins.values() if isinstance(plugin, contract)]
    if len(found) > 1:
        names = ", ".join(type(plugin).__name__ for plugin in found)
        raise ValueError(f"{contract.__name__} is offered by more than one plugin: {names}")
    return found[0] if found else None
