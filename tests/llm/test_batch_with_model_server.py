"""The nightly batch against a model server (the stand-in, over real HTTP from the `attest`
process): what every decision records, pinning, and a server that dies mid-run."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import time
from contextlib import closing
from pathlib import Path

import pytest

from corpora.demo_inbox import (
    CLINICAL_PROGRESS_NOTE,
    FINANCE_STATEMENT,
    LEGAL_NDA,
    SampleDocument,
    document_bytes,
)
from tests.flows.conftest import CliRun, cli_command, cli_env, run_cli
from tests.llm.standin import StandInConfig, StandInServer, TinyDecoder

pytestmark = pytest.mark.slow

DOCS = (CLINICAL_PROGRESS_NOTE, FINANCE_STATEMENT, LEGAL_NDA)


def _inbox(workdir: Path, samples: tuple[SampleDocument, ...] = DOCS) -> None:
    inbox = workdir / "inbox"
    inbox.mkdir(parents=True, exist_ok=True)
    for sample in samples:
        (inbox / sample.filename).write_bytes(document_bytes(sample))


def _model_args(server: StandInServer, *extra: str) -> tuple[str, ...]:
    return (
        "run", "inbox", "--out", "out", "--domain", "auto",
        "--backend", "openai-compatible", "--llm-url", server.url, "--model", "attest-tiny",
        "--max-tokens", "1200", *extra,
    )  # fmt: skip


def _payloads(workdir: Path, event_type: str) -> list[dict[str, object]]:
    with closing(sqlite3.connect(workdir / "out/audit.db")) as db:
        rows = db.execute(
            "SELECT payload FROM audit_events WHERE event_type = ?", (event_type,)
        ).fetchall()
    return [json.loads(row[0]) for row in rows]


@pytest.fixture(scope="module")
def model_run(
    tmp_path_factory: pytest.TempPathFactory, tiny_model_dir: Path, decoder: TinyDecoder
) -> CliRun:
    workdir = tmp_path_factory.mktemp("model-run")
    _inbox(workdir)
    with StandInServer(StandInConfig(tiny_model_dir), decoder) as server:
        return run_cli(workdir, *_model_args(server))


def test_the_batch_completes_against_the_model_server(model_run: CliRun) -> None:
    assert model_run.returncode == 0, model_run.output
    assert "3 processed" in model_run.output


def test_every_decision_records_the_model_and_how_it_was_asked(model_run: CliRun) -> None:
    decisions = _payloads(model_run.workdir, "decision_recorded")
    assert len(decisions) == 3
    for decision in decisions:
        identity = decision["identity"]
        assert identity["backend"] == "openai-compatible" and identity["is_language_model"]
        assert identity["root"] == "/models/attest-tiny@rev-1" and identity["system_fingerprint"]
        assert decision["instructions"]["kind"] == "prompt"  # type: ignore[index]
        assert len(decision["instructions"]["sha256"]) == 64  # type: ignore[index]
        assert decision["decoding"] == {
            "temperature": 0.0,
            "seed": 0,
            "max_tokens": 1200,
            "repetition_penalty": 1.0,
            "stop_repeated_tokens": 0,  # a server cannot stop on a loop: recorded as never
        }
        assert isinstance(decision["request_sha256"], str)


def test_the_summary_names_the_language_model(model_run: CliRun) -> None:
    summaries = list((model_run.workdir / "out/summaries").glob("*.md"))
    assert summaries and all("language model attest-tiny" in p.read_text() for p in summaries)


def test_a_pinned_run_refuses_a_different_model_and_touches_nothing(
    tmp_path: Path, tiny_model_dir: Path, decoder: TinyDecoder
) -> None:
    _inbox(tmp_path)
    with StandInServer(StandInConfig(tiny_model_dir), decoder) as server:
        run = run_cli(tmp_path, *_model_args(server, "--expect-root", "/models/attest-tiny@rev-2"))
    assert run.returncode == 2 and "pinned" in run.output
    assert len(list((tmp_path / "inbox").iterdir())) == len(DOCS)
    assert server.config.received == []


def test_a_server_dying_mid_run_leaves_every_document_done_or_failed(
    tmp_path: Path, tiny_model_dir: Path, decoder: TinyDecoder
) -> None:
    _inbox(tmp_path)
    config = StandInConfig(tiny_model_dir, latency_s=1.0)
    server = StandInServer(config, decoder).start()
    process = subprocess.Popen(
        # One model call at a time (no read/redact worker processes adding waiting threads),
        # so the server dies while documents are still queued behind the first call.
        cli_command(*_model_args(server, "--workers", "1", "--processes", "0")),
        cwd=tmp_path,
        env=cli_env(tmp_path),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    deadline = time.monotonic() + 120
    while not config.received and time.monotonic() < deadline:
        time.sleep(0.05)
    server.stop()
    output, _ = process.communicate(timeout=300)
    assert process.returncode == 1, output
    failed = _payloads(tmp_path, "document_failed")
    decided = _payloads(tmp_path, "decision_recorded")
    remaining = list((tmp_path / "inbox").iterdir())
    assert failed and len(failed) == len(remaining)
    assert len(decided) + len(remaining) == len(DOCS)
    assert all("attempts" in str(f["reason"]) for f in failed)

    with StandInServer(StandInConfig(tiny_model_dir), decoder, port=server.port):
        rerun = run_cli(tmp_path, *_model_args(server))
    assert rerun.returncode == 0, rerun.output
    assert list((tmp_path / "inbox").iterdir()) == []
