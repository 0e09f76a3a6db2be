"""MkDocs plugin: member directory and figures pages, from data files and the catalogue.

- ``on_files`` (after ``asppuk-catalog``): load ``data/members.yml`` and add
  ``/tentang/anggota/`` (members by region and province, JarPUK directory)
  and ``/angka/`` (charts with tables computed from the catalogue).
- ``on_page_markdown`` / ``on_page_context``: title, template and view data.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File

from asppuk.reports import charts
from asppuk.catalog import urls
from asppuk.catalog.model import REGIONS
from asppuk.catalog.text import number
from asppuk.network import figures, load_members
from asppuk.mkdocs_problems import report_problems
from asppuk.mkdocs_theme import add_templates, escape_by_default

log = logging.getLogger("mkdocs.plugins.asppuk.network")
MEMBERS = "tentang/anggota/index.md"
FIGURES = "angka/index.md"


class NetworkConfig(Config):
    members_file = opt.Type(str, default="data/members.yml")


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
        report_problems(problems, "Data anggota", serving=self.serving, log=log)
        catalog = getattr(config.plugins.get("asppuk-catalog"), "catalog", None)
        jarpuks = []
        if catalog is not None:
            for region in REGIONS:
                networks = sorted((j for j in catalog.jarpuks.values() if j.region == region), key=lambda j: j.name)
                if networks:
                    jarpuks.append((REGIONS[region], [(j.name, urls.jarpuk(j.id), f"{j.district}, {j.province}") for j in networks]))
        total = sum(r.members for r in regions)
        self.views = {
            MEMBERS: ("Anggota dan JarPUK", "asppuk/network/members.html",
                      {"regions": regions, "total": number(total), "jarpuks": jarpuks}),
            FIGURES: ("Angka jaringan", "asppuk/network/figures.html",
                      {"charts": [charts.render(c) for c in figures(catalog, regions)] if catalog else []}),
        }
        for uri in self.views:
            files.append(File.generated(config, uri, content=""))
        return files

    def on_serve(self, server, *, config, builder):
        server.watch(os.path.join(os.path.dirname(config.config_file_path), self.config.members_file))
        return server

    def on_page_markdown(self, markdown, *, page, config, files):
        view = self.views.get(page.file.src_uri)
        if view is not None:
            page.meta.update(title=view[0], template=view[1])
        return markdown

    def on_page_context(self, context, *, page, config, nav):
        view = self.views.get(page.file.src_uri)
        if view is not None:
            context.update(view[2])
        return context
