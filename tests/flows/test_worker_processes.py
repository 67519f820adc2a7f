"""Documents are read, parsed and redacted in worker processes: a document that overruns its
time budget is abandoned by killing its worker, rejected with the reason, and the batch goes
on; and what a worker sends back holds no original text."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from corpora.demo_inbox import CLINICAL_PROGRESS_NOTE, FINANCE_STATEMENT, LEGAL_NDA, document_bytes
from flows.settings import Settings
from flows.worker_process import STALL_MARKER_ENV
from tests.flows.conftest import CliRun, run_cli

BUDGET_S = 20
HANGING = "scan-that-hangs.txt"

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def budget_run(tmp_path_factory: pytest.TempPathFactory) -> CliRun:
    workdir = tmp_path_factory.mktemp("budget")
    inbox = workdir / "inbox"
    inbox.mkdir()
    for sample in (CLINICAL_PROGRESS_NOTE, FINANCE_STATEMENT, LEGAL_NDA):
        (inbox / sample.filename).write_bytes(document_bytes(sample))
    # Its parse stalls for a day in the worker (the test hook), as a parser stuck in a loop.
    (inbox / HANGING).write_text("Patient: Jane Doe. Seen on 01/02/2020 for a cough.\n")
    return run_cli(
        workdir,
        "run",
        "inbox",
        "--out",
        "out",
        "--processes",
        "2",
        "--document-budget-s",
        str(BUDGET_S),
        extra_env={STALL_MARKER_ENV: HANGING},
        timeout=300,
    )


def test_a_document_over_its_budget_is_rejected_with_the_reason(budget_run: CliRun) -> None:
    rejected = budget_run.workdir / "out" / "rejected"
    reasons = list(rejected.glob(f"*-{HANGING}.reason.txt"))
    assert len(reasons) == 1, budget_run.output
    code, reason = reasons[0].read_text().splitlines()[:2]
    assert code == "time_budget"
    assert f"{BUDGET_S} s budget" in reason and "parse stage" in reason
    assert not (budget_run.workdir / "inbox" / HANGING).exists()


def test_the_batch_goes_on_past_the_abandoned_document(budget_run: CliRun) -> None:
    assert "3 processed" in budget_run.output and "1 rejected" in budget_run.output, (
        budget_run.output
    )


def test_the_trail_of_a_run_with_a_killed_worker_verifies(budget_run: CliRun) -> None:
    check = run_cli(budget_run.workdir, "verify", "--db", "sqlite:///out/audit.db")
    assert check.returncode == 0 and "OK:" in check.output, check.output


def test_what_a_worker_sends_back_holds_no_original_text(tmp_path: Path) -> None:
    from flows.pipeline import build_pipeline

    name = "Bartholomew Quincey-Abernathy"
    note = tmp_path / "note.txt"
    note.write_text(f"Patient: {name}\nMRN: 48213377\nSeen on 03/14/2021 for a cough.\n")
    pipeline = build_pipeline(Settings(out=tmp_path / "out", processes=1, progress=False))
    try:
        assert pipeline.workers is not None
        prepared = pipeline.workers.prepare(str(note))
    finally:
        pipeline.close()
    assert prepared.redacted.value is not None and prepared.parsed.value is not None
    sent = pickle.dumps(prepared)
    for original in (name, "Quincey", "48213377", "03/14/2021"):
        assert original.encode() not in sent, original
    assert "<PERSON_1>" in prepared.redacted.value.text
    assert prepared.parsed.value.pages[0].chars == len(note.read_text())


def test_workers_started_before_the_flow_are_the_ones_the_run_uses(tmp_path: Path) -> None:
    # They load while the batch process starts the embedded Prefect API, not after it.
    from flows import run_start
    from flows.pipeline import build_pipeline

    settings = Settings(out=tmp_path / "out", processes=1, progress=False)
    with run_start.workers_started_early(settings, "run_early"):
        early = run_start._EARLY_WORKERS["run_early"]
        built = build_pipeline(settings, "run_early")
        try:
            assert built.workers is early
            assert "run_early" not in run_start._EARLY_WORKERS
        finally:
            built.close()


def test_workers_started_early_that_no_run_took_are_stopped(tmp_path: Path) -> None:
    from flows import run_start

    settings = Settings(out=tmp_path / "out", processes=1, progress=False)
    with run_start.workers_started_early(settings, "run_never_built"):
        (worker,) = run_start._EARLY_WORKERS["run_never_built"]._all
    assert "run_never_built" not in run_start._EARLY_WORKERS
    assert not worker.process.is_alive()


def test_a_run_inside_the_command_lines_early_block_spawns_no_second_set(tmp_path: Path) -> None:
    # The command line spawns them before its imports; run_batch's own block must not.
    from flows import run_start

    settings = Settings(out=tmp_path / "out", processes=1, progress=False)
    with run_start.workers_started_early(settings, "run_nested"):
        outer = run_start._EARLY_WORKERS["run_nested"]
        with run_start.workers_started_early(settings, "run_nested"):
            assert run_start._EARLY_WORKERS["run_nested"] is outer
        assert run_start.take_early_workers("run_nested") is outer
    outer.close()
