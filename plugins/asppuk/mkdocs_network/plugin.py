"""MkDocs plugin: member directory and figures pages, from data files and the catalogue.

- ``on_files`` (after ``asppuk-catalog``): load ``data/figures.yml`` (the
  network's totals) and ``data/members.yml``, and add,
  in each language of the catalogue, ``/tentang/anggota/`` (members by region
  and province, JarPUK directory; ``/en/about/members/``) and ``/angka/``
  (charts with tables computed from the catalogue; ``/en/figures/``).
- ``on_page_markdown`` / ``on_page_context``: title, template and view data;
  in any page, ``<!-- angka-jaringan -->`` becomes the network's figures
  (the home page), the same block the figures page opens with.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File

from asppuk.catalog import urls
from asppuk.catalog.labels import REGIONS as REGION_NAMES
from asppuk.catalog.model import REGIONS
from asppuk.catalog.text import number
from asppuk.contracts import CatalogSource, offer
from asppuk.languages import LANGUAGES, language_of
from asppuk.mkdocs_problems import report_problems
from asppuk.mkdocs_theme import add_templates, escape_by_default
from asppuk.network import (
    FIGURES,
    MEMBERS,
    TOTALS_MARKER,
    WORDS,
    figures,
    load_members,
    load_totals,
    totals_html,
    totals_problems,
)
from asppuk.reports import charts

log = logging.getLogger("mkdocs.plugins.asppuk.network")


class NetworkConfig(Config):
    members_file = opt.Type(str, default="data/members.yml")
    totals_file = opt.Type(str, default="data/figures.yml")


class NetworkPlugin(BasePlugin[NetworkConfig]):
    def on_startup(self, *, command, dirty):
        self.serving = command == "serve"

    def on_config(self, config):
        add_templates(config, os.path.join(os.path.dirname(__file__), "templates"))

    def on_env(self, env, *, config, files):
        escape_by_default(env, config)  # our templates escape what they print
        return env

    def on_files(self, files, *, config):
        base = Path(os.path.dirname(config.config_file_path))
        regions, problems = load_members(base / self.config.members_file, base)
        totals, found = load_totals(base / self.config.totals_file, base)
        source = offer(config, CatalogSource)
        catalog = source.catalog if source is not None else None
        problems += found + totals_problems(totals, regions, catalog)
        report_problems(problems, "Data anggota", serving=self.serving, log=log)
        self.totals = {}
        codes = source.catalog_languages() if source is not None else ["id"]
        languages = [LANGUAGES[code] for code in codes]
        self.views = {}
        for language in languages:
            other = next((x for x in languages if x is not language), None)
            w, code = WORDS[language.code], language.code
            jarpuks = []
            if catalog is not None:
                for region in REGIONS:
                    networks = sorted((j for j in catalog.jarpuks.values() if j.region == region), key=lambda j: j.name)
                    if networks:
                        jarpuks.append((REGION_NAMES[code][region], [
                            (j.name, urls.jarpuk(j.id, language), f"{j.district}, {j.province}") for j in networks]))
            # The totals only from data/figures.yml (served with a problem: the pages without them)
            self.totals[code] = totals_html(totals, language) if totals else ""
            lead = w["members_lead"].format(**{key: number(getattr(totals, key), language.locale)
                                               for key in ("ngos", "provinces", "regions", "jarpuk")}) if totals else ""
            members = [{"name": REGION_NAMES[code].get(r.id, r.name), "count": w["n_ngos"].format(n=r.members),
                        "provinces": r.provinces}
                       for r in regions]
            pages = {
                MEMBERS[code]: (w["members_title"], "asppuk/network/members.html",
                                {"w": w, "lead": lead, "regions": members, "jarpuks": jarpuks}),
                FIGURES[code]: (w["figures_title"], "asppuk/network/figures.html",
                                {"w": w, "totals": self.totals[code],
                                 "charts": [charts.render(c) for c in figures(catalog, regions, language)]
                                 if catalog else []}),
            }
            for uri, view in pages.items():
                counterpart = (MEMBERS if uri == MEMBERS[code] else FIGURES).get(other.code) if other else None
                self.views[uri] = (*view, code, counterpart and counterpart[: -len("index.md")])
        for uri in self.views:
            files.append(File.generated(config, uri, content=""))
        return files

    def on_serve(self, server, *, config, builder):
        base = os.path.dirname(config.config_file_path)
        server.watch(os.path.join(base, self.config.members_file))
        server.watch(os.path.join(base, self.config.totals_file))
        return server

    def on_page_markdown(self, markdown, *, page, config, files):
        if TOTALS_MARKER in markdown:  # the home page: the same figures as /angka/, in the page's language
            code = (LANGUAGES.get(page.meta.get("language")) or language_of(page.url)).code
            markdown = markdown.replace(TOTALS_MARKER, str(self.totals.get(code) or self.totals.get("id", "")))
        view = self.views.get(page.file.src_uri)
        if view is not None:
            title, template, context, language, alternate = view
            page.meta.update(title=title, template=template, language=language)
            # the page's lead as its description, in its language (not the site's Indonesian one)
            page.meta.setdefault("description", context.get("lead") or context["w"]["figures_lead"])
            # what its lastmod is the date of (asppuk.sitedates): the members' file and the catalogue
            page.meta["asppuk_sources"] = [self.config.members_file, "products"]
            if alternate:
                page.meta["alternate"] = alternate
        return markdown

    def on_page_context(self, context, *, page, config, nav):
        view = self.views.get(page.file.src_uri)
        if view is not None:
            context.update(view[2])
        return context
