"""`attest run` and `attest demo`: the batch on an inbox folder, here and now."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

from rich.console import Console

from flows import review_app
from flows.cli.exit_codes import EXIT_FAILED_DOCS, EXIT_OK
from flows.cli.options import (
    BACKEND_SETTINGS,
    add_run_options,
    add_setting_options,
    check_backend,
    settings_from,
)
from flows.run_start import new_run_id, workers_started_early
from flows.settings import Settings, configure_prefect


def register(sub: Any) -> None:
    run = sub.add_parser(
        "run", help="process every document in an inbox folder (the nightly batch)"
    )
    run.add_argument("inbox", type=Path, help="folder holding PDF, PNG/JPEG/TIFF or text files")
    add_run_options(run)
    run.set_defaults(handler=_run_command)

    demo = sub.add_parser(
        "demo", help="write a sample inbox in three domains and run the batch on it"
    )
    demo.add_argument("--dir", type=Path, default=Path("demo"), help="demo folder (default: demo)")
    add_setting_options(demo, (*BACKEND_SETTINGS, "workers", "progress"))
    demo.set_defaults(handler=_demo)


def _run_command(args: argparse.Namespace, console: Console) -> int:
    return run(args.inbox, settings_from(args), console)


def run(inbox: Path, settings: Settings, console: Console) -> int:
    check_backend(settings)
    return run_checked(inbox, settings, console)


def run_checked(inbox: Path, settings: Settings, console: Console) -> int:
    """The batch, once `check_backend` has accepted the settings."""
    configure_prefect(settings.out)
    run_id = new_run_id()
    # The worker processes load while this process imports Prefect and the stages.
    with workers_started_early(settings, run_id):
        # Prefect reads its settings when imported: import the flow only after configure_prefect.
        from flows.batch import run_batch
        from flows.components import ner_model_path

        ner_model_path(settings)  # a missing NER model stops here, before the flow starts
        result = run_batch(inbox, settings, run_id)
    from flows.html_report import write_report
    from flows.report import print_report

    print_report(result, console)
    console.print(f"Report:         {write_report(result).resolve()}")
    if result.interrupted_by is not None:
        console.print(
            f"[yellow]Interrupted[/yellow] (signal {result.interrupted_by}): the run is recorded "
            f"as interrupted; {result.left_in_inbox} document(s) stay in {inbox} for the next run."
        )
        # Everything is recorded and the store closed: exit now rather than wait out Prefect's
        # and the thread pool's shutdown (tens of seconds on a loaded machine).
        from flows.prefect_api import stop_embedded_api

        sys.stdout.flush()
        sys.stderr.flush()
        stop_embedded_api()
        os._exit(128 + result.interrupted_by)
    if result.count("failed"):
        console.print(
            f"[red]{result.count('failed')} document(s) failed[/red]: they stay in {inbox} "
            "and are retried by the next run."
        )
        return EXIT_FAILED_DOCS
    return EXIT_OK


def _demo(args: argparse.Namespace, console: Console) -> int:
    from corpora.demo_inbox import write_inbox

    inbox, out = args.dir / "inbox", args.dir / "out"
    settings = settings_from(args, out=out)
    check_backend(settings)  # before the inbox is written: a bad backend leaves nothing behind
    written = write_inbox(inbox)
    console.print(f"Wrote {len(written)} sample documents to {inbox}/ (clinical, finance, legal).")
    code = run_checked(inbox, settings, console)
    db = settings.db_url()
    password = review_app.demo_account(settings)
    account = (
        f"log in as {review_app.DEMO_USER} / {password}  (admin; shown this once, only its hash is stored)"
        if password
        else f"log in as {review_app.DEMO_USER} with the password printed by the first demo run"
    )
    console.print(
        "\nNext:\n"
        f"  attest verify --db {db}\n"
        f"  attest show <document or decision id> --db {db}\n"
        f"  summaries are in {(out / 'summaries').resolve()}/\n"
        f"  review app: attest serve --db {db}  then open http://127.0.0.1:8080/ and\n"
        f"    {account}"
    )
    return code
