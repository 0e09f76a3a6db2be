"""The host-side files of tools/hosts/, run in Node.js: the CloudFront Function
that maps directory URLs, and the Cloudflare Worker that serves the site
from an R2 bucket (here a fake bucket holding the built sample site, with
the headers `make deploy` stores)."""

from __future__ import annotations

import json
import subprocess

from asppuk.deploy import kinds
from conftest import ROOT

HOSTS = ROOT / "tools" / "hosts"



CLOUDFRONT = """
const fs = require('fs');
eval(fs.readFileSync(process.argv[2], 'utf8'));
const cases = JSON.parse(process.argv[3]);
console.log(JSON.stringify(cases.map(([uri, querystring, response]) => handler({
  context: {eventType: response ? 'viewer-response' : 'viewer-request'},
  request: {uri, querystring, headers: {}},
  ...(response ? {response} : {}),
}))));
"""


def test_cloudfront_function_maps_directory_urls_and_says_nosniff(node, tmp_path):
    script = tmp_path / "run.js"
    script.write_text(CLOUDFRONT, "utf-8")
    served = {"statusCode": 200, "headers": {"content-type": {"value": "image/svg+xml"}}}
    cases = [
        ["/", {}],
        ["/produk/sintang/kain-kebat/", {}],
        ["/produk/sintang/kain-kebat", {}],
        ["/produk/cari", {"q": {"value": "tenun"}, "k": {"value": "a", "multiValue": [{"value": "a"}, {"value": "b"}]}}],
        ["/assets/logo.svg", {}],
        ["/pagefind/wasm.id.pagefind", {}],
        ["/assets/logo.svg", {}, served],   # viewer response: what S3 or the cache answered
    ]
    out = subprocess.run([node, str(script), str(HOSTS / "cloudfront-function.js"), json.dumps(cases)],
                         capture_output=True, text=True, check=True)
    root, page, bare, query, asset, wasm, response = json.loads(out.stdout)
    assert root["uri"] == "/index.html"
    assert page["uri"] == "/produk/sintang/kain-kebat/index.html"
    assert bare["statusCode"] == 301 and bare["headers"]["location"]["value"] == "/produk/sintang/kain-kebat/"
    assert query["headers"]["location"]["value"] == "/produk/cari/?q=tenun&k=a&k=b"
    assert asset["uri"] == "/assets/logo.svg" and wasm["uri"] == "/pagefind/wasm.id.pagefind"
    # S3 cannot store the header with an object: the function adds it to
    # the responses it makes and to those it sees
    for made in (bare, query, response):
        assert made["headers"]["x-content-type-options"] == {"value": "nosniff"}
    assert response["statusCode"] == 200 and response["headers"]["content-type"] == {"value": "image/svg+xml"}
    assert "headers" not in asset or asset["headers"] == {}   # a request stays a request


WORKER = """
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
const [workerFile, siteDir, metaFile, requestsJson] = process.argv.slice(2);
const worker = (await import(pathToFileURL(workerFile))).default;
const meta = JSON.parse(fs.readFileSync(metaFile, 'utf8'));
// A fake R2 binding: objects are the site's files, with the headers the deploy stores
const SITE = {
  async get(key, options) {
    const file = path.join(siteDir, key);
    if (!meta[key] || !fs.existsSync(file)) return null;
    const etag = '"' + meta[key].md5 + '"';
    const object = {
      httpEtag: etag,
      writeHttpMetadata(h) { h.set('content-type', meta[key].type); h.set('cache-control', meta[key].cache); },
    };
    const match = options && options.onlyIf && options.onlyIf.get && options.onlyIf.get('if-none-match');
    if (match === etag) return object;                     // precondition failed: no body
    return { ...object, body: fs.readFileSync(file) };
  },
};
const results = [];
for (const [method, url, headers] of JSON.parse(requestsJson)) {
  const response = await worker.fetch(new Request(url, { method, headers }), { SITE });
  const body = response.body ? Buffer.from(await response.arrayBuffer()).toString('utf8') : '';
  results.push({ status: response.status, location: response.headers.get('location'),
                 type: response.headers.get('content-type'), cache: response.headers.get('cache-control'),
                 etag: response.headers.get('etag'), nosniff: response.headers.get('x-content-type-options'),
                 body: body.slice(0, 200000) });
}
console.log(JSON.stringify(results));
"""


def test_cloudflare_worker_serves_pages_assets_and_the_404_page_all_with_nosniff(node, site, tmp_path):
    import hashlib

    meta = {}
    for file in site.rglob("*"):
        if file.is_file():
            path = file.relative_to(site).as_posix()
            meta[path] = {"type": kinds.content_type(path), "cache": kinds.cache_control(path),
                          "md5": hashlib.md5(file.read_bytes()).hexdigest()}
    (tmp_path / "meta.json").write_text(json.dumps(meta), "utf-8")
    script = tmp_path / "run.mjs"
    script.write_text(WORKER, "utf-8")
    base = "https://www.asppuk.or.id"
    requests = [
        ["GET", f"{base}/", {}],
        ["GET", f"{base}/produk/sintang/kain-kebat/", {}],
        ["GET", f"{base}/produk/sintang/kain-kebat?x=1", {}],
        ["GET", f"{base}/assets/logo.svg", {}],
        ["GET", f"{base}/tidak/ada/", {}],
        ["GET", f"{base}/produk/sintang/kain-kebat/", {"if-none-match": '"' + meta["produk/sintang/kain-kebat/index.html"]["md5"] + '"'}],
        ["POST", f"{base}/", {}],
        ["HEAD", f"{base}/produk/katalog.csv", {}],
    ]
    out = subprocess.run([node, str(script), str(HOSTS / "cloudflare-worker.js"), str(site),
                          str(tmp_path / "meta.json"), json.dumps(requests)], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    home, page, bare, logo, missing, revalidated, post, head = json.loads(out.stdout)
    assert home["status"] == 200 and home["body"] == (site / "index.html").read_text("utf-8")
    assert page["status"] == 200 and page["type"] == "text/html; charset=utf-8"
    assert page["body"] == (site / "produk/sintang/kain-kebat/index.html").read_text("utf-8")
    assert bare["status"] == 301 and bare["location"] == f"{base}/produk/sintang/kain-kebat/?x=1"
    assert logo["type"] == "image/svg+xml" and logo["cache"] == kinds.CACHE_SHORT
    assert missing["status"] == 404 and missing["body"] == (site / "404.html").read_text("utf-8")
    assert revalidated["status"] == 304 and revalidated["body"] == ""
    assert post["status"] == 405
    assert head["status"] == 200 and head["type"] == "text/csv; charset=utf-8" and head["body"] == ""
    # browsers never guess a type other than the stored one, on any response
    for response in (home, page, bare, logo, missing, revalidated, post, head):
        assert response["nosniff"] == "nosniff", response["status"]


def test_workflow_deploys_to_the_bucket_when_set_to_pages_otherwise_never_from_a_pull_request():
    import yaml

    workflow = yaml.safe_load((ROOT / ".github/workflows/site.yml").read_text("utf-8"))
    jobs = workflow["jobs"]
    deploying = {name: job for name, job in jobs.items()
                 if any("make deploy" in step.get("run", "") or "deploy-pages" in step.get("uses", "")
                        for step in job["steps"])}
    assert set(deploying) == {"deploy-bucket", "deploy-pages"}
    for job in deploying.values():
        # a push to main, the morning's scheduled run (dated news) or a run by hand; never a pull request
        assert job["if"].startswith("(github.event_name == 'push' || github.event_name == 'schedule' || "
                                    "github.event_name == 'workflow_dispatch') && github.ref == 'refs/heads/main' && ")
        assert "pull_request" not in job["if"]
        assert set(job["needs"]) == {"checks", "test"}
    assert deploying["deploy-bucket"]["if"].endswith("vars.ASPPUK_S3_BUCKET != ''")
    assert deploying["deploy-pages"]["if"].endswith("vars.ASPPUK_S3_BUCKET == ''")
    env = deploying["deploy-bucket"]["env"]
    assert env["AWS_SECRET_ACCESS_KEY"] == "${{ secrets.AWS_SECRET_ACCESS_KEY }}"   # credentials only from secrets
    assert env["ASPPUK_S3_BUCKET"] == "${{ vars.ASPPUK_S3_BUCKET }}"
    # no other job can reach the credentials
    for name, job in jobs.items():
        if name != "deploy-bucket":
            assert "secrets." not in json.dumps(job), name
