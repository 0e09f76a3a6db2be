"""The git-based editor (/admin/, Decap CMS): config from the schemas, loads in Chromium."""

from __future__ import annotations

import pytest
import yaml

from asppuk.datafiles.schema import schema
from conftest import ROOT

DIST = ROOT / "tools/cms/node_modules/decap-cms/dist"


def config(site) -> dict:
    return yaml.safe_load((site / "admin/config.yml").read_text("utf-8"))



def test_product_fields_are_the_schema(site, cms_installed):
    product = schema("product")
    for collection in (c for c in config(site)["collections"] if c["name"].startswith("produk-")):
        fields = collection["fields"]
        assert [f["name"] for f in fields] == list(product["properties"])
        assert {f["name"] for f in fields if f["required"]} == set(product["required"])
        by_name = {f["name"]: f for f in fields}
        assert by_name["availability"]["options"] == product["properties"]["availability"]["enum"]
        assert by_name["price"]["widget"] == "number" and by_name["price"]["value_type"] == "int"
        assert by_name["description"]["widget"] == "markdown"
        certification = {f["name"] for f in by_name["certifications"]["fields"]}
        assert certification == set(product["properties"]["certifications"]["items"]["properties"])
    sintang = next(c for c in config(site)["collections"] if c["name"] == "produk-sintang")
    assert {f["name"]: f for f in sintang["fields"]}["producer"]["options"] == [{"label": "Rupina", "value": "rupina"}]
    assert sintang["folder"] == "products/sintang" and sintang["media_folder"] == "/products/sintang/images"


def test_editorial_workflow_and_collections(site, cms_installed):
    cms = config(site)
    assert cms["publish_mode"] == "editorial_workflow"
    assert cms["backend"]["name"] == "github"
    names = [c["name"] for c in cms["collections"]]
    assert names[0] == "berita" and "cerita-pada-kerja-kami-percaya" in names
    assert (site / "admin/decap-cms.js").is_file()  # served by the site itself, not a CDN
    assert "unpkg" not in (site / "admin/index.html").read_text("utf-8")


@pytest.mark.browser
def test_editor_loads_and_shows_the_collections(page, site, cms_installed):
    # The test backend of Decap stands in for GitHub: same collections, no login
    cms = config(site)
    cms["backend"] = {"name": "test-repo"}
    cms["local_backend"] = False
    page.route("**/admin/config.yml",
               lambda route: route.fulfill(body=yaml.safe_dump(cms, allow_unicode=True), content_type="text/yaml"))
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto("/admin/")
    page.get_by_role("button", name="Masuk").click()  # the interface is in Indonesian (decap-id.js)
    for label in ("Berita", "Produk — JarPUK Sintang", "Cerita — Pada Kerja Kami Percaya"):
        page.get_by_text(label, exact=True).first.wait_for()
    assert page.external_requests == []
