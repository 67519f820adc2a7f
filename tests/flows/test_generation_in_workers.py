"""With the `rules` backend, the worker processes that redact a document also generate its
output (the rules are CPU-bound: in the batch process they held a batch to one core): the
decisions are the ones the batch process makes itself, and a document whose generation fails
in a worker is that document's outcome, not the batch's."""

from __future__ import annotations

import json
import os
import secrets
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from corpora.demo_inbox import CLINICAL_PROGRESS_NOTE, FINANCE_STATEMENT, LEGAL_NDA, document_bytes
from flows.worker_process import GENERATION_FAILS_ENV, GENERATION_LOG_ENV
from tests.flows.conftest import CliRun, run_cli

pytestmark = pytest.mark.slow

SAMPLES = (CLINICAL_PROGRESS_NOTE, FINANCE_STATEMENT, LEGAL_NDA)
# A worker fails to generate (the test hook) a document whose redacted text holds the marker.
MARKER = "qzxgenerationfails"
FAILING = "nda-with-a-rules-bug.txt"
EXIT_FAILED_DOCS = 1


def _inbox(workdir: Path) -> None:
    inbox = workdir / "inbox"
    inbox.mkdir(parents=True)
    for sample in SAMPLES:
        (inbox / sample.filename).write_bytes(document_bytes(sample))
    text = "\n".join(LEGAL_NDA.pages) + f"\nReference {MARKER}.\n"
    (inbox / FAILING).write_text(text)


@pytest.fixture(scope="module")
def secret(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One redaction secret for both runs, so that their configurations hash alike."""
    path = tmp_path_factory.mktemp("secret") / "redaction-secret"
    path.write_bytes(secrets.token_bytes(32))
    path.chmod(0o600)
    return path


def _run(workdir: Path, processes: int, secret: Path) -> CliRun:
    _inbox(workdir)
    env = {
        "ATTEST_REDACTION_SECRET_FILE": str(secret),
        GENERATION_LOG_ENV: str(workdir / "generated.log"),
        GENERATION_FAILS_ENV: MARKER,
    }
    args = ("run", "inbox", "--out", "out", "--processes", str(processes))
    return run_cli(workdir, *args, extra_env=env, timeout=600)


@pytest.fixture(scope="module")
def in_workers(tmp_path_factory: pytest.TempPathFactory, secret: Path) -> CliRun:
    return _run(tmp_path_factory.mktemp("two-workers"), 2, secret)


@pytest.fixture(scope="module")
def in_batch(tmp_path_factory: pytest.TempPathFactory, secret: Path) -> CliRun:
    """The same inbox with no worker processes: the batch process generates (the test hooks
    are the worker processes': this run has none)."""
    return _run(tmp_path_factory.mktemp("no-workers"), 0, secret)


def _payloads(run: CliRun, event_type: str) -> dict[str, dict[str, object]]:
    with closing(sqlite3.connect(run.workdir / "out/audit.db")) as db:
        rows = db.execute(
            "SELECT doc_id, payload FROM audit_events WHERE event_type = ?", (event_type,)
        ).fetchall()
    return {doc_id: json.loads(payload) for doc_id, payload in rows}


def test_the_rules_generate_in_the_worker_processes(in_workers: CliRun) -> None:
    lines = (in_workers.workdir / "generated.log").read_text().splitlines()
    generated = [tuple(int(n) for n in line.split()) for line in lines]
    assert len(generated) == len(SAMPLES) + 1, in_workers.output
    # Each in a child of the batch process: the batch process's own parent is this test.
    assert all(parent != os.getpid() and pid != parent for pid, parent in generated)
    assert len({pid for pid, _ in generated}) <= 2


def test_decisions_are_the_ones_the_batch_process_makes(
    in_workers: CliRun, in_batch: CliRun
) -> None:
    made_by_workers = _payloads(in_workers, "decision_recorded")
    made_here = _payloads(in_batch, "decision_recorded")
    assert len(made_by_workers) == len(SAMPLES), in_workers.output
    for doc_id, decision in made_by_workers.items():
        same = made_here[doc_id]
        for timed in (decision, same):
            timed.pop("timings_s")
        assert decision == same


def test_a_failed_generation_is_its_documents_outcome(in_workers: CliRun) -> None:
    assert in_workers.returncode == EXIT_FAILED_DOCS, in_workers.output
    assert f"{len(SAMPLES)} processed" in in_workers.output and "1 failed" in in_workers.output
    (failure,) = _payloads(in_workers, "document_failed").values()
    assert failure["stage"] == "generate"
    assert failure["error"] == "WorkerError"
    assert str(failure["reason"]).startswith("RuntimeError while generating the output")
    assert [p.name for p in (in_workers.workdir / "inbox").iterdir()] == [FAILING]
