"""The batch on Prefect's Dask task runner: tasks run in the worker processes of a local Dask
cluster, each building its own pipeline from the run's settings, appending to one chain."""

from __future__ import annotations

import pytest

from corpora.demo_inbox import CLINICAL_PROGRESS_NOTE, FINANCE_STATEMENT, LEGAL_NDA, document_bytes
from tests.flows.conftest import CliRun, run_cli

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def dask_run(tmp_path_factory: pytest.TempPathFactory) -> CliRun:
    workdir = tmp_path_factory.mktemp("dask")
    inbox = workdir / "inbox"
    inbox.mkdir()
    for sample in (CLINICAL_PROGRESS_NOTE, FINANCE_STATEMENT, LEGAL_NDA):
        (inbox / sample.filename).write_bytes(document_bytes(sample))
    return run_cli(
        workdir, "run", "inbox", "--out", "out", "--task-runner", "dask", "--workers", "2"
    )


def test_every_document_is_processed_on_the_dask_cluster(dask_run: CliRun) -> None:
    assert dask_run.returncode == 0, dask_run.output
    assert "3 processed" in dask_run.output


def test_the_workers_appends_form_one_verifiable_chain(dask_run: CliRun) -> None:
    check = run_cli(dask_run.workdir, "verify", "--db", "sqlite:///out/audit.db")
    assert check.returncode == 0 and "OK: 14 audit records" in check.output, check.output
