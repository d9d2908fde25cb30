# imbdiff: one command builds the book, one runs the tests.
#   make book               execute every chapter (default profile) and render _build/html
#   make test               unit tests, estimator checks, smoke runs of every notebook, book build
#   make book PROFILE=paper the papers' exact settings (hours)

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   ?= .venv
BIN    := $(VENV)/bin
PROFILE ?= default
# The CPU build on this project's machines; elsewhere pip fetches the same release.
TORCH  ?= torch==2.13.0

.PHONY: setup book notebooks html test bench clean

setup: $(VENV)/.installed

# torch goes in first so that nothing that depends on it pulls a CUDA build.
$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet "$(TORCH)"
	$(BIN)/python -m pip install --quiet -e ".[book,test]"
	touch $@

notebooks: setup
	$(BIN)/imbdiff book run --profile $(PROFILE)

html: setup
	$(BIN)/jupyter-book build . -W --keep-going

book: notebooks html

test: setup
	$(BIN)/python -m pytest

bench: setup
	$(BIN)/python benchmarks/bench_regions.py

clean:
	rm -rf _build .pytest_cache .hypothesis
	find book -name '*.ipynb' -delete
