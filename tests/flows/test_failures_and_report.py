"""What the night operator finds in the morning when something on our side failed: a non-zero
exit, the failed documents still in the inbox with a reason, and a re-run that picks them up."""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing

import pytest

from corpora.demo_inbox import CLINICAL_PROGRESS_NOTE, FINANCE_SCANNED_KYC, document_bytes
from tests.flows.conftest import CliRun, run_cli

pytestmark = pytest.mark.slow

EXIT_FAILED_DOCS = 1


@pytest.fixture(scope="module")
def broken_ocr_run(tmp_path_factory: pytest.TempPathFactory) -> CliRun:
    """Tesseract runs but its language data is missing: every scan fails, text still works."""
    workdir = tmp_path_factory.mktemp("broken-ocr")
    inbox = workdir / "inbox"
    inbox.mkdir()
    (inbox / FINANCE_SCANNED_KYC.filename).write_bytes(document_bytes(FINANCE_SCANNED_KYC))
    (inbox / CLINICAL_PROGRESS_NOTE.filename).write_bytes(document_bytes(CLINICAL_PROGRESS_NOTE))
    empty_tessdata = workdir / "no-tessdata"
    empty_tessdata.mkdir()
    return run_cli(
        workdir,
        "run",
        "inbox",
        "--out",
        "out",
        extra_env={"TESSDATA_PREFIX": str(empty_tessdata)},
    )


def test_a_failed_document_makes_the_exit_code_non_zero(broken_ocr_run: CliRun) -> None:
    assert broken_ocr_run.returncode == EXIT_FAILED_DOCS, broken_ocr_run.output
    assert "1 processed" in broken_ocr_run.output and "1 failed" in broken_ocr_run.output


def test_the_failed_document_stays_in_the_inbox(broken_ocr_run: CliRun) -> None:
    remaining = [p.name for p in (broken_ocr_run.workdir / "inbox").iterdir()]
    assert remaining == [FINANCE_SCANNED_KYC.filename]


def test_the_failure_is_recorded_with_what_to_do(broken_ocr_run: CliRun) -> None:
    with closing(sqlite3.connect(broken_ocr_run.workdir / "out/audit.db")) as db:
        rows = db.execute(
            "SELECT payload FROM audit_events WHERE event_type='document_failed'"
        ).fetchall()
    assert len(rows) == 1
    failure = json.loads(rows[0][0])
    assert failure["stage"] == "parse" and "tesseract" in failure["reason"].lower()


def test_the_html_report_is_written(broken_ocr_run: CliRun) -> None:
    reports = list((broken_ocr_run.workdir / "out/reports").glob("run_*.html"))
    assert len(reports) == 1
    html = reports[0].read_text()
    assert "Time per stage" in html and "Rejections by reason" in html and "failed" in html


def test_a_rerun_with_ocr_repaired_processes_the_failed_document(broken_ocr_run: CliRun) -> None:
    rerun = run_cli(broken_ocr_run.workdir, "run", "inbox", "--out", "out")
    assert rerun.returncode == 0, rerun.output
    assert "1 processed" in rerun.output
    assert list((broken_ocr_run.workdir / "inbox").iterdir()) == []
