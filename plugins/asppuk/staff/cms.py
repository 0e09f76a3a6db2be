"""Decap CMS configuration for staff who do not use git.

Every field comes from the JSON Schema ``make check`` validates with: its
``title`` is the field's Indonesian label, its ``description`` the hint, so
the editor and the checks cannot drift apart. Collections:

- news posts, newest first, with their titles (a post whose title is its
  ``# heading`` shows that heading), and their English translations as a
  collection of their own: Decap 3.16's i18n names the Indonesian file
  ``x.id.md``, and ours is ``x.md``;
- products, one collection a JarPUK;
- each JarPUK's profile and its producers, as two entries of their own;
- stories, one collection a book.

Decap lists every ``.yml`` of a folder and every ``.md``, translations
included; ``mkdocs_admin/assets/asppuk-cms.js`` narrows the lists by path and
reads and writes our files (producers are a list; a post's title may be its
heading; a save changes only the values that were edited, with the file's
comments and key order kept). With the editorial workflow every save
becomes a pull request. No MkDocs.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from asppuk.catalog.model import REGIONS, Catalog
from asppuk.datafiles.schema import schema
from asppuk.images.convert import ImageSettings

MARKDOWN_FIELDS = {"description", "description_en", "bio", "bio_en"}
# What a staff member types is what `make check` and the build read: the
# rich-text mode rewrites Markdown it does not know (admonitions, <!-- more -->)
MARKDOWN = {"widget": "markdown", "modes": ["raw", "rich_text"]}
# A post or a story is written in the rich-text mode (photos, headings,
# lists from buttons); "Batas ringkasan" puts in the blog's <!-- more -->
PROSE = {"widget": "markdown", "modes": ["rich_text", "raw"],
         "editor_components": ["image", "asppuk-more"]}
YAML_FORMAT = "asppuk-yaml"  # registered by asppuk-cms.js
FRONT_MATTER_FORMAT = "asppuk-frontmatter"
DATE = {"widget": "datetime", "format": "YYYY-MM-DD", "date_format": "YYYY-MM-DD", "time_format": False}


Choices = dict[str, list[Any]]  # field name -> ids, or {"label", "value"} options


def field(name: str, spec: dict[str, Any], required: bool, choices: Choices | None = None) -> dict[str, Any]:
    """One Decap field from one JSON Schema property."""
    out: dict[str, Any] = {"name": name, "label": spec.get("title", name), "required": required}
    if spec.get("description"):
        out["hint"] = spec["description"]
    types = spec.get("type")
    if choices and name in choices:
        # the schema's hint names the file the ids come from; the editor shows the list itself
        out.update(widget="select", options=choices[name], hint="Pilih dari daftar.")
    elif "enum" in spec:
        out.update(widget="select", options=[str(v) for v in spec["enum"]])
    elif types == "integer":
        out.update(widget="number", value_type="int")
        if "minimum" in spec:
            out["min"] = spec["minimum"]
    elif types == "boolean":
        out.update(widget="boolean", default=False)
    elif types == "string" and spec.get("format") == "date":
        out.update(DATE)
    elif types == "string":
        out.update(MARKDOWN if name in MARKDOWN_FIELDS else {"widget": "string"})
    elif types == "array":
        items = spec.get("items", {})
        if "enum" in items:
            out.update(widget="select", multiple=True, options=[str(v) for v in items["enum"]])
        elif items.get("type") == "string":
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
        return {"name": "src", "label": spec.get("title", "foto"), "widget": "image", "required": required,
                "hint": spec.get("description", ""),
                # the build refuses larger photos (asppuk.images.convert): say so before the upload
                "media_library": {"config": {"max_file_size": ImageSettings.max_bytes}}}
    return field(name, spec, required)


def schema_fields(kind: str, choices: Choices | None = None) -> list[dict[str, Any]]:
    spec = schema(kind)
    spec = spec.get("items", spec)  # producers.yml is a list of producers
    required = set(spec.get("required", []))
    return [field(name, sub, name in required, choices) for name, sub in spec["properties"].items()]


def product_fields(categories: list[Any], producers: list[Any]) -> list[dict[str, Any]]:
    return schema_fields("product", {"category": categories, "producer": producers})


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


def news_collections(authors: list[str]) -> list[dict[str, Any]]:
    news = schema("news")["properties"]
    choices = {"authors": authors}

    def news_field(name: str, required: bool, **extra: Any) -> dict[str, Any]:
        out = field(name, news[name], required, choices)
        if name == "date":
            out.update(DATE)
        if name in ("authors", "categories"):
            out["multiple"] = True
        return {**out, **extra}

    posts = {
        "name": "berita",
        "label": "Berita",
        "label_singular": "Berita",
        "description": "Berita mingguan. Simpan = draf (permintaan tarik); terbit setelah digabungkan, "
                       "pada tanggalnya.",
        "folder": "content/berita/posts",
        "create": True,
        "extension": "md",
        "format": FRONT_MATTER_FORMAT,
        "slug": "{{year}}-{{month}}-{{day}}-{{slug}}",
        "summary": "{{date}} · {{title}}",
        "sortable_fields": [{"field": "date", "label": "Tanggal", "default_sort": "desc"}, "title"],
        "media_folder": "/content/assets/unggahan",
        "public_folder": "../../assets/unggahan",
        # No `draft` field: a post waiting in the workflow (a pull request) is the draft;
        # a post that has `draft: true` keeps it, as every value the form does not show
        "fields": [
            news_field("title", True, hint="Judul berita."),
            news_field("date", True),
            news_field("authors", True, hint="Pilih satu penulis atau lebih."),
            news_field("categories", True, hint="Pilih wilayah dan/atau tema berita."),
            news_field("tags", False, hint="Kata kunci, dipisah koma: JarPUK, pameran."),
            news_field("description", False, widget="text"),
            {"name": "body", "label": "Isi", **PROSE,
             "hint": "Paragraf pembuka, lalu tombol + → Batas ringkasan, lalu isi selengkapnya. "
                     "Foto: tombol + → Image."},
        ],
    }
    translations = {
        "name": "berita-en",
        "label": "Berita — terjemahan Inggris",
        "label_singular": "Terjemahan",
        "description": "Terjemahan bahasa Inggris sebuah berita, di samping berkas aslinya (nama-berita.en.md).",
        "folder": "content/berita/posts",
        "create": True,
        "extension": "en.md",
        "format": FRONT_MATTER_FORMAT,
        "slug": "{{original}}",  # the original's file name: <original>.en.md
        "summary": "{{title}}",
        "media_folder": "/content/assets/unggahan",
        "public_folder": "../../assets/unggahan",
        "fields": [
            {"name": "original", "label": "Berita aslinya", "widget": "relation", "collection": "berita",
             "search_fields": ["title"], "display_fields": ["{{date}} · {{title}}"], "value_field": "{{slug}}",
             "required": False,
             "hint": "Pilih berita yang diterjemahkan (hanya saat membuat terjemahan baru)."},
            {"name": "title", "label": "Judul (Inggris)", "widget": "string"},
            {"name": "description", "label": "Ringkasan (Inggris)", "widget": "string", "required": False},
            {"name": "body", "label": "Isi (Inggris)", **PROSE},
        ],
    }
    return [posts, translations]


def build_config(catalog: Catalog, books: list, repo: str, branch: str, site_url: str,
                 auth_url: str = "", authors: list[str] | None = None) -> dict[str, Any]:
    # a select shows the name and writes the id
    categories = [{"label": c.name, "value": c.id} for c in catalog.categories.values()]
    collections: list[dict[str, Any]] = news_collections(sorted(authors or []))
    jarpuks = sorted(catalog.jarpuks.values(), key=lambda j: j.name)
    for jarpuk in jarpuks:
        collections.append({
            "name": f"produk-{jarpuk.id}",
            "label": f"Produk — {jarpuk.name}",
            "label_singular": "Produk",
            "folder": f"products/{jarpuk.id}",
            "create": True,
            "extension": "yml",
            "format": YAML_FORMAT,
            "identifier_field": "name",
            "slug": "{{slug}}",
            "summary": "{{name}}",
            "media_folder": f"/products/{jarpuk.id}/images",
            "public_folder": "images",
            "fields": product_fields(categories, [{"label": p.name, "value": p.id} for p in jarpuk.producers]),
        })
    collections.append({
        "name": "jarpuk",
        "label": "JarPUK dan produsen",
        "label_singular": "JarPUK",
        "description": "Profil setiap JarPUK dan daftar produsennya.",
        "format": YAML_FORMAT,
        "files": [entry for jarpuk in jarpuks for entry in (
            {"name": f"profil-{jarpuk.id}", "label": f"{jarpuk.name} — profil",
             "file": f"products/{jarpuk.id}/jarpuk.yml", "fields": schema_fields("jarpuk")},
            {"name": f"produsen-{jarpuk.id}", "label": f"{jarpuk.name} — produsen",
             "file": f"products/{jarpuk.id}/producers.yml",
             "fields": [{"name": "producers", "label": "Produsen", "label_singular": "Produsen", "widget": "list",
                         "summary": "{{fields.name}} ({{fields.id}})", "fields": schema_fields("producers")}]},
        )],
    })
    story_fields = schema_fields("story", {"jarpuk": sorted(catalog.jarpuks), "region": list(REGIONS)})
    for f in story_fields:
        if f["name"] == "summary":
            f["widget"] = "text"
    story_fields.append({"name": "body", "label": "Cerita", **PROSE})
    for book in books:
        collections.append({
            "name": f"cerita-{book.id}",
            "label": f"Cerita — {book.title}",
            "label_singular": "Cerita",
            "folder": f"stories/{book.id}",
            "create": True,
            "extension": "md",
            "format": FRONT_MATTER_FORMAT,
            "slug": "{{slug}}",
            "summary": "{{title}}",
            "sortable_fields": [{"field": "order", "label": "Urutan", "default_sort": "asc"}, "title"],
            "fields": story_fields,
        })
    backend: dict[str, Any] = {"name": "github", "repo": repo, "branch": branch}
    if auth_url:  # Decap opens <auth_url>/auth?provider=github in a pop-up (decap-cms-lib-auth)
        backend.update(base_url=auth_origin(auth_url), auth_endpoint="auth")
    return {
        "backend": {**backend,
                    "commit_messages": {"create": "Tambah {{collection}} “{{slug}}”",
                                        "update": "Ubah {{collection}} “{{slug}}”",
                                        "delete": "Hapus {{collection}} “{{slug}}”",
                                        "uploadMedia": "Unggah “{{path}}”",
                                        "deleteMedia": "Hapus “{{path}}”"}},
        "publish_mode": "editorial_workflow",  # every save becomes a pull request
        "local_backend": True,  # `npx decap-server` lets staff try it on their own computer
        "locale": "id",  # mkdocs_admin/assets/decap-id.js
        "site_url": site_url,
        "display_url": site_url,
        "media_folder": "content/assets/unggahan",
        "public_folder": "/assets/unggahan",
        "collections": collections,
    }
