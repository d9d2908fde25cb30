# imbdiff: one command builds the book, one runs the tests.
#   make book               execute every chapter (default profile) and render _build/html,
#                           its cells read from the results store in book/results
#   make test               unit tests, estimator checks, smoke runs of every notebook, book build
#   make results            compute the store's missing or stale cells and store them (hours;
#                           resumable; RESULTS_ARGS="-p backend dask" computes on a dask cluster)
#   make book PROFILE=paper the papers' exact settings (hours)
#   make book STALE=recompute  compute stale stored cells locally instead of stopping

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   ?= .venv
BIN    := $(VENV)/bin
PROFILE ?= default
# A stored cell whose code changed stops `make book` and is named ("stop"), or is
# recomputed into the local cache ("recompute"); `make results` refreshes the store.
STALE  ?= stop
# Chapters executed at once by `make book`: their cells come from the store, so two
# share the two cores well (each kernel gets cores/JOBS threads for torch and BLAS).
# `make results` computes and times, one chapter at a time.
JOBS   ?= 2
RESULTS_ARGS ?=
# The CPU build on this project's machines; elsewhere pip fetches the same release.
TORCH  ?= torch==2.13.0

.PHONY: setup book notebooks html test bench clean results status

setup: $(VENV)/.installed

# torch goes in first so that nothing that depends on it pulls a CUDA build.
$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet "$(TORCH)"
	$(BIN)/python -m pip install --quiet -e ".[book,test]"
	touch $@

notebooks: setup
	IMBDIFF_STALE=$(STALE) $(BIN)/imbdiff book run --profile $(PROFILE) --jobs $(JOBS)

results: setup
	$(BIN)/imbdiff results run --profile $(PROFILE) $(RESULTS_ARGS)

status: setup
	$(BIN)/imbdiff results status

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
