# The two commands a newcomer needs: `make serve` and `make test`.
# Both create .venv on first use and install the project into it.

export NO_MKDOCS_2_WARNING := 1

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
ADDR   ?= 127.0.0.1:8000


.PHONY: install serve build preview size check test browser bench bench-tricks bench-deploy deploy lighthouse lock clean new-post new-product sheet-export sheet-import sheet-template

install: $(STAMP)

$(STAMP): pyproject.toml constraints.txt tools/cms/package-lock.json tools/validators/package-lock.json
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[test,deploy]'
	@# The editor at /admin/ (Decap CMS) comes from the npm registry; without npm the site still builds.
	@# The W3C Nu checker (vnu.jar, tests/test_html_valid.py) too; --ignore-scripts: its postinstall
	@# would download a Java runtime where none is found, and the test uses the system's Java
	@if command -v npm >/dev/null 2>&1; then npm ci --prefix tools/cms --omit=dev --no-audit --no-fund --loglevel=error \
	 && npm ci --prefix tools/validators --ignore-scripts --no-audit --no-fund --loglevel=error; \
	 else echo "npm not found: /admin/ (the editor) and the HTML checker are left out; install Node.js and npm to add them"; fi
	@touch $@

# The preview keeps serving while data has problems (it shows them): mkdocs.yml
# is not strict; `make build` (and so CI and `make deploy`) is, and refuses them.
# JARPUK=sintang (or a,b): preview one network's products with the rest of the
# site; rebuilds take seconds even with a catalogue of 10,000 products
serve: export ASPPUK_JARPUK = $(value JARPUK)
serve: install
	$(BIN)/mkdocs serve --dev-addr $(ADDR) --livereload

# Strict, into a temporary folder that replaces site/ only on success, with the
# mark `make deploy` requires (scripts/build.py; README, How `make deploy` works).
# PREVIEW=1: a preview at its own address (a pull request's): a banner and
# noindex on every page, a robots.txt that disallows all
build: install
	$(BIN)/python scripts/build.py --site-dir site$(if $(PREVIEW), --preview)

# pratinjau/: site/ made to browse from the file system (file://), the download
# of a pull request's checks (scripts/preview.py; README, Previews)
preview: install
	$(BIN)/python scripts/preview.py --site site --out pratinjau

# Does site/ fit GitHub Pages (1 GB)? Size by kind; over the limit, the biggest
# folders and where to go next, and exit 1 (SIZE_ARGS=--warn-only: exit 0)
size: install
	$(BIN)/python scripts/site_size.py site $(SIZE_ARGS)

check: install
	$(BIN)/python scripts/check.py

# What staff type (a title with `$5`, backticks, `$(…)`, quotes) reaches the
# scripts untouched: never on a command line (the shell would run or expand
# it), but in the environment, as written ($(value …): make expands nothing).
# The scripts split ASPPUK_ARGS as a shell would, quotes and all. unexport:
# make would otherwise expand these when exporting them itself.
unexport ARGS JARPUK FILE
new-post new-product: export ASPPUK_ARGS = $(value ARGS)
sheet-export sheet-import sheet-template: export ASPPUK_SHEET_JARPUK = $(value JARPUK)
sheet-export sheet-import sheet-template: export ASPPUK_SHEET_FILE = $(value FILE)

new-post: install
	$(BIN)/python scripts/new_post.py

new-product: install
	$(BIN)/python scripts/new_product.py

sheet-export: install
	$(BIN)/python scripts/sheet.py export

sheet-import: install
	$(BIN)/python scripts/sheet.py import

sheet-template: install
	$(BIN)/python scripts/sheet.py template

browser:
	@sh scripts/ensure-chromium

test: install browser
	$(BIN)/ruff check plugins scripts tests
	$(BIN)/python -m pytest -q

bench: install browser
	$(BIN)/python scripts/bench.py $(BENCH_ARGS)

# Publish site/ to the S3-compatible bucket of deploy.toml (credentials from the
# environment). FORCE=1 lets a deploy delete more than max_delete_share of the
# bucket or max_delete_page_share of its pages; DRY_RUN=1 prints what would be
# sent and deleted. PREVIEW=1 builds and publishes a preview (a pull request's).
deploy: build
	$(BIN)/python scripts/deploy.py --site site $(if $(FORCE),--force) $(if $(DRY_RUN),--dry-run) $(if $(PREVIEW),--preview)

bench-tricks: install
	$(BIN)/python scripts/bench_tricks.py $(BENCH_ARGS)

bench-deploy: install
	$(BIN)/python scripts/bench_deploy.py $(BENCH_ARGS)

lighthouse: install browser
	$(BIN)/python scripts/lighthouse.py

lock: install
	$(BIN)/python -m pip freeze --exclude-editable | grep -iv '^asppuk' > constraints.txt.new
	@{ echo '# Exact versions the site was last built and tested with. `make` installs with -c constraints.txt.'; \
	   echo '# Refresh: make lock'; cat constraints.txt.new; } > constraints.txt && rm constraints.txt.new

clean:
	rm -rf site site.tmp-* site.old-* pratinjau pratinjau.tmp-* pratinjau.old-* .cache test-output
