"""A model backend generates in the batch process, whatever worker processes redact: a model
server is I/O that the batch's threads wait for (and a local model is loaded once); only the
`rules` backend's CPU-bound generation goes to the worker processes."""

from __future__ import annotations

from pathlib import Path

import pytest

from corpora.demo_inbox import FINANCE_STATEMENT, LEGAL_NDA, document_bytes
from flows.worker_process import GENERATION_LOG_ENV
from tests.flows.conftest import run_cli
from tests.llm.standin import StandInConfig, StandInServer, TinyDecoder

pytestmark = pytest.mark.slow


def test_no_worker_process_generates_for_a_model_server(
    tmp_path: Path, tiny_model_dir: Path, decoder: TinyDecoder
) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for sample in (FINANCE_STATEMENT, LEGAL_NDA):
        (inbox / sample.filename).write_bytes(document_bytes(sample))
    log = tmp_path / "generated.log"
    with StandInServer(StandInConfig(tiny_model_dir), decoder) as server:
        run = run_cli(
            tmp_path,
            "run", "inbox", "--out", "out", "--processes", "2",
            "--backend", "openai-compatible", "--llm-url", server.url, "--model", "attest-tiny",
            "--max-tokens", "1200",
            extra_env={GENERATION_LOG_ENV: str(log)},
        )  # fmt: skip
    assert "2 processed" in run.output, run.output
    assert server.config.received, "the batch process asked the model server"
    assert not log.exists(), "a worker process generated"
