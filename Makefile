# kabar — the two commands of the README: `make demo` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
CORPUS ?= ../shared/corpus/kursk-2024
DB     ?= kabar.db

.PHONY: install demo test lint typecheck unit clean train-ner browser screenshots

install: $(STAMP)

$(STAMP): pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip>=24" "setuptools>=77" wheel
	$(BIN)/python -m pip install --quiet -c constraints.txt -e ".[dev]"
	touch $(STAMP)

demo: install
	@if [ ! -d "$(CORPUS)" ]; then \
	  echo "kabar demo: the sample corpus $(CORPUS) is not there; run 'make demo CORPUS=path/to/articles'"; exit 1; fi
	$(BIN)/kabar demo --corpus "$(CORPUS)" --db "$(DB)"

lint: install
	$(BIN)/ruff check src tests bench scripts

typecheck: install
	$(BIN)/mypy

unit: install
	$(BIN)/pytest

test: lint typecheck unit

# Rebuild the shipped NER model from ../shared/data/ner-id (about 25 minutes with cross-validation).
train-ner: install
	$(BIN)/python -m pip install --quiet --no-deps "nlp-id==0.1.23.0"
	$(BIN)/kabar train ner --data ../shared/data/ner-id --out src/kabar/ner/model

# Debian's chromium for the browser tests (root; the tests skip with a message without it).
browser:
	test -x /usr/bin/chromium || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium)

screenshots: install browser
	$(BIN)/python scripts/screenshots.py

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info .pytest_cache .mypy_cache .ruff_cache
