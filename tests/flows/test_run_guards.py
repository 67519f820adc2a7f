"""What stops a run before it touches a document, and says why: another run holding the output
folder or the store, a model server named without the backend that uses it, and an embedded
Prefect API that will not start."""

from __future__ import annotations

import json
import os
import socket
import sqlite3
import subprocess
import time
from collections import Counter
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest
from pydantic import SecretStr

from corpora.demo_inbox import FINANCE_STATEMENT
from flows.run_lock import LOCK_NAME, RunLock, RunLocked
from flows.settings import Settings
from tests.flows.conftest import CliRun, cli_command, cli_env, run_cli

PG_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


# The NER model is not what these tests are about: names here are found by the label rules.
NO_NER = {"ATTEST_NER_MODEL": "none"}


def _attest(
    workdir: Path, *args: str, extra_env: dict[str, str] | None = None, **options: Any
) -> CliRun:
    return run_cli(workdir, *args, extra_env=NO_NER | (extra_env or {}), **options)


def _inbox(workdir: Path, count: int) -> Path:
    inbox = workdir / "inbox"
    inbox.mkdir(parents=True)
    for number in range(count):
        text = FINANCE_STATEMENT.pages[0] + f"\nStatement reference {number:04d}\n"
        (inbox / f"statement-{number:03d}.txt").write_text(text)
    return inbox


def _untouched(workdir: Path, count: int) -> bool:
    return (
        len(list((workdir / "inbox").iterdir())) == count
        and not (workdir / "out/processed").exists()
    )


def test_a_run_refuses_an_output_folder_another_process_holds(tmp_path: Path) -> None:
    _inbox(tmp_path, 2)
    with RunLock(Settings(out=tmp_path / "out")) as holder:
        holder.name_run("run_heldbythetest")
        refused = _attest(tmp_path, "run", "inbox", "--out", "out", timeout=120)
    assert refused.returncode == 2, refused.output
    assert f"pid {os.getpid()} on {socket.gethostname()}" in refused.output
    assert "run run_heldbythetest" in refused.output
    assert _untouched(tmp_path, 2)


def test_a_run_refuses_a_sqlite_store_another_run_holds_from_another_folder(
    tmp_path: Path,
) -> None:
    _inbox(tmp_path, 1)
    shared = tmp_path / "shared" / "audit.db"
    held = Settings(out=tmp_path / "other-out", db=SecretStr(f"sqlite:///{shared}"))
    with RunLock(held):
        refused = _attest(
            tmp_path, "run", "inbox", "--out", "out", "--db", f"sqlite:///{shared}", timeout=120
        )
    assert refused.returncode == 2, refused.output
    assert "another attest run is using" in refused.output


def test_a_postgresql_store_is_held_by_one_run_across_output_folders(tmp_path: Path) -> None:
    first = Settings(out=tmp_path / "a", db=SecretStr(PG_URL))
    second = Settings(out=tmp_path / "b", db=SecretStr(PG_URL))
    with RunLock(first) as holder:
        holder.name_run("run_pgholder")
        with pytest.raises(RunLocked) as refused:
            RunLock(second).__enter__()
    assert "run_pgholder" in refused.value.message
    assert f"pid {os.getpid()}" in refused.value.message
    with RunLock(second):  # released with the first: the next run may go
        pass


def test_the_lock_file_names_its_holder(tmp_path: Path) -> None:
    with RunLock(Settings(out=tmp_path)) as holder:
        holder.name_run("run_named")
        named = json.loads((tmp_path / LOCK_NAME).read_text())
    assert named["pid"] == os.getpid() and named["run_id"] == "run_named"


def test_a_model_server_without_its_backend_is_an_error(tmp_path: Path) -> None:
    _inbox(tmp_path, 1)
    result = _attest(tmp_path, "run", "inbox", "--out", "out", "--llm-url", "http://127.0.0.1:9/v1")
    assert result.returncode == 2, result.output
    assert "--backend openai-compatible" in result.output
    assert _untouched(tmp_path, 1)


def test_an_embedded_api_that_does_not_start_stops_the_run_with_what_to_do(
    tmp_path: Path,
) -> None:
    _inbox(tmp_path, 1)
    result = _attest(
        tmp_path,
        "run",
        "inbox",
        "--out",
        "out",
        extra_env={"PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "0"},
        timeout=180,
    )
    assert result.returncode == 2, result.output
    assert "embedded Prefect API did not start" in result.output
    assert "PREFECT_API_URL" in result.output
    assert _untouched(tmp_path, 1)


# -- two real `attest run` processes at once ----------------------------------------------

DOCUMENTS = 12


@pytest.fixture(scope="module")
def two_runs(tmp_path_factory: pytest.TempPathFactory) -> tuple[CliRun, CliRun, int]:
    """A second `attest run` on the same inbox and output folder while the first one runs."""
    workdir = tmp_path_factory.mktemp("two-runs")
    _inbox(workdir, DOCUMENTS)
    log = (workdir / "first.log").open("w")
    first = subprocess.Popen(
        cli_command("run", "inbox", "--out", "out", "--workers", "1"),
        cwd=workdir,
        env=cli_env(workdir) | NO_NER,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    lock = workdir / "out" / LOCK_NAME
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and not (lock.exists() and lock.read_text()):
        time.sleep(0.05)
    second = _attest(workdir, "run", "inbox", "--out", "out", timeout=180)
    returncode = first.wait(timeout=600)
    log.close()
    first_run = CliRun(returncode, (workdir / "first.log").read_text(), workdir, Path(), Path())
    return first_run, second, first.pid


def test_the_second_run_refuses_naming_the_first(two_runs: tuple[CliRun, CliRun, int]) -> None:
    _, second, first_pid = two_runs
    assert second.returncode == 2, second.output
    assert "another attest run is using" in second.output
    assert f"pid {first_pid} " in second.output and "run run_" in second.output


def test_the_first_run_finishes_every_document_once(
    two_runs: tuple[CliRun, CliRun, int],
) -> None:
    first, _, _ = two_runs
    assert first.returncode == 0, first.output
    with closing(sqlite3.connect(first.workdir / "out/audit.db")) as db:
        decided = Counter(
            doc
            for (doc,) in db.execute(
                "SELECT doc_id FROM audit_events WHERE event_type = 'decision_recorded'"
            )
        )
    assert len(decided) == DOCUMENTS and set(decided.values()) == {1}
    assert list((first.workdir / "inbox").iterdir()) == []


def test_the_chain_verifies_after_two_runs(two_runs: tuple[CliRun, CliRun, int]) -> None:
    first, _, _ = two_runs
    check = _attest(first.workdir, "verify", "--db", "sqlite:///out/audit.db")
    assert check.returncode == 0, check.output
