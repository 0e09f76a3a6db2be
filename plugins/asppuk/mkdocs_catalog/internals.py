"""Every private internal of MkDocs, Jinja, Material and Python that the
catalogue's speed tricks use: here and nowhere else.

Each was read in, and is verified against, the versions in :data:`VERIFIED`
(the ones ``constraints.txt`` pins and Debian's Python). ``tests/test_internals.py``
checks that the installed versions are these and that every internal below is
still there; after an upgrade, run ``tests/test_tricks.py`` (every page built
with the tricks and without them, compared byte for byte), then update
:data:`VERIFIED`. A trick that finds its internal missing or failing falls
back to the plain path (logged once), so an unverified version builds the
same site, only slower.
"""

from __future__ import annotations

import sys
from importlib.metadata import PackageNotFoundError, version

VERIFIED = {
    "python": "3.11",
    "mkdocs": "1.6.1",
    "mkdocs-material": "9.8.1",
    "jinja2": "3.1.6",
}


def installed() -> dict[str, str]:
    found = {"python": f"{sys.version_info.major}.{sys.version_info.minor}"}
    for name in VERIFIED:
        if name != "python":
            try:
                found[name] = version(name)
            except PackageNotFoundError:
                found[name] = "none"
    return found


# -- MkDocs: the page builder (the helper process builds pages as MkDocs does)

def build_page(page, config, doc_files, nav, env) -> None:
    """``mkdocs.commands.build._build_page``: one page read, converted,
    rendered and written, with every plugin's page hooks."""
    from mkdocs.commands.build import _build_page

    _build_page(page, config, doc_files, nav, env)


def render_page(page, config, doc_files, nav, env) -> bytes:
    """What ``build_page`` writes for ``page``, not written: its steps after
    the page's own (context, ``on_page_context``, the template,
    ``on_post_page``), as ``_build_page`` takes them."""
    from mkdocs.commands.build import get_context

    config._current_page = page
    page.active = True
    try:
        context = get_context(nav, doc_files, config, page)
        template = env.get_template(page.meta.get("template", "main.html"))
        context = config.plugins.on_page_context(context, page=page, config=config, nav=nav)
        output = config.plugins.on_post_page(template.render(context), page=page, config=config)
        return output.encode("utf-8", errors="xmlcharrefreplace")
    finally:
        page.active = False
        config._current_page = None


# -- Python: a forkserver of the helper's own (its worker pools)

def own_forkserver() -> None:
    """In a forked process: worker pools start from a forkserver of its own
    (the parent's belongs to the parent; a process can only wait for its own
    children). ``multiprocessing.forkserver`` keeps one server per process
    in ``_forkserver`` and exposes its bound methods as module functions."""
    import multiprocessing.forkserver as forkserver

    server = forkserver.ForkServer()
    forkserver._forkserver = server
    for name in ("ensure_running", "get_inherited_fds", "connect_to_new_process", "set_forkserver_preload"):
        setattr(forkserver, name, getattr(server, name))


# -- Jinja: a block's chain, and rendering it into a fresh context

def block_chain(block) -> tuple[list, int]:
    """A ``BlockReference`` (``super`` or ``self.name`` in a template): the
    block's compiled functions, from the template's own to its parents', and
    which of them it stands for (``_stack``, ``_depth``)."""
    return block._stack, block._depth


def blocks_of(context) -> dict[str, list]:
    """A render context's block chains, by name (``Context.blocks``)."""
    return {key: list(chain) for key, chain in context.blocks.items()}


def render_block(template, context, chain: list, depth: int) -> str:
    """A block rendered as Jinja's own ``{% block %}`` renders it."""
    return template.environment.concat(chain[depth](context))


def new_context(template, variables: dict, blocks: dict):
    """A render context for ``template`` that uses ``blocks``."""
    context = template.new_context(variables)
    context.blocks = blocks
    return context


# -- Material: the template variables its base.html imports `with context`
# ({% import "partials/language.html" as lang with context %}): a block
# rendered on its own must make them from its page, as a full render does
WITH_CONTEXT = {"lang": "partials/language.html"}


# -- MkDocs: the relative URLs it remembers (memory, not speed)

def forget_relative_urls() -> None:
    """Empty ``mkdocs.utils._norm_parts``, an ``lru_cache(maxsize=None)``
    of the parts of every URL made relative (900 bytes a catalogue page)."""
    from mkdocs import utils

    clear = getattr(getattr(utils, "_norm_parts", None), "cache_clear", None)
    if clear is not None:  # a later MkDocs may not cache at all
        clear()
