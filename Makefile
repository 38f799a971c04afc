# The interface: make book | make test | make check-data | make serve | make pdf | make clean
# Everything runs inside .venv, created from the hashed lock file.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-from-lock
PORT   ?= 8000
JB_FLAGS := -n -W --keep-going
CHECK_DATA = $(BIN)/python -m briefing.data book/data
# The law's figures written into the data's text agree with the measures table (briefing.law.consistency).
CHECK_LAW = $(BIN)/python -m briefing.law.consistency book/data
CHECK_CHAPTERS = $(BIN)/python -m briefing.site.chapter_rules

.PHONY: book pdf test check check-data serve live clean setup lock bench screenshots lint help

help:
	@echo "make book        set up .venv (if needed) and build the site into _build/html"
	@echo "make pdf         the PDF edition: _build/pdf/$(PDF_NAME).pdf, also linked from the site's front page"
	@echo "make test        set up (if needed) and run the whole test suite"
	@echo "make check       the data and the chapter rules, in seconds (no build)"
	@echo "make check-data  validate the curated data in book/data, and the law's figures in its text"
	@echo "make serve       serve _build/html on http://127.0.0.1:$(PORT)"
	@echo "make live        rebuild and reload the browser while you edit"
	@echo "make screenshots desktop and phone screenshots of every page into _build/screenshots"
	@echo "make bench       benchmarks into BENCHMARKS.md"
	@echo "make lint        ruff on the package, tests and chapter code; data check"
	@echo "make lock        re-resolve requirements.txt into requirements.lock"
	@echo "make clean       remove _build (keeps .venv)"

NODE_STAMP   := node_modules/.installed-from-lock
PLOTLY_STAMP := $(VENV)/share/briefing/plotly.js-basic-dist-min/manifest.json

setup: $(STAMP) $(PLOTLY_STAMP) $(NODE_STAMP)

# Rebuilt whenever the lock or the package metadata changes.
$(STAMP): requirements.lock pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit("Python 3.11+ is required, found " + sys.version.split()[0]) if sys.version_info < (3, 11) else None'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	$(BIN)/python -m pip check
	touch $(STAMP)

# The site's plotly.js: the partial bundle pinned (version + sha512) in package-lock.json,
# fetched from the npm registry by Python (npm not needed), checked, installed into .venv.
$(PLOTLY_STAMP): package-lock.json $(STAMP)
	$(BIN)/python -m briefing.site.vendor package-lock.json
	touch $(PLOTLY_STAMP)

# axe-core for the accessibility checks, pinned in package-lock.json (skipped without npm;
# the browser tests then say so, and CI requires them).
$(NODE_STAMP): package-lock.json
	@if command -v npm >/dev/null; then npm ci --no-audit --no-fund --loglevel=error && touch $(NODE_STAMP); \
	else echo "npm not found: accessibility checks will be skipped (required in CI)"; fi

check-data: $(STAMP)
	@$(CHECK_DATA); data=$$?; $(CHECK_LAW); law=$$?; test $$data -eq 0 -a $$law -eq 0

# All three checks run, so one run lists every problem; fails if any found one.
check: $(STAMP)
	@$(CHECK_DATA); data=$$?; $(CHECK_LAW); law=$$?; $(CHECK_CHAPTERS); chapters=$$?; test $$data -eq 0 -a $$law -eq 0 -a $$chapters -eq 0

# `make book` with nothing changed returns at once: the site is rebuilt only when an input is newer
# than the last successful build (directories are listed too, so adding or removing a file counts).
BOOK_INPUTS := _config.yml _toc.yml CHANGELOG.md \
  $(shell find book/ seeds/ src/briefing/ -not -path '*/__pycache__*' -not -path '*/.ipynb_checkpoints*' 2>/dev/null)
SITE_STAMP := _build/html/.built-from-inputs

# `make book` builds the pages only: the PDF edition takes longer than an edit-and-look cycle, so
# it is printed by `make pdf` (and CI and the published build). A build that writes any page
# removes the site's copy and empties the front page's link (briefing.site.sphinx_ext), so the
# PDF and the size shown with its link are never older than the pages.
book: $(SITE_STAMP)

# Two kinds of line are dropped from the build's output, and only these: each chapter's kernel says
# it talks to the build over local TCP without encryption (it does, on 127.0.0.1; the IPC transport
# hung the kernels), and myst prints its whole parser configuration. Warnings and errors all stay,
# and the build's own exit status decides (pipefail).
BUILD_NOISE := Kernel is running over TCP without encryption|^.{0,20}myst(-nb)? v[0-9.]+:.*ParserConfig\(

$(SITE_STAMP): $(STAMP) $(PLOTLY_STAMP) $(BOOK_INPUTS)
	$(CHECK_DATA)
	@echo "$(BIN)/jupyter-book build . $(JB_FLAGS)"
	@bash -o pipefail -c '$(BIN)/jupyter-book build . $(JB_FLAGS) 2>&1 | { grep -Ev "$(BUILD_NOISE)" || true; }'
	touch $(SITE_STAMP)
	@echo "The site is in _build/html. View it with: make serve  (http://127.0.0.1:$(PORT)/, Ctrl-C stops it); the PDF edition: make pdf"

PDF_NAME := $(shell sed -n 's/^ *briefing_pdf_name: *//p' _config.yml)
SITE_PDF := _build/html/downloads/$(PDF_NAME).pdf

pdf: $(SITE_PDF)

$(SITE_PDF): $(SITE_STAMP)
	$(BIN)/python -m briefing.site.pdf _build/html --out _build/pdf

test: $(STAMP) $(PLOTLY_STAMP) $(NODE_STAMP)
	$(BIN)/python -m pytest

# gzip and cache headers like the published site (briefing.site.server, standard library only).
# `exec`: the server replaces the shell, so Ctrl-C or one kill of make's child stops it (no orphan).
serve:
	@PYTHONPATH=src exec $(or $(wildcard $(BIN)/python),$(PYTHON)) -m briefing.site.server _build/html --port $(PORT)

# Live preview: rebuilds (through Jupyter Book's own Sphinx configuration) on every save.
live: $(STAMP) $(PLOTLY_STAMP)
	$(BIN)/jupyter-book config sphinx .
	$(BIN)/sphinx-autobuild --host 127.0.0.1 --port $(PORT) \
	  --watch book/data --watch src/briefing --watch seeds \
	  --re-ignore '(_build|\.venv|node_modules|\.git)/' \
	  --pre-build "$(CHECK_DATA)" \
	  . _build/html

screenshots: $(STAMP)
	$(BIN)/python -m briefing.checks.screenshots _build/html _build/screenshots

bench: $(STAMP) $(PLOTLY_STAMP) $(NODE_STAMP)
	$(BIN)/python benchmarks/run.py

# Chapter code cells are linted with the same rules, through jupytext (py:percent); a cell may
# end with a bare expression to display it (B018).
lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks conftest.py
	@for chapter in book/*.md; do \
	  $(BIN)/jupytext --quiet --to py:percent -o - "$$chapter" | $(BIN)/ruff check --quiet --extend-ignore B018 --stdin-filename "$$chapter.py" - || exit 1; \
	done; echo "chapters: ruff clean"
	$(CHECK_DATA)

lock:
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet uv==0.13.8
	$(BIN)/uv pip compile requirements.txt --universal --python-version 3.11 --generate-hashes -o requirements.lock

clean:
	rm -rf _build conf.py
