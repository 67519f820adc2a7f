"""`attest verify`, `export`, `keygen`, `checkpoint`, `prove`, `replay` and `show`: the audit trail."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from rich.console import Console

from flows import review_app
from flows.cli.exit_codes import EXIT_CHAIN_BROKEN, EXIT_FAILED_DOCS, EXIT_OK, EXIT_USAGE
from flows.cli.options import add_backend_options, add_db_options, check_backend, settings_from


def register(sub: Any) -> None:
    verify = sub.add_parser(
        "verify", help="recompute the audit chain; exit 3 naming the first bad record"
    )
    add_db_options(verify)
    verify.add_argument(
        "--checkpoint", type=Path, help="also prove the log extends this signed tree head"
    )
    verify.add_argument("--public-key", type=Path, help="public key the checkpoint was signed with")
    verify.add_argument(
        "--bundle", type=Path, help="verify an exported evidence bundle offline (no database)"
    )

    export = sub.add_parser("export", help="write a run's evidence bundle with a manifest")
    export.add_argument("--run", required=True, help="the run to export")
    export.add_argument("--output", type=Path, required=True, help="bundle folder to write")
    export.add_argument("--checkpoint", type=Path, help="a signed tree head to include")
    add_db_options(export)

    keygen = sub.add_parser("keygen", help="create an Ed25519 key pair for signed checkpoints")
    keygen.add_argument("dir", type=Path, help="folder for checkpoint-key.pem and .pub.pem")

    checkpoint = sub.add_parser(
        "checkpoint", help="write a signed tree head (size + Merkle root) of the audit log"
    )
    add_db_options(checkpoint)
    checkpoint.add_argument(
        "--key", type=Path, help="signing key (default: $ATTEST_CHECKPOINT_KEY)"
    )
    checkpoint.add_argument("--output", type=Path, help="file to write (default: stdout)")

    replay = sub.add_parser(
        "replay", help="re-execute recorded decisions and compare: bit-exact, equal, diverged"
    )
    replay.add_argument("decision_id", nargs="?", help="a dec_… id (or use --run)")
    replay.add_argument("--run", help="replay every decision of this run")
    replay.add_argument(
        "--with-model",
        action="store_true",
        help="what-if: run even if the backend's model differs from the recorded one",
    )
    add_backend_options(replay)
    add_db_options(replay)

    prove = sub.add_parser("prove", help="print an inclusion proof for one audit event")
    prove.add_argument("event_id")
    add_db_options(prove)

    show = sub.add_parser("show", help="everything recorded about one document or decision")
    show.add_argument(
        "id", help="a document id (SHA-256, or a unique prefix of 8+ characters) or dec_… id"
    )
    show.add_argument("--json", action="store_true", help="print the raw events as JSON")
    add_db_options(show)
    for parser, handler in (
        (verify, _verify),
        (export, _export),
        (keygen, _keygen),
        (checkpoint, _checkpoint),
        (replay, _replay),
        (prove, _prove),
        (show, _show),
    ):
        parser.set_defaults(handler=handler)


def _verify(args: argparse.Namespace, console: Console) -> int:
    from audit.checkpoints import SignedTreeHead, load_public_key, verify_checkpoint
    from flows.stores import open_store

    if args.bundle is not None:
        return _verify_bundle(args.bundle, console)
    settings = settings_from(args)
    store = open_store(settings)
    try:
        report = store.verify()
        if not report.ok:
            where = (
                f"audit record seq {report.first_bad_seq} (event {report.first_bad_event_id})"
                if report.first_bad_seq is not None
                else "audit trail"
            )
            console.print(f"[red]FAILED[/red]: {where}: {report.reason}")
            return EXIT_CHAIN_BROKEN
        console.print(f"OK: {report.checked} audit records verified in {settings.db_display()}")
        console.print(review_app.what_verify_proved(report, settings.chain_key_path()))
        problems = review_app.user_discrepancies(store)
        if problems:
            for problem in problems:
                console.print(f"[red]FAILED[/red]: users table: {problem}")
            return EXIT_CHAIN_BROKEN
        if args.checkpoint is None:
            return EXIT_OK
        if args.public_key is None:
            console.print("[red]error[/red]: --checkpoint needs --public-key")
            return EXIT_USAGE
        head = SignedTreeHead.model_validate_json(args.checkpoint.read_text())
        result = verify_checkpoint(store, head, load_public_key(args.public_key))
    finally:
        store.close()
    if not result.ok:
        console.print(f"[red]FAILED[/red]: checkpoint {args.checkpoint}: {result.reason}")
        return EXIT_CHAIN_BROKEN
    console.print(
        f"OK: the log ({result.current_size} records) extends the checkpoint of "
        f"{result.checkpoint_size} records signed on {head.timestamp}"
    )
    return EXIT_OK


def _verify_bundle(folder: Path, console: Console) -> int:
    from audit.bundle import verify_bundle

    report = verify_bundle(folder)
    if not report.ok:
        console.print(f"[red]FAILED[/red]: bundle {folder}: {report.reason}")
        return EXIT_CHAIN_BROKEN
    console.print(f"OK: bundle {folder}: {report.files} files and {report.events} chain records")
    return EXIT_OK


def _export(args: argparse.Namespace, console: Console) -> int:
    from flows.stores import open_store

    checkpoint = args.checkpoint.read_text() if args.checkpoint else None
    store = open_store(settings_from(args))
    try:
        manifest = review_app.write_bundle(store, args.run, args.output, checkpoint)
    finally:
        store.close()
    console.print(f"Evidence bundle written: {manifest}")
    return EXIT_OK


def _keygen(args: argparse.Namespace, console: Console) -> int:
    from audit.checkpoints import generate_key

    key, public = generate_key(args.dir)
    console.print(f"Signing key: {key} (keep it off the database host)\nPublic key:  {public}")
    return EXIT_OK


def _checkpoint(args: argparse.Namespace, console: Console) -> int:
    from audit.checkpoints import load_private_key, make_checkpoint
    from flows.stores import open_store

    store = open_store(settings_from(args))
    try:
        head = make_checkpoint(store, load_private_key(args.key, _checkpoint_pem(args)))
    finally:
        store.close()
    body = head.model_dump_json(indent=2) + "\n"
    if args.output:
        args.output.write_text(body)
        console.print(f"Checkpoint of {head.tree_size} records written to {args.output}")
    else:
        sys.stdout.write(body)
    return EXIT_OK


def _checkpoint_pem(args: argparse.Namespace) -> bytes | None:
    secret = settings_from(args).checkpoint_key
    return secret.get_secret_value().encode() if secret is not None else None


def _replay(args: argparse.Namespace, console: Console) -> int:
    from flows.model.serving import replay_settings
    from flows.pipeline import build_backend
    from flows.replay import recorded_identity, replay_decision, replay_run
    from flows.stores import open_store

    if bool(args.decision_id) == bool(args.run):
        console.print("[red]error[/red]: give a decision id or --run RUN_ID")
        return EXIT_USAGE
    settings = settings_from(args)
    check_backend(settings)
    store = open_store(settings)
    try:
        recorded = recorded_identity(store, decision_id=args.decision_id, run_id=args.run)
        if recorded is not None and not args.with_model:
            settings = replay_settings(settings, recorded, store)
        backend = build_backend(settings)
        if args.decision_id:
            result = replay_decision(store, args.decision_id, backend, what_if=args.with_model)
            console.print(f"{args.decision_id}: {result.verdict}")
            for diff in result.differences:
                console.print(f"  {diff.field}: recorded {diff.recorded!r} -> {diff.replayed!r}")
            diverged = result.verdict in {"diverged", "different_model"}
        else:
            summary = replay_run(store, args.run, backend, what_if=args.with_model)
            total = sum(summary.verdicts.values())
            counts = ", ".join(f"{n} {v}" for v, n in sorted(summary.verdicts.items()))
            console.print(f"run {args.run}: {total} decisions replayed: {counts}")
            for change, n in sorted(summary.flag_changes.items()):
                console.print(f"  {change}: {n} decision(s)")
            diverged = bool(summary.verdicts["diverged"] + summary.verdicts["different_model"])
    finally:
        store.close()
    return EXIT_FAILED_DOCS if diverged and not args.with_model else EXIT_OK


def _prove(args: argparse.Namespace, console: Console) -> int:
    from audit.checkpoints import prove_inclusion
    from flows.stores import open_store

    store = open_store(settings_from(args))
    try:
        proof = prove_inclusion(store, args.event_id)
    finally:
        store.close()
    sys.stdout.write(proof.model_dump_json(indent=2) + "\n")
    return EXIT_OK


def _show(args: argparse.Namespace, console: Console) -> int:
    from flows.show import describe

    settings = settings_from(args)
    return describe(args.id, settings.db_url(), console, as_json=args.json)
