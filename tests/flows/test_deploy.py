"""`attest deploy` on a real Prefect server backed by PostgreSQL: a cron deployment, a work
pool and the model-server limit; a worker then runs the nightly batch from the deployment."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from sqlalchemy import create_engine, text

from corpora.demo_inbox import LEGAL_NDA, document_bytes
from tests.llm.standin import free_port

pytestmark = [pytest.mark.slow, pytest.mark.postgres]

PG_ADMIN = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
PREFECT = Path(sys.executable).with_name("prefect")


def _env(home: Path, api: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PREFECT_", "ATTEST_"))}
    env.update(
        PREFECT_HOME=str(home),
        PREFECT_API_URL=api,
        PREFECT_SERVER_ANALYTICS_ENABLED="false",
        DO_NOT_TRACK="1",
        PREFECT_LOGGING_LEVEL="WARNING",
    )
    return env


@pytest.fixture(scope="module")
def prefect_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    home = tmp_path_factory.mktemp("prefect-server")
    name = f"attest_prefect_{uuid.uuid4().hex[:8]}"
    admin = create_engine(PG_ADMIN, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    port = free_port()
    api = f"http://127.0.0.1:{port}/api"
    env = _env(home, api) | {
        "PREFECT_API_DATABASE_CONNECTION_URL": f"postgresql+asyncpg://postgres@127.0.0.1:5432/{name}"
    }
    env.pop("PREFECT_API_URL")
    server = subprocess.Popen(
        [str(PREFECT), "server", "start", "--host", "127.0.0.1", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                if httpx.get(f"{api}/health", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            assert time.monotonic() < deadline, "prefect server did not start in 120 s"
            time.sleep(0.5)
        yield api, home
    finally:
        server.terminate()
        server.wait(timeout=30)
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(scope="module")
def deployed(
    prefect_server: tuple[str, Path], tmp_path_factory: pytest.TempPathFactory
) -> tuple[str, Path, subprocess.CompletedProcess[str]]:
    api, home = prefect_server
    workdir = tmp_path_factory.mktemp("deployed")
    (workdir / "inbox").mkdir()
    (workdir / "inbox" / LEGAL_NDA.filename).write_bytes(document_bytes(LEGAL_NDA))
    command = [sys.executable, "-m", "flows.cli", "deploy", "--inbox", str(workdir / "inbox")]
    done = subprocess.run(
        [*command, "--cron", "30 1 * * *", "--model-slots", "8"],
        env=_env(home, api),
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    return api, workdir, done


def test_deploy_creates_a_cron_deployment(deployed: tuple[str, Path, object]) -> None:
    api, _, done = deployed
    assert done.returncode == 0, done.stdout + done.stderr  # type: ignore[attr-defined]
    deployment = httpx.get(f"{api}/deployments/name/attest-nightly/nightly").json()
    assert deployment["work_pool_name"] == "attest"
    assert [s["schedule"]["cron"] for s in deployment["schedules"]] == ["30 1 * * *"]


def test_deploy_creates_the_model_server_limit(deployed: tuple[str, Path, object]) -> None:
    api, _, _ = deployed
    limit = httpx.get(f"{api}/v2/concurrency_limits/attest-model-server").json()
    assert limit["limit"] == 8


def test_a_worker_runs_the_deployed_nightly_batch(
    deployed: tuple[str, Path, object], prefect_server: tuple[str, Path]
) -> None:
    api, workdir, _ = deployed
    _, home = prefect_server
    env = _env(home, api) | {"ATTEST_OUT": str(workdir / "out"), "ATTEST_PROGRESS": "false"}
    started = subprocess.run(
        [str(PREFECT), "deployment", "run", "attest-nightly/nightly"],
        env=env, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert started.returncode == 0, started.stdout + started.stderr
    worker = subprocess.run(
        [str(PREFECT), "worker", "start", "--pool", "attest", "--run-once"],
        env=env, capture_output=True, text=True, timeout=600, check=False,
    )  # fmt: skip
    assert worker.returncode == 0, worker.stdout[-3000:] + worker.stderr[-3000:]
    processed = list((workdir / "out" / "processed").iterdir())
    assert [p.name.split("-", 1)[1] for p in processed] == [LEGAL_NDA.filename]
