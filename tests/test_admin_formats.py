"""The editor's formats (mkdocs_admin/assets/asppuk-cms.js), run in Node.js
with the YAML library the site serves: every file of the sample read and
written back unchanged is the same bytes; an edit changes its line and
nothing else (comments, key order, [a, b] lists and block texts stay); the
folder listings keep products and posts, not profiles or translations."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from conftest import ROOT, missing

ASSETS = ROOT / "plugins/asppuk/mkdocs_admin/assets"
YAML = ROOT / "tools/cms/node_modules/yaml/browser/dist"

RUNNER = """
import { asppukYaml, asppukFrontMatter, listed } from './asppuk-cms.js';
import fs from 'fs';
const { files, edits, paths } = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const out = { same: {}, edited: {}, listed: [] };
const format = name => (name.endsWith('.yml') ? asppukYaml : asppukFrontMatter);
for (const name of files) {
  const text = fs.readFileSync(name, 'utf8');
  out.same[name] = format(name).toFile(format(name).fromFile(text), []) === text;
}
for (const [name, change, order] of edits) {
  const data = format(name).fromFile(fs.readFileSync(name, 'utf8'));
  for (const [path, value] of change) {
    let at = data; const keys = path.split('.');
    for (const key of keys.slice(0, -1)) at = at[key];
    const last = keys.at(-1);
    if (last === '+') at.push(value); else at[last] = value;
  }
  out.edited[name] = format(name).toFile(data, order);
}
for (const [path, extension] of paths) out.listed.push(listed(path, extension));
console.log(JSON.stringify(out));
"""


@pytest.fixture(scope="module")
def run(tmp_path_factory, node):
    if not YAML.is_dir():
        missing("the yaml package is missing (make install runs npm ci --prefix tools/cms)")
    work = tmp_path_factory.mktemp("formats")
    shutil.copy(ASSETS / "asppuk-cms.js", work)
    (work / "yaml").symlink_to(YAML)
    (work / "package.json").write_text('{"type": "module"}', "utf-8")
    (work / "run.mjs").write_text(RUNNER, "utf-8")

    def run(files=(), edits=(), paths=()):
        job = work / "job.json"
        job.write_text(json.dumps({"files": list(files), "edits": list(edits), "paths": list(paths)}), "utf-8")
        out = subprocess.run([node, str(work / "run.mjs"), str(job)], capture_output=True, text=True, cwd=ROOT)
        assert out.returncode == 0, out.stderr
        return json.loads(out.stdout)
    return run


def _changed_lines(before: str, after: str) -> list[str]:
    """The lines removed, then the lines added."""
    import difflib
    lines = [line for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
             if line[:1] in "+-" and not line.startswith(("+++", "---"))]
    return [line for line in lines if line[0] == "-"] + [line for line in lines if line[0] == "+"]


def test_every_sample_file_is_written_back_as_it_was(run):
    files = sorted(str(p.relative_to(ROOT)) for pattern in ("products/*/*.yml", "content/berita/posts/*.md",
                                                            "stories/*/*.md") for p in ROOT.glob(pattern))
    assert len(files) > 20
    same = run(files=files)["same"]
    assert [name for name, ok in same.items() if not ok] == []


def test_an_edit_changes_its_line_and_nothing_else(run):
    product, producers = "products/sintang/kain-kebat.yml", "products/sintang/producers.yml"
    post = "content/berita/posts/2013-06-03-asppuk-nusa-tenggara.md"
    edited = run(edits=[
        [product, [["price", 800000], ["size", ""], ["tags.+", "hadiah"]], []],
        [producers, [["producers.0.since", 2009]], ["producers"]],
        [post, [["title", "ASPPUK Nusa Tenggara"], ["tags.+", "baru"]], []],
    ])["edited"]
    read = lambda name: (ROOT / name).read_text("utf-8")  # noqa: E731
    assert _changed_lines(read(product), edited[product]) == [
        "-price: 750000", "-size: 60 x 180 cm", "-tags: [ikat, dayak, kain]",
        "+price: 800000", "+tags: [ikat, dayak, kain, hadiah]"]
    assert edited[product].startswith("# yaml-language-server: $schema=")  # the schema comment stays
    assert _changed_lines(read(producers), edited[producers]) == ["-  since: 2008", "+  since: 2009"]
    # the title is the post's heading: it stays a heading, the front matter gains no title
    assert _changed_lines(read(post), edited[post]) == [
        "-tags: [JarPUK, Lombok Tengah, profil]", "-# ASPPUK Nusa Tenggara dan JarPUK Lombok Tengah",
        "+tags: [JarPUK, Lombok Tengah, profil, baru]", "+# ASPPUK Nusa Tenggara"]


def test_the_lists_hold_products_and_posts_only(run):
    cases = [
        ("products/sintang/kain-kebat.yml", "yml", True),
        ("products/sintang/jarpuk.yml", "yml", False),  # the JarPUK's profile: an entry of its own
        ("products/sintang/producers.yml", "yml", False),
        ("content/berita/posts/2013-06-03-x.md", "md", True),
        ("content/berita/posts/2013-06-03-x.en.md", "md", False),  # a translation is not a post
        ("content/berita/posts/2013-06-03-x.en.md", "en.md", True),  # it is in the translations' collection
        ("stories/pada-kerja-kami-percaya/rupina.en.md", "md", False),
    ]
    assert run(paths=[[path, extension] for path, extension, _ in cases])["listed"] == [kept for *_, kept in cases]
