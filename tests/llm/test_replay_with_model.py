"""Replay through the model server: the same model at temperature 0 and a fixed seed gives the
same bytes; another model is reported as such, and a what-if run shows what would change."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from corpora.demo_inbox import LEGAL_NDA, document_bytes
from tests.flows.conftest import CliRun, run_cli
from tests.llm.standin import StandInConfig, StandInServer, TinyDecoder
from tests.llm.tiny_model import build_tiny_model

pytestmark = pytest.mark.slow


def _model_options(server: StandInServer) -> tuple[str, ...]:
    return (
        "--backend", "openai-compatible", "--llm-url", server.url,
        "--model", "attest-tiny", "--max-tokens", "1200",
    )  # fmt: skip


@pytest.fixture(scope="module")
def model_decision(
    tmp_path_factory: pytest.TempPathFactory, tiny_model_dir: Path, decoder: TinyDecoder
) -> tuple[Path, str]:
    workdir = tmp_path_factory.mktemp("model-replay")
    (workdir / "inbox").mkdir()
    (workdir / "inbox" / LEGAL_NDA.filename).write_bytes(document_bytes(LEGAL_NDA))
    with StandInServer(StandInConfig(tiny_model_dir), decoder) as server:
        run = run_cli(workdir, "run", "inbox", "--out", "out", *_model_options(server))
    assert run.returncode == 0, run.output
    with closing(sqlite3.connect(workdir / "out/audit.db")) as db:
        (decision_id,) = db.execute(
            "SELECT decision_id FROM audit_events WHERE event_type = 'decision_recorded'"
        ).fetchone()
    return workdir, str(decision_id)


def _replay(workdir: Path, decision_id: str, server: StandInServer, *extra: str) -> CliRun:
    return run_cli(
        workdir, "replay", decision_id, "--db", "sqlite:///out/audit.db",
        *_model_options(server), *extra,
    )  # fmt: skip


def test_the_same_model_replays_bit_exact(
    model_decision: tuple[Path, str], tiny_model_dir: Path, decoder: TinyDecoder
) -> None:
    workdir, decision_id = model_decision
    with StandInServer(StandInConfig(tiny_model_dir), decoder) as server:
        replay = _replay(workdir, decision_id, server)
    assert replay.returncode == 0 and f"{decision_id}: bit_exact" in replay.output, replay.output


def test_another_model_is_reported_not_used(
    model_decision: tuple[Path, str], tiny_model_dir: Path, decoder: TinyDecoder
) -> None:
    workdir, decision_id = model_decision
    config = StandInConfig(tiny_model_dir, root="/models/attest-tiny@rev-2")
    with StandInServer(config, decoder) as server:
        replay = _replay(workdir, decision_id, server)
    assert replay.returncode == 1 and "different_model" in replay.output
    assert "identity.root" in replay.output and server.config.received == []


def test_a_what_if_with_another_model_reports_the_difference(
    model_decision: tuple[Path, str], tmp_path: Path
) -> None:
    workdir, decision_id = model_decision
    other = build_tiny_model(tmp_path / "other-model", seed=99)
    config = StandInConfig(other, root="/models/attest-tiny@rev-2")
    with StandInServer(config) as server:
        replay = _replay(workdir, decision_id, server, "--with-model")
    assert replay.returncode == 0, replay.output
    assert f"{decision_id}: diverged" in replay.output and "recorded" in replay.output
