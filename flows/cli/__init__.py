"""`attest`, the command line: one module per command group (see `main`).

`python -m flows.cli` runs it as the `attest` console script does.
"""

from flows.cli.exit_codes import EXIT_CHAIN_BROKEN, EXIT_FAILED_DOCS, EXIT_OK, EXIT_USAGE
from flows.cli.main import build_parser, main

__all__ = [
    "EXIT_CHAIN_BROKEN",
    "EXIT_FAILED_DOCS",
    "EXIT_OK",
    "EXIT_USAGE",
    "build_parser",
    "main",
]
