"""MkDocs plugin ``asppuk-theme``: Material, as the site needs it.

Hooks, in the order MkDocs calls them:

- ``on_config``: put our templates in front of Material's (``main.html``,
  the header, the logo, the Indonesian strings Material lacks), and load the
  site-wide style and script (keyboard and screen-reader fixes).
- ``on_files``: ship that style and script.
- ``on_env``: our templates escape what they print (:func:`escape_by_default`).

What the templates and assets fix, on every page: a skip link as the first
thing a keyboard reaches (Material only writes one on pages with a table of
contents), header buttons (menu, search) that a keyboard can reach and use,
no focus on things off-screen (the closed drawer, the closed search), focus
back where it was after Escape, visible focus on every control, and the
logo drawn inline (one request less on every page, and a fixed size).
"""

from __future__ import annotations

import os

from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File

from . import SHARED, add_templates, escape_by_default

ASSETS = os.path.join(os.path.dirname(__file__), "assets")
STYLESHEET = "assets/asppuk/site.css"
SCRIPT = "assets/asppuk/site.js"


class ThemePlugin(BasePlugin):
    supports_multiple_instances = False

    def on_config(self, config):
        add_templates(config, SHARED, override=True)
        config.extra_css.append(STYLESHEET)
        config.extra_javascript.append(SCRIPT)

    def on_files(self, files, *, config):
        for uri in (STYLESHEET, SCRIPT):
            files.append(File.generated(config, uri, abs_src_path=os.path.join(ASSETS, os.path.basename(uri))))
        return files

    def on_env(self, env, *, config, files):
        escape_by_default(env, config)
        return env
