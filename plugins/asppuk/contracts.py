"""What our MkDocs plugins offer each other, declared.

A plugin that needs another's data asks for a *contract* (a small typed
protocol), not for a plugin by name or for its attributes: ``offer(config,
CatalogSource)`` finds the plugin that offers the catalogue, whichever it
is, and the type checker and :func:`offer` both know what it has. The
plugin that offers says so by having exactly these members (and its class
lists the contracts it keeps in its docstring). No MkDocs import.

The order that makes an offer ready is MkDocs' event order plus each
hook's priority; :data:`READY` states it in one place, and
``tests/test_architecture.py`` checks the plugins' priorities against it.
"""

from __future__ import annotations

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


# Who offers what, and from which hook on: (contract, offering plugin, hook, priority).
# A plugin that reads an offer in the same hook must run after it (a lower priority).
READY: tuple[tuple[type, str, str, int], ...] = (
    (CatalogSource, "asppuk-catalog", "on_files", 50),
    (BookSource, "asppuk-stories", "on_files", 0),
    (BlogSettingsSource, "asppuk-news", "on_files", 60),
)
# Who reads them in on_files, at which priority (each below its offers')
READERS: tuple[tuple[str, int, tuple[type, ...]], ...] = (
    ("asppuk-stories", 0, (CatalogSource,)),
    ("asppuk-network", 0, (CatalogSource,)),
    ("asppuk-admin", -60, (CatalogSource, BookSource, BlogSettingsSource)),
)

Contract = TypeVar("Contract")


def offer(config: Any, contract: type[Contract]) -> Contract | None:
    """The one plugin of ``config`` that keeps ``contract``, or None. Two
    plugins offering the same thing is a configuration error."""
    found = [plugin for plugin in config.plugins.values() if isinstance(plugin, contract)]
    if len(found) > 1:
        names = ", ".join(type(plugin).__name__ for plugin in found)
        raise ValueError(f"{contract.__name__} is offered by more than one plugin: {names}")
    return found[0] if found else None
