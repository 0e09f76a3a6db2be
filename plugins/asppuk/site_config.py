"""What ``make check`` needs from ``mkdocs.yml``, read as plain YAML (no MkDocs).

The checks render Markdown with the site's extensions and check news posts
with the blog's settings, so that ``make check`` refuses what the build
would refuse. Tags such as ``!ENV`` or ``!!python/name:`` are read as
nothing: none of the values needed here use them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from asppuk.links import Validation
from asppuk.news import BlogSettings, FeedSettings


class _Loader(yaml.SafeLoader):
    pass


_Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)

# MkDocs always adds these to the configured ones
_MKDOCS_EXTENSIONS = ["toc", "tables", "fenced_code"]


@dataclass
class SiteConfig:
    root: Path
    docs_dir: Path
    markdown_extensions: list[str] = field(default_factory=list)
    markdown_configs: dict[str, dict[str, Any]] = field(default_factory=dict)
    blog: BlogSettings | None = None
    # Files of docs_dir that mkdocs.yml names (the stylesheet, the logo): the site's own, not uploads
    own_files: frozenset[str] = frozenset()
    feed: FeedSettings | None = None  # mkdocs-rss-plugin's summary settings, when the site has feeds
    validation: Validation = Validation()  # MkDocs' validation.links levels
    use_directory_urls: bool = True
    plugins: frozenset[str] = frozenset()  # the names under plugins:
    catalog_languages: tuple[str, ...] = ("id", "en")  # asppuk-catalog's languages


def read_site_config(root: Path) -> SiteConfig:
    """The settings in ``root/mkdocs.yml``; without one (data checked on its
    own), the project's layout with MkDocs' defaults and no blog."""
    file = root / "mkdocs.yml"
    data = (yaml.load(file.read_text("utf-8"), Loader=_Loader) or {}) if file.is_file() else {"docs_dir": "content"}
    docs = root / str(data.get("docs_dir", "docs"))
    names, configs = list(_MKDOCS_EXTENSIONS), {}
    for item in data.get("markdown_extensions") or []:
        name, options = next(iter(item.items())) if isinstance(item, dict) else (item, None)
        if name not in names:
            names.append(name)
        if options:
            configs[name] = options
    blog = feed = None
    for item in data.get("plugins") or []:
        name, options = next(iter(item.items())) if isinstance(item, dict) else (item, None)
        if name == "rss":
            options = options or {}
            feed = FeedSettings(int(options.get("abstract_chars_count", 160)), options.get("abstract_delimiter"))
    for item in data.get("plugins") or []:
        name, options = next(iter(item.items())) if isinstance(item, dict) else (item, None)
        if name in ("blog", "material/blog"):
            options = options or {}
            blog_dir = str(options.get("blog_dir", "blog")).strip("/")
            authors = str(options.get("authors_file", "{blog}/.authors.yml")).format(blog=blog_dir)
            posts = str(options.get("post_dir", "{blog}/posts")).format(blog=blog_dir)
            blog = BlogSettings(docs / posts, docs / authors, blog_dir,
                                tuple(options.get("categories_allowed") or ()),
                                str(options.get("post_url_format", "{date}/{slug}")))
    theme = data.get("theme") if isinstance(data.get("theme"), dict) else {}
    own = [str(x) for x in (data.get("extra_css") or []) + (data.get("extra_javascript") or []) if isinstance(x, str)]
    own += [str(theme[key]) for key in ("logo", "favicon") if isinstance(theme.get(key), str)]
    plugins, languages = set(), ("id", "en")
    for item in data.get("plugins") or []:
        name, options = next(iter(item.items())) if isinstance(item, dict) else (item, None)
        plugins.add(str(name))
        if name == "asppuk-catalog" and isinstance(options, dict) and isinstance(options.get("languages"), list):
            languages = tuple(str(code) for code in options["languages"])
    return SiteConfig(root, docs, names, configs, blog, frozenset(own), feed,
                      Validation.from_mkdocs_yml(data.get("validation")), data.get("use_directory_urls") is not False,
                      frozenset(plugins), languages)
