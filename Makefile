# Two commands do all the set-up on a fresh machine: `make demo` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp

.PHONY: demo test lint typecheck bench clean system-deps go-dep postgres ner-model

$(STAMP): pyproject.toml constraints.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip>=24"
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[dev]'
	@touch $@

# Tesseract is the one system package attest needs; install it when we can, explain when not.
system-deps:
	@command -v tesseract >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "Installing Debian's tesseract-ocr ..."; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq tesseract-ocr >/dev/null; \
	  else \
	    echo "Tesseract OCR is missing. Install it, then re-run:"; \
	    echo "  Debian/Ubuntu: sudo apt-get install tesseract-ocr"; \
	    echo "  RHEL/Fedora:   sudo dnf install tesseract"; \
	    exit 1; \
	  fi; }

# The chart tests render the Helm chart with Go's text/template (no helm binary installs here).
go-dep:
	@command -v go >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "Installing Debian's golang-go (renders the Helm chart offline in the tests) ..."; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq golang-go >/dev/null; \
	  else \
	    echo "Go is missing (the chart tests render the Helm chart with it). Install it, then re-run:"; \
	    echo "  Debian/Ubuntu: sudo apt-get install golang-go"; \
	    exit 1; \
	  fi; }

# The tests use the PostgreSQL server on 127.0.0.1:5432; start the local cluster if it stopped.
postgres:
	@pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null || { \
	  command -v pg_ctlcluster >/dev/null 2>&1 && [ "$$(id -u)" = 0 ] && \
	  pg_ctlcluster --skip-systemctl-redirect $$(ls /etc/postgresql | head -1) main start && sleep 2; } || true

# The NER for names, places and organisations, trained offline from generated documents
# (~3 min of one core); the model for the current training code is reused from .cache/ner/.
ner-model: $(STAMP)
	OMP_NUM_THREADS=1 $(BIN)/python -m extractors.redact.ner.train

demo: $(STAMP) system-deps ner-model
	$(BIN)/attest demo

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check schemas extractors audit flows
	$(BIN)/lint-imports

typecheck: $(STAMP)
	$(BIN)/mypy

test: $(STAMP) system-deps go-dep postgres lint typecheck ner-model
	$(BIN)/pytest

bench: $(STAMP) system-deps ner-model
	$(BIN)/python bench/run_all.py

clean:
	rm -rf demo attest-out .pytest_cache .mypy_cache .ruff_cache tests/artifacts
