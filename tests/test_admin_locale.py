"""The editor's interface in Indonesian (plugins/asppuk/mkdocs_admin/assets/decap-id.js):
every phrase of Decap's English locale translated, placeholders and plural
forms kept; in Chromium the interface shows it."""

from __future__ import annotations

import json
import re
import shutil
import subprocess

import pytest
import yaml

from conftest import ARTIFACTS, ROOT, missing

OURS = ROOT / "plugins/asppuk/mkdocs_admin/assets/decap-id.js"
ENGLISH = ROOT / "tools/cms/node_modules/decap-cms-locales/dist/esm/en/index.js"

# Phrases that are rightly the same in Indonesian
SAME = {"Media", "Markdown", "Status: %{status}"}
PLACEHOLDER = re.compile(r"%\{[^}]*\}")
PLURAL = "||||"



@pytest.fixture(scope="module")
def english_installed():
    if not ENGLISH.is_file():
        missing("Decap CMS is not installed (make install runs npm ci --prefix tools/cms)")


# Loads Decap's English locale (an ES module: `export default en`) and our
# script (a classic script calling the global CMS.registerLocale), prints both
LOAD = """
import fs from 'node:fs';
import vm from 'node:vm';
import { pathToFileURL } from 'node:url';
const [englishFile, oursFile] = process.argv.slice(2);
const english = (await import(pathToFileURL(englishFile))).default;
const registered = [];
const CMS = { registerLocale: (name, phrases) => registered.push([name, phrases]) };
vm.runInNewContext(fs.readFileSync(oursFile, 'utf8'), { CMS }, { filename: oursFile });
console.log(JSON.stringify({ english, registered }));
"""


@pytest.fixture(scope="module")
def locales(node, english_installed, tmp_path_factory) -> tuple[dict, dict]:
    tmp = tmp_path_factory.mktemp("locale")
    runner = tmp / "load.mjs"
    runner.write_text(LOAD, "utf-8")
    english = tmp / "en.mjs"  # .mjs: an ES module whatever Node guesses of a .js
    shutil.copy(ENGLISH, english)
    out = subprocess.run([node, str(runner), str(english), str(OURS)], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    loaded = json.loads(out.stdout)
    assert [name for name, _ in loaded["registered"]] == ["id"], "decap-id.js registers the locale 'id' once"
    return loaded["english"], loaded["registered"][0][1]


def leaves(tree: dict, prefix: str = "") -> dict[str, object]:
    """Key path (a.b.c) -> value, for every leaf of the nested phrases."""
    found: dict[str, object] = {}
    for key, value in tree.items():
        path = f"{prefix}{key}"
        if isinstance(value, dict):
            found.update(leaves(value, path + "."))
        else:
            found[path] = value
    return found


def test_every_english_phrase_is_translated(locales):
    english, ours = map(leaves, locales)
    assert len(english) > 200  # the whole locale was read, not a part of it
    missing = [path for path in english if not isinstance(ours.get(path), str)]
    assert not missing, f"{len(missing)} phrases missing (or not a string) in decap-id.js: {missing}"


def test_no_phrase_english_lacks(locales):
    english, ours = map(leaves, locales)
    extra = [path for path in ours if path not in english]
    assert not extra, f"keys Decap's English locale does not have: {extra}"


def test_placeholders_and_plural_forms_are_kept(locales):
    english, ours = map(leaves, locales)
    wrong = []
    for path, text in english.items():
        mine = ours.get(path)
        if not isinstance(mine, str):
            continue  # reported by test_every_english_phrase_is_translated
        if set(PLACEHOLDER.findall(mine)) != set(PLACEHOLDER.findall(text)):
            wrong.append(f"{path}: placeholders {sorted(set(PLACEHOLDER.findall(mine)))}"
                         f" != {sorted(set(PLACEHOLDER.findall(text)))}")
        if mine.count(PLURAL) != text.count(PLURAL):
            wrong.append(f"{path}: {mine.count(PLURAL) + 1} plural forms, English has {text.count(PLURAL) + 1}")
    assert not wrong, "\n".join(wrong)


def test_nothing_left_in_english(locales):
    english, ours = map(leaves, locales)
    # A phrase that is only placeholders and signs ("%{details}", "＋ %{collectionLabel}") has nothing to translate
    untranslated = [path for path, text in english.items()
                    if ours.get(path) == text and text not in SAME and re.search(r"[A-Za-z]", PLACEHOLDER.sub("", text))]
    assert not untranslated, f"still in English: {[(p, english[p]) for p in untranslated]}"



def open_editor(page, site, width: int):
    """/admin/ with Decap's test backend for GitHub and the Indonesian locale, signed in."""
    cms = yaml.safe_load((site / "admin/config.yml").read_text("utf-8"))
    cms["backend"] = {"name": "test-repo"}
    cms["local_backend"] = False
    cms["locale"] = "id"
    page.route("**/admin/config.yml",
               lambda route: route.fulfill(body=yaml.safe_dump(cms, allow_unicode=True), content_type="text/yaml"))
    page.set_viewport_size({"width": width, "height": 800})
    page.goto("/admin/")
    page.get_by_role("button", name="Masuk", exact=True).click()


@pytest.mark.browser
@pytest.mark.parametrize("width", [360, 1280])
def test_the_editor_speaks_indonesian(page, site, cms_installed, width):
    open_editor(page, site, width)
    page.get_by_role("link", name="Alur kerja").wait_for()
    for english in ("Workflow", "Contents", "Quick add", "Login"):
        assert page.get_by_text(english, exact=True).count() == 0, english
    # A collection: the button for a new entry says so in Indonesian
    page.get_by_role("link", name="Berita", exact=True).first.click()
    new = page.get_by_role("link", name="Buat entri baru: Berita")
    assert new.inner_text().strip() == "+ Berita baru"
    assert page.get_by_role("link", name=re.compile("Create entry")).count() == 0
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"admin-locale-collection-{width}.png"))
    # The editorial workflow: its columns and its "new entry" menu
    page.get_by_role("link", name="Alur kerja").click()
    page.get_by_role("heading", name="Alur kerja redaksi").wait_for()
    for label in ("Draf", "Ditinjau", "Siap terbit", "Entri baru"):
        page.get_by_text(label, exact=True).first.wait_for()
    for english in ("Editorial Workflow", "Drafts", "In Review", "Ready", "New Post"):
        assert page.get_by_text(english, exact=True).count() == 0, english
    page.screenshot(path=str(ARTIFACTS / f"admin-locale-workflow-{width}.png"))
    assert page.external_requests == []
