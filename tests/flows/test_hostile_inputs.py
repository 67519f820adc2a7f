"""The worst inbox a night operator could get: every file is rejected with its reason or
processed safely, in bounded time and memory, and the batch goes on."""

from __future__ import annotations

import json
import resource
import sqlite3
from contextlib import closing

import pytest

from tests.data.hostile.generate import EXPECTED, Hostile, write_corpus
from tests.flows.conftest import CliRun, run_cli

pytestmark = pytest.mark.slow

CORPUS_TIMEOUT_S = 300
PEAK_RSS_LIMIT_MB = 1500


@pytest.fixture(scope="module")
def hostile_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[CliRun, list[Hostile]]:
    workdir = tmp_path_factory.mktemp("hostile")
    expected = write_corpus(workdir / "inbox")
    run = run_cli(workdir, "run", "inbox", "--out", "out", timeout=CORPUS_TIMEOUT_S)
    return run, expected


def _outcomes(run: CliRun) -> dict[str, str]:
    """File name -> 'processed' or the rejection's reason code, from the audit trail."""
    found: dict[str, str] = {}
    with closing(sqlite3.connect(run.workdir / "out/audit.db")) as db:
        for event_type, payload in db.execute(
            "SELECT event_type, payload FROM audit_events "
            "WHERE event_type IN ('document_rejected', 'decision_recorded')"
        ):
            record = json.loads(payload)
            if event_type == "document_rejected":
                found[record["moved_to"].rsplit("/", 1)[1].split("-", 1)[1]] = record["reason_code"]
    for path in (run.workdir / "out/processed").iterdir():
        found[path.name.split("-", 1)[1]] = "processed"
    return found


def test_the_batch_finishes_with_exit_zero(hostile_run: tuple[CliRun, list[Hostile]]) -> None:
    run, _ = hostile_run
    assert run.returncode == 0, run.output


@pytest.mark.parametrize("name", [h.name for h in EXPECTED], ids=str)
def test_each_hostile_file_meets_its_expected_fate(
    hostile_run: tuple[CliRun, list[Hostile]], name: str
) -> None:
    run, expected = hostile_run
    wanted = next(h for h in expected if h.name == name)
    assert _outcomes(run).get(name) == wanted.outcome, wanted.why


def test_nothing_is_left_in_the_inbox(hostile_run: tuple[CliRun, list[Hostile]]) -> None:
    run, _ = hostile_run
    assert list((run.workdir / "inbox").iterdir()) == []


def test_no_process_of_the_run_exceeded_the_memory_bound(
    hostile_run: tuple[CliRun, list[Hostile]],
) -> None:
    # ru_maxrss of children is the largest peak of any child waited for so far (kilobytes).
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    assert peak_mb < PEAK_RSS_LIMIT_MB


def test_prompt_injection_does_not_steer_the_decision(
    hostile_run: tuple[CliRun, list[Hostile]],
) -> None:
    run, _ = hostile_run
    with closing(sqlite3.connect(run.workdir / "out/audit.db")) as db:
        outputs = [
            json.loads(payload)["output"]
            for (payload,) in db.execute(
                "SELECT payload FROM audit_events WHERE event_type='decision_recorded'"
            )
        ]
    clinical = [o for o in outputs if "triage_level" in o]
    assert clinical and all(o["triage_level"] != 1 for o in clinical)


def test_names_in_non_ascii_text_are_redacted(hostile_run: tuple[CliRun, list[Hostile]]) -> None:
    run, _ = hostile_run
    with closing(sqlite3.connect(run.workdir / "out/audit.db")) as db:
        texts = [
            json.loads(payload)["redacted_text"]
            for (payload,) in db.execute(
                "SELECT payload FROM audit_events WHERE event_type='document_redacted'"
            )
        ]
    assert texts and not any("Zéphyrine" in t or "Müller" in t for t in texts)
