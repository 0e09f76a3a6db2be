"""Catalogue pages rendered from a skeleton: Material's page around them, once per kind and folder.

The product pages of one JarPUK in one language (and the producer pages, the
listing pages of one folder...) differ in four blocks only: the meta tags of
the head (``site_meta``), the ``<title>`` (``htmltitle``), the kind's own head
tags (``extrahead``) and the content (``container``), plus two values in the
header (the title and the language switch's link: the fills). Everything around them, most of the work of a page, is
Material's ``base.html`` doing the same thing again: the skeleton keeps that
text once per template and folder and renders only those blocks, with the
page's own context, into it (Hugo's and Eleventy's layouts are rendered per
page too; this is the part a layout cannot know it could skip).

- ``page.html`` (the catalogue's base template) prints each of the four
  blocks through ``puk_part(name, block)``. A plain render prints the block.
- To learn a skeleton, a page is rendered once more with a recorder in its
  context: ``puk_part`` then keeps the block's chain of compiled functions
  (the block and the blocks it extends, for ``super()``) and the template
  variables set so far (the macros a template imports, Material's
  ``features``...), and prints a marker; the header's fills are markers too.
- A page of a kind and folder whose skeleton is trusted renders the four
  blocks in a fresh Jinja context made from its own variables, as Jinja's
  own ``{% block %}`` does, and fills the markers in.
- Trust is earned per kind and folder: the first ``checks`` pages of each are
  rendered in full and compared with what their skeleton gives. One
  difference, and that kind and folder is rendered in full from then on
  (logged). ``tests/test_skeleton.py`` compares every page of a build with
  one that renders in full.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from collections.abc import Callable

from jinja2 import pass_context
from markupsafe import Markup, escape

from .internals import WITH_CONTEXT, block_chain, blocks_of, new_context, render_block

log = logging.getLogger("mkdocs.plugins.asppuk.catalog")

PARTS = ("site_meta", "htmltitle", "extrahead", "container")
FILLS = ("title", "alternate_href")  # page.meta values the header prints
RECORDER = "puk_skeleton_recorder"  # a context variable only while a skeleton is learned
_MARK = "\x00puk-{}:{}\x00"
_MARKS = re.compile("\x00puk-(part|fill):([a-z_]+)\x00")


class _Recorder:
    def __init__(self):
        self.parts: dict[str, tuple[list, int, dict]] = {}
        self.blocks: dict[str, list] | None = None


class Skeleton:
    """A page's text with markers, and how to render what goes into them."""

    __slots__ = ("pieces", "parts", "blocks", "seen", "trusted")

    def __init__(self, pieces: list, parts: dict, blocks: dict):
        self.pieces, self.parts, self.blocks = pieces, parts, blocks
        self.seen, self.trusted = 0, False

    def fill(self, template, variables: dict, meta: dict) -> str:
        context = new_context(template, variables, self.blocks)
        imported = {name: _ImportedWithContext(template.environment, source, variables)
                    for name, source in WITH_CONTEXT.items()}
        out = []
        for piece in self.pieces:
            if piece.__class__ is str:
                out.append(piece)
            elif piece[0] == "part":
                stack, depth, names = self.parts[piece[1]]
                # the template variables as they were when the block was
                # reached (imports, Material's top-level sets), as Jinja's
                # own {% block %} sees them; a module imported with context
                # is this page's
                context.vars = {**names, **{name: imported[name] for name in WITH_CONTEXT if name in names}}
                out.append(render_block(template, context, stack, depth))
            else:  # escaped, as the header prints it
                out.append(str(escape(meta.get(piece[1], ""))))
        return "".join(out)


class _ImportedWithContext:
    """Material's ``lang``, which base.html imports ``with context``: made
    from the page being filled when a block first uses it, as a full render
    of that page makes it (a skeleton keeps no module made from another
    page: that would keep the page's view data, a whole print catalogue)."""

    __slots__ = ("_environment", "_source", "_variables", "_module")

    def __init__(self, environment, source: str, variables: dict):
        self._environment, self._source, self._variables, self._module = environment, source, variables, None

    def __getattr__(self, name):
        if self._module is None:
            self._module = self._environment.get_template(self._source).make_module(self._variables, True)
        return getattr(self._module, name)


class Skeletons:
    """``render(variables, page, template_name, folder)`` for every catalogue page: from the
    skeleton of its kind and folder once that is trusted, in full otherwise."""

    def __init__(self, env, checks: int):
        self.env, self.checks = env, checks
        self._known: dict[tuple[str, str], Skeleton | None] = {}  # None: refused
        self.from_skeleton: Counter[str] = Counter()  # template -> pages rendered from a skeleton
        self.in_full = 0
        self._error_said = False

    @staticmethod
    @pass_context
    def part(context, name: str, block: Callable[[], str]):
        """``puk_part`` (page.html): the block, or a marker while a skeleton is learned."""
        recorder = context.get(RECORDER)
        if recorder is None:
            # a rendered block is HTML (Jinja marks it so only when the page's
            # own template autoescapes: a custom_dir override may not)
            return Markup(block())
        # block is Jinja's BlockReference (the block, or super): its chain and depth
        names = {key: value for key, value in context.vars.items() if key not in WITH_CONTEXT}
        names.update((key, None) for key in WITH_CONTEXT if key in context.vars)  # made per page (fill)
        recorder.parts[name] = (*block_chain(block), names)
        if recorder.blocks is None:
            recorder.blocks = blocks_of(context)
        return Markup(_MARK.format("part", name))

    def render(self, variables: dict, page, template_name: str, folder: str | None) -> str:
        template = self.env.get_template(template_name)
        key = (template_name, folder)
        known = self._known.get(key, False)
        if folder is None or self.checks <= 0 or known is None:
            self.in_full += 1
            return template.render(variables)
        if known is not False and known.trusted:
            try:
                html = known.fill(template, variables, page.meta)
            except Exception as error:  # noqa: BLE001 - any failure of the trick: the plain path
                return self._refuse(key, template, variables, page, f"filling its skeleton failed: {error!r}",
                                    error=True)
            self.from_skeleton[template_name] += 1
            return html
        plain = template.render(variables)
        self.in_full += 1
        try:
            learned = self._learn(template, variables, page.meta)
            skeleton = learned if known is False else known
            same = learned is not None and learned.pieces == skeleton.pieces \
                and skeleton.fill(template, variables, page.meta) == plain
        except Exception as error:  # noqa: BLE001
            self._refuse(key, None, variables, page, f"learning its skeleton failed: {error!r}", error=True)
            return plain
        if not same:
            self._refuse(key, None, variables, page, f"the skeleton did not give {page.url} as a full render does")
            return plain
        skeleton.seen += 1
        skeleton.trusted = skeleton.seen >= self.checks
        self._known[key] = skeleton
        return plain

    def _refuse(self, key: tuple[str, str], template, variables: dict, page, why: str,
                error: bool = False) -> str | None:
        """That kind and folder renders in full from now on; with
        ``template``, this page is rendered in full now. A difference is
        said for each kind and folder; an error once a build (it is the
        same error in every folder)."""
        self._known[key] = None
        if not error or not self._error_said:
            log.info(f"catalogue pages: {key[0]} in {key[1]}/ are rendered in full ({why})"
                     + ("; skeletons that fail later are not named" if error else ""))
        self._error_said |= error
        if template is None:
            return None
        self.in_full += 1
        return template.render(variables)

    def _learn(self, template, variables: dict, meta: dict) -> Skeleton | None:
        recorder = _Recorder()
        saved = dict(meta)
        meta.update((name, _MARK.format("fill", name)) for name in FILLS)
        try:
            text = template.render({**variables, RECORDER: recorder})
        finally:
            meta.clear()
            meta.update(saved)
        pieces: list = []
        at = 0
        for mark in _MARKS.finditer(text):
            pieces.append(text[at:mark.start()])
            pieces.append((mark[1], mark[2]))
            at = mark.end()
        pieces.append(text[at:])
        parts = [piece[1] for piece in pieces if piece.__class__ is tuple and piece[0] == "part"]
        if sorted(parts) != sorted(PARTS) or set(parts) != set(recorder.parts):
            return None  # a block printed twice, or not at all: no skeleton
        return Skeleton([piece for piece in pieces if piece != ""], recorder.parts, recorder.blocks)
