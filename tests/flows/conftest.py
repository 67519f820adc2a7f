"""Runs of the real `attest` command: Prefect, Tesseract, Presidio and SQLite, in a subprocess
whose every Python process is under the network guard and whose output is kept as its log."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

NETGUARD = Path(__file__).parent / "netguard"


@pytest.fixture(scope="session", autouse=True)
def _ner_model_built(ner_model: Path) -> None:
    """Runs of `attest` load the cached NER model (the default `ner_model`): build it first."""


@dataclass(frozen=True)
class CliRun:
    returncode: int
    output: str
    workdir: Path
    netguard_log: Path
    prefect_home: Path

    @property
    def blocked_connections(self) -> list[str]:
        if not self.netguard_log.exists():
            return []
        return self.netguard_log.read_text().splitlines()


def cli_env(workdir: Path) -> dict[str, str]:
    """The environment of a guarded `attest` run in `workdir`, with its own PREFECT_HOME."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PREFECT_", "ATTEST_"))}
    env.update(
        PYTHONPATH=str(NETGUARD),
        ATTEST_NETGUARD_LOG=str(workdir / "netguard.log"),
        PREFECT_HOME=str(workdir / "prefect-home"),
        # Debug-level logs from every library, so the canary check reads everything they say.
        PREFECT_LOGGING_LEVEL="DEBUG",
        ATTEST_PROGRESS="false",
        COLUMNS="200",
    )
    return env


def cli_command(*args: str, module: str = "flows.cli") -> list[str]:
    return [sys.executable, "-m", module, *args]


def run_cli(
    workdir: Path,
    *args: str,
    timeout: float = 600,
    extra_env: dict[str, str] | None = None,
    module: str = "flows.cli",
) -> CliRun:
    """Run `attest ARGS` in `workdir` with its own PREFECT_HOME, guarded and logged (`module`:
    a test's wrapper around the CLI)."""
    workdir.mkdir(parents=True, exist_ok=True)
    netguard_log = workdir / "netguard.log"
    prefect_home = workdir / "prefect-home"
    env = cli_env(workdir) | (extra_env or {})
    log = workdir / "cli-output.log"
    # Output goes to a file, not a pipe: if `attest` dies, a child it started (Prefect's
    # temporary server) would hold a pipe open and the test would wait out the timeout.
    with log.open("w") as sink:
        process = subprocess.Popen(
            cli_command(*args, module=module),
            cwd=workdir,
            env=env,
            stdout=sink,
            stderr=subprocess.STDOUT,
            text=True,
            start_new_session=True,
        )
        try:
            returncode = process.wait(timeout=timeout)
        finally:
            _kill_group(process)
    output = log.read_text()
    return CliRun(returncode, output, workdir, netguard_log, prefect_home)


def _kill_group(process: subprocess.Popen[str]) -> None:
    """Whatever the run left behind in its session (it should be nothing) does not outlive it."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait()
