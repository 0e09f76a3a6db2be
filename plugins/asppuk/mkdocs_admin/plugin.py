"""MkDocs plugin: the git-based editor at ``/admin/`` (Decap CMS).

Decap CMS comes from the npm registry (``tools/cms``, installed by
``make install`` when npm is there) and is served by the site itself: its
script files are copied into ``/admin/``, nothing is loaded from a CDN. The
configuration is generated at every build (``asppuk.staff.cms``), after the
catalogue and story plugins, from the same JSON Schemas the checks use.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

import yaml
from mkdocs.config import config_options as opt
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File

from asppuk.contracts import BlogSettingsSource, BookSource, CatalogSource, at, offer
from asppuk.news import author_ids
from asppuk.staff.cms import build_config

log = logging.getLogger("mkdocs.plugins.asppuk.admin")
ASSETS = Path(__file__).parent / "assets"

INDEX = """<!doctype html>
<html lang="id">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <meta name="robots" content="noindex">
  <meta http-equiv="Content-Security-Policy" content="{policy}">
  <title>Penyunting situs ASPPUK</title>
  <link rel="cms-config-url" type="text/yaml" href="config.yml">
</head>
<body>
  <noscript>Penyunting memerlukan JavaScript.</noscript>
  <script src="decap-setup.js"></script>
  <script src="decap-cms.js"></script>
  <script src="decap-id.js"></script>
  <script type="module" src="asppuk-cms.js"></script>
</body>
</html>
"""
# Scripts only from /admin/ itself (Decap, our formats, the YAML library);
# 'unsafe-eval' because Decap validates its configuration with ajv, which
# compiles schemas with new Function. Decap talks to GitHub's API, or to
# decap-server on the staff member's own computer; its styles are inline
# (emotion). The sign-in relay is a pop-up, not a request of this page.
ADMIN_POLICY = "; ".join((
    "default-src 'self'",
    "script-src 'self' 'unsafe-eval' 'wasm-unsafe-eval'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob: https://avatars.githubusercontent.com https://*.githubusercontent.com",
    "connect-src 'self' blob: data: https://api.github.com https://*.githubusercontent.com http://localhost:* http://127.0.0.1:*",
    "font-src 'self' data:",
    "frame-src 'self' blob:",
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'none'",
))
MISSING = """<!doctype html>
<html lang="id"><head><meta charset="utf-8"><title>Penyunting belum dipasang</title></head>
<body><h1>Penyunting belum dipasang</h1>
<p>Decap CMS dipasang dari registri npm oleh <code>make install</code> bila npm tersedia
(<code>npm ci --prefix tools/cms</code>). Bangun ulang situs setelahnya.</p></body></html>
"""


class AdminConfig(Config):
    enabled = opt.Type(bool, default=True)
    repo = opt.Type(str, default="asppuk/asppuk-site")
    branch = opt.Type(str, default="main")
    # The sign-in relay for GitHub (tools/hosts/decap-auth-worker.js, deployed
    # once by the administrator): without it Decap sends "Login with GitHub" to
    # Netlify, which answers only for sites hosted there
    auth_url = opt.Type(str, default="")
    cms_dir = opt.Type(str, default="tools/cms/node_modules/decap-cms/dist")
    yaml_dir = opt.Type(str, default="tools/cms/node_modules/yaml/browser/dist")
    # Fail the build when Decap CMS is not installed (set in CI)
    require = opt.Type(bool, default=False)


class AdminPlugin(BasePlugin[AdminConfig]):
    @event_priority(at("asppuk-admin", "on_files"))  # contracts.ORDER
    def on_files(self, files, *, config):
        if not self.config.enabled:
            return files
        base = Path(os.path.dirname(config.config_file_path))
        dist = base / self.config.cms_dir
        scripts = sorted(dist.glob("*decap-cms.js")) if dist.is_dir() else []
        yaml_dist = base / self.config.yaml_dir
        if not (yaml_dist / "index.js").is_file():
            scripts = []  # an editor that cannot write our files is no editor
        if not scripts:
            message = f"Decap CMS tidak ditemukan di {self.config.cms_dir}: jalankan `make install` (perlu npm)."
            if self.config.require or os.environ.get("CI"):
                raise PluginError(message)
            log.warning(message)
            files.append(File.generated(config, "admin/index.html", content=MISSING))
            return files
        source, stories = offer(config, CatalogSource), offer(config, BookSource)
        catalog = source.catalog if source is not None else None
        books = stories.books if stories is not None else []
        if catalog is None:
            raise PluginError("asppuk-admin needs asppuk-catalog (its collections come from the catalogue)")
        blog = offer(config, BlogSettingsSource)
        news = blog.settings if blog is not None else None
        authors = author_ids(news, base) if news is not None else []
        try:
            cms = build_config(catalog, books, self.config.repo, self.config.branch, config.site_url or "",
                               auth_url=self.config.auth_url, authors=authors)
        except ValueError as error:  # an auth_url Decap could not use
            raise PluginError(f"asppuk-admin: {error}") from error
        files.append(File.generated(config, "admin/index.html", content=INDEX.replace("{policy}", ADMIN_POLICY)))
        files.append(File.generated(config, "admin/config.yml",
                                    content=yaml.safe_dump(cms, allow_unicode=True, sort_keys=False)))
        for script in scripts:
            files.append(File.generated(config, f"admin/{script.name}", abs_src_path=str(script)))
        # Our own scripts: the Indonesian interface, the formats that read and write our files
        for asset in sorted(ASSETS.glob("*.js")):
            files.append(File.generated(config, f"admin/{asset.name}", abs_src_path=str(asset)))
        # The YAML library asppuk-cms.js reads and writes with (comments kept), as ES modules
        for module in sorted(yaml_dist.rglob("*.js")):
            files.append(File.generated(config, f"admin/yaml/{module.relative_to(yaml_dist).as_posix()}",
                                        abs_src_path=str(module)))
        return files
