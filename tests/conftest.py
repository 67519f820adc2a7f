"""Shared test set-up: quiet, private Prefect and no downloads, before anything imports them."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

_PREFECT_HOME = tempfile.mkdtemp(prefix="attest-tests-prefect-")
os.environ.setdefault("PREFECT_HOME", _PREFECT_HOME)
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("DO_NOT_TRACK", "1")
os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
os.environ.setdefault("TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS", "")
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.pop("PREFECT_API_URL", None)


import pytest  # noqa: E402  (after the environment above, before any fixture imports Prefect)

from tests.flows.conftest import CliRun, run_cli  # noqa: E402


@pytest.fixture(scope="session")
def demo_run(tmp_path_factory: pytest.TempPathFactory, ner_model: Path) -> CliRun:
    """One full `attest demo` run shared by the end-to-end and review-app tests (~30-60 s)."""
    workdir = tmp_path_factory.mktemp("demo")
    run = run_cli(workdir, "demo", "--dir", "demo")
    assert run.returncode == 0, run.output
    return run


@pytest.fixture(scope="session")
def ner_model() -> Path:
    """The cached NER model; `make test` builds it first, a fresh checkout trains it here once."""
    from training.ner.train import ensure_model

    return ensure_model(log=lambda _: None)
