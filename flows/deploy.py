"""The nightly batch as a Prefect deployment on a Prefect server (`attest deploy`).

A deployment needs a server (`prefect server start`, backed by PostgreSQL in production, or
Prefect Cloud) and PREFECT_API_URL pointing at it: an ephemeral API schedules nothing. The
deployment runs `nightly` from this installation's source on a `process` work pool (the Helm
chart runs a Kubernetes worker instead), on a cron schedule. A global concurrency limit caps
how many model requests all workers together send to the model server.

Settings come from the worker's environment (ATTEST_*), never from deployment parameters:
Prefect stores parameters, and the database URL carries a password.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from pathlib import Path

from prefect import flow

from flows.errors import ConfigError
from flows.settings import MODEL_LIMIT, Settings

PROJECT_ROOT = Path(__file__).resolve().parent.parent


@flow(name="attest-nightly", persist_result=False, log_prints=False)
def nightly(inbox: str) -> dict[str, int]:
    """One night's batch over `inbox` with the settings of the worker's environment."""
    from flows.batch import run_batch

    result = run_batch(Path(inbox), Settings())
    statuses = ("processed", "skipped", "rejected", "failed")
    return {status: result.count(status) for status in statuses}


@dataclass(frozen=True)
class DeploymentPlan:
    inbox: str
    cron: str
    pool: str
    model_slots: int
    timezone: str = "UTC"
    name: str = "nightly"


def deploy(plan: DeploymentPlan) -> str:
    """Create (or update) the work pool, the model-server limit and the deployment."""
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.actions import GlobalConcurrencyLimitCreate, WorkPoolCreate
    from prefect.exceptions import ObjectAlreadyExists
    from prefect.settings import PREFECT_API_URL

    if not PREFECT_API_URL.value():
        raise ConfigError(
            "attest deploy needs a Prefect server",
            hint="start one (prefect server start) and set PREFECT_API_URL=http://host:4200/api",
        )
    with get_client(sync_client=True) as client:
        with contextlib.suppress(ObjectAlreadyExists):
            client.create_work_pool(WorkPoolCreate(name=plan.pool, type="process"))
        with contextlib.suppress(ObjectAlreadyExists):
            client.create_global_concurrency_limit(
                GlobalConcurrencyLimitCreate(name=MODEL_LIMIT, limit=plan.model_slots)
            )
    source = nightly.from_source(source=str(PROJECT_ROOT), entrypoint="flows/deploy.py:nightly")
    deployment_id = source.deploy(  # type: ignore[union-attr]
        name=plan.name,
        work_pool_name=plan.pool,
        cron=plan.cron,
        parameters={"inbox": plan.inbox},
        build=False,
        push=False,
        print_next_steps=False,
    )
    return str(deployment_id)
