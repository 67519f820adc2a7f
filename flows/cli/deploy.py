"""`attest deploy`: the nightly batch as a deployment on a Prefect server."""

from __future__ import annotations

import argparse
from typing import Any

from rich.console import Console

from flows.cli.exit_codes import EXIT_OK


def register(sub: Any) -> None:
    deploy = sub.add_parser(
        "deploy",
        help="create the nightly deployment, work pool and model limit on a Prefect server",
    )
    deploy.add_argument("--inbox", required=True, help="inbox folder as the workers see it")
    deploy.add_argument("--cron", default="0 2 * * *", help="schedule (default: 02:00 daily)")
    deploy.add_argument("--pool", default="attest", help="work pool name (default: attest)")
    deploy.add_argument(
        "--model-slots", type=int, default=16, help="model requests in flight across workers"
    )
    deploy.set_defaults(handler=_deploy)


def _deploy(args: argparse.Namespace, console: Console) -> int:
    from flows.deploy import DeploymentPlan, deploy

    plan = DeploymentPlan(args.inbox, args.cron, args.pool, args.model_slots)
    deployment_id = deploy(plan)
    console.print(
        f"Deployment attest-nightly/{plan.name} ({deployment_id}) runs '{plan.cron}' on work "
        f"pool '{plan.pool}'; start a worker with: prefect worker start --pool {plan.pool}"
    )
    return EXIT_OK
