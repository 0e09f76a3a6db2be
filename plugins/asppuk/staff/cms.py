"""Decap CMS configuration for staff who do not use git.

The product fields are generated from ``product.schema.json``, the very
schema ``make check`` validates with, so the editor and the checks cannot
drift apart. Collections: news posts, products (one per JarPUK, with that
JarPUK's producers and the categories as choices) and stories (one per
book). With the editorial workflow every save becomes a pull request. No MkDocs.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from asppuk.catalog.model import REGIONS, Catalog
from asppuk.catalog.schema import schema

MARKDOWN_FIELDS = {"description", "bio"}
NEWS_CATEGORIES = schema("news")["properties"]["categories"]["items"]["enum"]


def field(name: str, spec: dict[str, Any], required: bool, choices: dict[str, list[str]] | None = None) -> dict[str, Any]:
    """One Decap field from one JSON Schema property."""
    out: dict[str, Any] = {"name": name, "label": name, "required": required}
    if spec.get("description"):
        out["hint"] = spec["description"]
    types = spec.get("type")
    if choices and name in choices:
        out.update(widget="select", options=choices[name])
    elif "enum" in spec:
        out.update(widget="select", options=[str(v) for v in spec["enum"]])
    elif types == "integer":
        out.update(widget="number", value_type="int")
        if "minimum" in spec:
            out["min"] = spec["minimum"]
    elif types == "boolean":
        out.update(widget="boolean", default=False)
    elif types == "string" and spec.get("format") == "date":
        out.update(widget="datetime", format="YYYY-MM-DD", date_format="YYYY-MM-DD", time_format=False)
    elif types == "string":
        out.update(widget="markdown" if name in MARKDOWN_FIELDS else "string")
    elif types == "array":
        items = spec.get("items", {})
        if items.get("type") == "string":
            out.update(widget="list")
        else:  # objects (images are written as objects by the editor: {src, alt})
            sub_required = set(items.get("required", []))
            out.update(widget="list", fields=[
                _image_aware(sub, sub_spec, sub in sub_required) for sub, sub_spec in items.get("properties", {}).items()
            ])
    elif types == "object":
        sub_required = set(spec.get("required", []))
        out.update(widget="object", fields=[field(sub, s, sub in sub_required) for sub, s in spec.get("properties", {}).items()])
    return out


def _image_aware(name: str, spec: dict[str, Any], required: bool) -> dict[str, Any]:
    if name == "src":
        return {"name": "src", "label": "foto", "widget": "image", "required": required, "hint": spec.get("description", "")}
    return field(name, spec, required)


def product_fields(categories: list[str], producers: list[str]) -> list[dict[str, Any]]:
    product = schema("product")
    required = set(product["required"])
    choices = {"category": categories, "producer": producers}
    return [field(name, spec, name in required, choices) for name, spec in product["properties"].items()]


def auth_origin(auth_url: str) -> str:
    """The sign-in relay's address as Decap needs it: an https origin, no path.

    Decap accepts the relay's messages only when their origin equals
    ``base_url`` exactly, so with a path or a port mismatch sign-in would wait
    forever with no error; this refuses such an address at build time.
    """
    parts = urlsplit(auth_url.strip())
    if (parts.scheme != "https" or not parts.hostname or parts.path not in ("", "/")
            or parts.query or parts.fragment or parts.username or parts.password):
        raise ValueError(f"auth_url {auth_url!r}: tulis alamat layanan masuk saja, "
                         "misalnya https://auth.asppuk.or.id (https, tanpa path)")
    port = f":{parts.port}" if parts.port not in (None, 443) else ""
    return f"https://{parts.hostname}{port}"   # as browsers write an origin: lower case, no :443


def build_config(catalog: Catalog, books: list, repo: str, branch: str, site_url: str,
                 auth_url: str = "") -> dict[str, Any]:
    categories = list(catalog.categories)
    collections: list[dict[str, Any]] = [{
        "name": "berita",
        "label": "Berita",
        "label_singular": "Berita",
        "folder": "content/berita/posts",
        "create": True,
        "extension": "md",
        "format": "frontmatter",
        "slug": "{{year}}-{{month}}-{{day}}-{{slug}}",
        "summary": "{{date}} — {{title}}",
        "sortable_fields": ["date", "title"],
        "fields": [
            {"name": "title", "label": "Judul", "widget": "string"},
            {"name": "date", "label": "Tanggal", "widget": "datetime", "format": "YYYY-MM-DD",
             "date_format": "YYYY-MM-DD", "time_format": False},
            {"name": "authors", "label": "Penulis", "widget": "list", "hint": "Id dari content/berita/.authors.yml"},
            {"name": "categories", "label": "Wilayah atau tema", "widget": "select", "multiple": True,
             "options": NEWS_CATEGORIES},
            {"name": "tags", "label": "Tag", "widget": "list", "required": False},
            {"name": "draft", "label": "Draf (belum terbit)", "widget": "boolean", "default": False, "required": False},
            {"name": "body", "label": "Isi", "widget": "markdown",
             "hint": "Paragraf pembuka, lalu baris <!-- more -->, lalu isi selengkapnya."},
        ],
    }]
    for jarpuk in sorted(catalog.jarpuks.values(), key=lambda j: j.name):
        collections.append({
            "name": f"produk-{jarpuk.id}",
            "label": f"Produk — {jarpuk.name}",
            "label_singular": "Produk",
            "folder": f"products/{jarpuk.id}",
            "create": True,
            "extension": "yml",
            "format": "yaml",
            "identifier_field": "name",
            "slug": "{{slug}}",
            # jarpuk.yml and producers.yml live in the same folder: only files with a unit are products
            "filter": {"field": "unit", "pattern": ".+"},
            "media_folder": f"/products/{jarpuk.id}/images",
            "public_folder": "images",
            "fields": product_fields(categories, [p.id for p in jarpuk.producers]),
        })
    story_fields = [
        {"name": "title", "label": "Judul", "widget": "string"},
        {"name": "author", "label": "Penulis", "widget": "string", "required": False},
        {"name": "region", "label": "Wilayah", "widget": "select", "options": list(REGIONS), "required": False},
        {"name": "jarpuk", "label": "JarPUK", "widget": "select", "options": sorted(catalog.jarpuks), "required": False},
        {"name": "producers", "label": "Produsen (id)", "widget": "list", "required": False},
        {"name": "products", "label": "Produk (id)", "widget": "list", "required": False},
        {"name": "order", "label": "Urutan dalam buku", "widget": "number", "value_type": "int", "required": False},
        {"name": "summary", "label": "Ringkasan", "widget": "text", "required": False},
        {"name": "body", "label": "Cerita", "widget": "markdown"},
    ]
    for book in books:
        collections.append({
            "name": f"cerita-{book.id}",
            "label": f"Cerita — {book.title}",
            "label_singular": "Cerita",
            "folder": f"stories/{book.id}",
            "create": True,
            "extension": "md",
            "format": "frontmatter",
            "slug": "{{slug}}",
            "fields": story_fields,
        })
    backend: dict[str, Any] = {"name": "github", "repo": repo, "branch": branch}
    if auth_url:  # Decap opens <auth_url>/auth?provider=github in a pop-up (decap-cms-lib-auth)
        backend.update(base_url=auth_origin(auth_url), auth_endpoint="auth")
    return {
        "backend": {**backend,
                    "commit_messages": {"create": "Tambah {{collection}} “{{slug}}”",
                                        "update": "Ubah {{collection}} “{{slug}}”",
                                        "delete": "Hapus {{collection}} “{{slug}}”"}},
        "publish_mode": "editorial_workflow",  # every save becomes a pull request
        "local_backend": True,  # `npx decap-server` lets staff try it on their own computer
        "site_url": site_url,
        "display_url": site_url,
        "media_folder": "content/assets/unggahan",
        "public_folder": "/assets/unggahan",
        "collections": collections,
    }
