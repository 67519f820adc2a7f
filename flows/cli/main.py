"""`attest`: the command line. Settings are read once here and passed down.

Each command group is a module with `register(sub)`, which adds its subcommands and sets the
handler each one runs (`set_defaults(handler=...)`): the parser is the dispatch table.

Exit codes: 0 all documents processed, skipped or rejected with a reason; 1 some documents
failed and stay in the inbox for the next run; 2 a usage or configuration error; 3 the audit
chain does not verify.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable

from pydantic import ValidationError
from rich.console import Console

from flows.cli import audit, batch, deploy, evaluate, model, review, vault
from flows.cli.exit_codes import EXIT_USAGE
from schemas.errors import AttestError

Handler = Callable[[argparse.Namespace, Console], int]

# In the order `attest --help` lists them.
COMMAND_GROUPS = (batch, audit, deploy, review, vault, evaluate, model)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="attest",
        description="On-prem document pipeline: parse/OCR, redact, extract under a schema, audit.",
    )
    sub = parser.add_subparsers(dest="command", required=True)
    for group in COMMAND_GROUPS:
        group.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    # Wide enough for the report when piped to a file or a log (rich assumes 80 columns).
    console = Console(width=None if sys.stdout.isatty() or "COLUMNS" in os.environ else 160)
    handler: Handler = args.handler
    try:
        return handler(args, console)
    except ValidationError as error:
        console.print(f"[red]error[/red]: invalid setting: {_first_error(error)}")
        return EXIT_USAGE
    except AttestError as error:
        console.print(f"[red]error[/red]: {error.message}")
        if error.hint:
            console.print(f"hint: {error.hint}")
        return EXIT_USAGE


def _first_error(error: ValidationError) -> str:
    first = error.errors()[0]
    return f"{'.'.join(str(p) for p in first['loc'])}: {first['msg']}"
