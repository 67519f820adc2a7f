"""`attest vault-key` and `attest reidentify`: the re-identification vault."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from rich.console import Console

from flows.cli.exit_codes import EXIT_OK, EXIT_USAGE
from flows.cli.options import add_db_options, settings_from


def register(sub: Any) -> None:
    vault_key = sub.add_parser(
        "vault-key", help="create a 32-byte re-identification vault key (mode 0600)"
    )
    vault_key.add_argument("file", type=Path, help="key file to create (never overwritten)")

    reidentify = sub.add_parser(
        "reidentify", help="read a document's redacted originals back from the vault (recorded)"
    )
    reidentify.add_argument("--doc", required=True, help="the document id")
    reidentify.add_argument(
        "--vault-key", type=Path, help="vault key file (default: $ATTEST_VAULT_KEY_FILE)"
    )
    reidentify.add_argument("--reason", default="", help="why, recorded in the trail")
    reidentify.add_argument(
        "--actor", help="who is re-identifying, recorded in the trail (default: the OS user)"
    )
    add_db_options(reidentify)
    vault_key.set_defaults(handler=_vault_key)
    reidentify.set_defaults(handler=_reidentify)


def _vault_key(args: argparse.Namespace, console: Console) -> int:
    from audit.vault import create_vault_key

    key_id = create_vault_key(args.file)
    console.print(
        f"Vault key {key_id} written to {args.file} (mode 0600). Keep it off the database "
        "host; set ATTEST_VAULT_KEY_FILE to it for runs whose originals may be re-identified."
    )
    return EXIT_OK


def _reidentify(args: argparse.Namespace, console: Console) -> int:
    import getpass

    from audit.vault import load_vault_key
    from flows.reidentify import reidentify
    from flows.stores import open_store

    settings = settings_from(args)
    path = args.vault_key or settings.vault_key_file
    if path is None:
        console.print("[red]error[/red]: give --vault-key FILE or set ATTEST_VAULT_KEY_FILE")
        return EXIT_USAGE
    key = load_vault_key(path)
    store = open_store(settings)
    try:
        found = reidentify(
            store, args.doc, key, actor=args.actor or getpass.getuser(), reason=args.reason
        )
    finally:
        store.close()
    # Plain stdout, not rich: the originals must come out exactly as they were.
    for entry in found.entries:
        sys.stdout.write(f"{entry.replacement}\t{entry.entity_type}\t{entry.original}\n")
    if found.text is not None:
        sys.stdout.write("\n" + found.text + ("" if found.text.endswith("\n") else "\n"))
    return EXIT_OK
