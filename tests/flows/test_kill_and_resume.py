"""A batch killed with SIGKILL at random points, then re-run, finishes its inbox with every
document decided exactly once, no partial audit records, outputs in place, and a chain that
verifies."""

from __future__ import annotations

import json
import random
import signal
import sqlite3
import subprocess
import time
from collections import Counter
from contextlib import closing
from pathlib import Path

import pytest

from corpora.demo_inbox import CLINICAL_PROGRESS_NOTE, FINANCE_STATEMENT, LEGAL_NDA
from tests.flows.conftest import CliRun, cli_command, cli_env, run_cli

pytestmark = pytest.mark.slow

DOCUMENTS = 90
KILLS = 3
DOCUMENT_EVENTS = ("document_ingested", "document_parsed", "document_redacted", "decision_recorded")


def _write_inbox(inbox: Path) -> None:
    inbox.mkdir(parents=True)
    templates = (CLINICAL_PROGRESS_NOTE, FINANCE_STATEMENT, LEGAL_NDA)
    for number in range(DOCUMENTS):
        sample = templates[number % len(templates)]
        # A line of its own makes each document distinct, so each has its own id.
        text = sample.pages[0] + f"\nReference: batch item {number:04d}\n"
        (inbox / f"doc-{number:04d}.txt").write_text(text, encoding="utf-8")


def _kill_mid_batch(workdir: Path, rng: random.Random) -> int:
    """Start a run, SIGKILL it once it has moved a random number more documents."""
    processed = workdir / "out/processed"
    before = len(list(processed.iterdir())) if processed.exists() else 0
    target = before + rng.randint(3, 15)
    process = subprocess.Popen(
        cli_command("run", "inbox", "--out", "out", "--workers", "2"),
        cwd=workdir,
        env=cli_env(workdir),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 300
    while process.poll() is None and time.monotonic() < deadline:
        if processed.exists() and len(list(processed.iterdir())) >= target:
            process.send_signal(signal.SIGKILL)
            break
        time.sleep(0.02)
    process.wait(timeout=60)
    return process.returncode


@pytest.fixture(scope="module")
def resumed(tmp_path_factory: pytest.TempPathFactory) -> CliRun:
    workdir = tmp_path_factory.mktemp("kill-resume")
    _write_inbox(workdir / "inbox")
    rng = random.Random(20261123)
    codes = [_kill_mid_batch(workdir, rng) for _ in range(KILLS)]
    assert codes == [-signal.SIGKILL] * KILLS, "each run must have been killed mid-batch"
    return run_cli(workdir, "run", "inbox", "--out", "out")


def _events(run: CliRun) -> list[tuple[str, str | None, str | None]]:
    with closing(sqlite3.connect(run.workdir / "out/audit.db")) as db:
        return db.execute("SELECT event_type, doc_id, decision_id FROM audit_events").fetchall()


def test_the_final_run_completes(resumed: CliRun) -> None:
    assert resumed.returncode == 0, resumed.output


def test_every_document_left_the_inbox(resumed: CliRun) -> None:
    assert list((resumed.workdir / "inbox").iterdir()) == []
    assert len(list((resumed.workdir / "out/processed").iterdir())) == DOCUMENTS


@pytest.mark.parametrize("event_type", DOCUMENT_EVENTS)
def test_every_document_has_each_record_exactly_once(resumed: CliRun, event_type: str) -> None:
    per_document = Counter(doc for kind, doc, _ in _events(resumed) if kind == event_type)
    assert len(per_document) == DOCUMENTS
    assert set(per_document.values()) == {1}


def test_every_decision_has_its_output_files(resumed: CliRun) -> None:
    out = resumed.workdir / "out"
    decisions = {d for kind, _, d in _events(resumed) if kind == "decision_recorded"}
    for decision_id in decisions:
        assert (out / "summaries" / f"{decision_id}.md").is_file()
        body = json.loads((out / "decisions" / f"{decision_id}.json").read_text())
        assert body["decision_id"] == decision_id


def test_no_half_written_file_remains(resumed: CliRun) -> None:
    out = resumed.workdir / "out"
    assert [p.name for p in out.rglob("*.tmp") if ".prefect" not in p.parts] == []


def test_the_chain_verifies(resumed: CliRun) -> None:
    check = run_cli(resumed.workdir, "verify", "--db", "sqlite:///out/audit.db")
    assert check.returncode == 0, check.output
