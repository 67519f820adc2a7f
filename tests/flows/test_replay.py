"""Replaying the rules baseline's decisions from the trail gives the same bytes back: the
whole demo run, decision by decision."""

from __future__ import annotations

import sqlite3
from contextlib import closing

import pytest

from tests.flows.conftest import CliRun, run_cli

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def decided(demo_run: CliRun) -> tuple[CliRun, str]:
    with closing(sqlite3.connect(demo_run.workdir / "demo/out/audit.db")) as db:
        (run_id,) = db.execute(
            "SELECT run_id FROM audit_events WHERE event_type = 'run_started' ORDER BY seq"
        ).fetchone()
    return demo_run, str(run_id)


DB = ("--db", "sqlite:///demo/out/audit.db")


def test_replaying_a_rules_run_matches_bit_for_bit(decided: tuple[CliRun, str]) -> None:
    run, run_id = decided
    replay = run_cli(run.workdir, "replay", "--run", run_id, *DB)
    assert replay.returncode == 0, replay.output
    assert "8 decisions replayed: 8 bit_exact" in replay.output


def test_every_replay_is_recorded_and_the_chain_still_verifies(
    decided: tuple[CliRun, str],
) -> None:
    run, run_id = decided
    run_cli(run.workdir, "replay", "--run", run_id, *DB)
    with closing(sqlite3.connect(run.workdir / "demo/out/audit.db")) as db:
        (replays,) = db.execute(
            "SELECT count(*) FROM audit_events WHERE event_type = 'decision_replayed'"
        ).fetchone()
    assert replays >= 8
    assert run_cli(run.workdir, "verify", *DB).returncode == 0
