"""`attest`: the command line. Settings are read once here and passed down.

Exit codes: 0 all documents processed, skipped or rejected with a reason; 1 some documents
failed and stay in the inbox for the next run; 2 a usage or configuration error; 3 the audit
chain does not verify.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

from pydantic import SecretStr, ValidationError
from rich.console import Console

from flows import review_app
from flows.settings import Settings, configure_prefect
from schemas.errors import AttestError

EXIT_OK, EXIT_FAILED_DOCS, EXIT_USAGE, EXIT_CHAIN_BROKEN = 0, 1, 2, 3


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="attest",
        description="On-prem document pipeline: parse/OCR, redact, extract under a schema, audit.",
    )
    sub = parser.add_subparsers(dest="command", required=True)

    run = sub.add_parser(
        "run", help="process every document in an inbox folder (the nightly batch)"
    )
    run.add_argument("inbox", type=Path, help="folder holding PDF, PNG/JPEG/TIFF or text files")
    _add_run_options(run)

    demo = sub.add_parser(
        "demo", help="write a sample inbox in three domains and run the batch on it"
    )
    demo.add_argument("--dir", type=Path, default=Path("demo"), help="demo folder (default: demo)")
    demo.add_argument("--workers", type=int, help="documents worked on at once (default 4)")
    demo.add_argument("--no-progress", action="store_true", help="no progress bar")

    verify = sub.add_parser(
        "verify", help="recompute the audit chain; exit 3 naming the first bad record"
    )
    _add_db_options(verify)
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
    _add_db_options(export)

    keygen = sub.add_parser("keygen", help="create an Ed25519 key pair for signed checkpoints")
    keygen.add_argument("dir", type=Path, help="folder for checkpoint-key.pem and .pub.pem")

    checkpoint = sub.add_parser(
        "checkpoint", help="write a signed tree head (size + Merkle root) of the audit log"
    )
    _add_db_options(checkpoint)
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
    _add_backend_options(replay)
    _add_db_options(replay)

    prove = sub.add_parser("prove", help="print an inclusion proof for one audit event")
    prove.add_argument("event_id")
    _add_db_options(prove)

    show = sub.add_parser("show", help="everything recorded about one document or decision")
    show.add_argument(
        "id", help="a document id (SHA-256, or a unique prefix of 8+ characters) or dec_… id"
    )
    show.add_argument("--json", action="store_true", help="print the raw events as JSON")
    _add_db_options(show)

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

    serve = sub.add_parser("serve", help="the review web app for compliance officers")
    _add_db_options(serve)
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on")
    serve.add_argument("--port", type=int, default=8080, help="port (default 8080)")
    serve.add_argument(
        "--session-minutes", type=int, default=60, help="a login lasts this long (default 60)"
    )
    serve.add_argument(
        "--secure-cookies", action="store_true", help="send cookies over HTTPS only (behind TLS)"
    )

    users = sub.add_parser("users", help="who may use the review app, with which role")
    users_sub = users.add_subparsers(dest="users_command", required=True)
    users_add = users_sub.add_parser("add", help="add a user (asks for the password)")
    users_add.add_argument("username")
    users_add.add_argument("--role", required=True, choices=["reviewer", "auditor", "admin"])
    users_add.add_argument(
        "--password-stdin", action="store_true", help="read the password from standard input"
    )
    _add_db_options(users_add)
    users_list = users_sub.add_parser("list", help="list users and roles")
    _add_db_options(users_list)
    users_role = users_sub.add_parser("role", help="change a user's role (an audit event)")
    users_role.add_argument("username")
    users_role.add_argument("--role", required=True, choices=["reviewer", "auditor", "admin"])
    _add_db_options(users_role)
    users_disable = users_sub.add_parser("disable", help="disable a user and end their sessions")
    users_disable.add_argument("username")
    _add_db_options(users_disable)

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
    _add_db_options(reidentify)

    evaluate = sub.add_parser("eval", help="measure flag quality on a labelled corpus")
    eval_sub = evaluate.add_subparsers(dest="eval_command", required=True)
    flags = eval_sub.add_parser(
        "flags",
        help="per-flag precision, recall and F1 on DIR/documents + DIR/labels.json (or .csv), "
        "or on CUAD's layout (master_clauses.csv + full_contract_txt/)",
    )
    flags.add_argument(
        "dir", type=Path, help="folder with documents/ and labels.json, or a CUAD folder"
    )
    flags.add_argument("--json", type=Path, help="also write the figures to this JSON file")
    flags.add_argument(
        "--split",
        choices=("all", "dev", "heldout"),
        default="all",
        help="CUAD folders only: the fixed dev (70%%) or held-out (30%%) part, see flows/cuad.py",
    )
    _add_backend_options(flags)
    sample = eval_sub.add_parser(
        "sample", help="write the labelled sample set (all three domains) into DIR"
    )
    sample.add_argument("dir", type=Path)
    cuad = eval_sub.add_parser(
        "import-cuad", help="turn CUAD_v1.json into the eval layout (documents/ + labels.json)"
    )
    cuad.add_argument("cuad_json", type=Path, help="CUAD_v1.json from the CUAD release")
    cuad.add_argument("dir", type=Path)
    _add_redaction_eval_parsers(eval_sub)
    _add_triage_eval_parsers(eval_sub)
    from flows.model.cli import add_model_parser

    add_model_parser(sub, _add_db_options)
    return parser


def _add_triage_eval_parsers(eval_sub: Any) -> None:
    triage = eval_sub.add_parser(
        "triage",
        help="triage confusion matrix, under-triage, three-tier accuracy and red-flag recall "
        "on DIR/documents + DIR/labels.json (each label with its esi 1-5)",
    )
    triage.add_argument("dir", type=Path, help="folder with documents/ and labels.json")
    triage.add_argument("--json", type=Path, help="also write the figures to this JSON file")
    _add_backend_options(triage)
    vignettes = eval_sub.add_parser(
        "triage-sample", help="write labelled triage vignettes (ESI Handbook criteria) into DIR"
    )
    vignettes.add_argument("dir", type=Path)
    vignettes.add_argument("--count", type=int, default=240)
    vignettes.add_argument("--seed", type=int, default=16001)


def _add_redaction_eval_parsers(eval_sub: Any) -> None:
    from flows.redaction_eval import DEFAULT_COUNT, DEFAULT_SEED, RULES

    redaction = eval_sub.add_parser(
        "redaction",
        help="per-entity-type recall and precision of redaction on an annotated corpus, and "
        "over-redaction (placeholders per 1,000 words) on any corpus",
        description="Run the Redactor the pipeline uses over annotated documents and print "
        f"per-label recall and per-type precision. Scoring: {RULES}.",
    )
    redaction.add_argument(
        "dir",
        type=Path,
        help="NAME.txt + NAME.json pairs, a .jsonl file, or a presidio-research .json (or a "
        "folder of them); unannotated: NAME.txt alone or a .csv with a transcription column",
    )
    redaction.add_argument(
        "--json",
        nargs="?",
        const="-",
        metavar="FILE",
        help="also write the figures as JSON to FILE (to standard output without FILE)",
    )
    ner = redaction.add_mutually_exclusive_group()
    ner.add_argument(
        "--no-ner", action="store_true", help="measure without the NER model (patterns only)"
    )
    ner.add_argument(
        "--ner-model",
        metavar="DIR",
        type=Path,
        help="a spaCy model folder (default: what the pipeline loads, the ner_model setting)",
    )
    redaction.add_argument(
        "--show-misses", type=int, default=0, metavar="N", help="list the first N missed spans"
    )
    redaction.add_argument(
        "--domain",
        choices=("clinical", "finance", "legal"),
        help="count over-redaction as that domain's policy redacts (clinical: dates are "
        "shifted, not replaced); default: the default policy, every finding a placeholder",
    )
    redaction.add_argument(
        "--held-out-only",
        action="store_true",
        help="CSV corpora (MTSamples): only the rows the NER never trains on (every 4th)",
    )
    sample = eval_sub.add_parser(
        "redaction-sample",
        help="write the held-out synthetic annotated corpus (NAME.txt + NAME.json) into DIR",
    )
    sample.add_argument("dir", type=Path)
    sample.add_argument("--count", type=int, default=DEFAULT_COUNT, help="documents to write")
    sample.add_argument("--seed", type=int, default=DEFAULT_SEED, help="generator seed")


def _add_db_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--db", help="SQLAlchemy URL of the audit store (default: sqlite:///OUT/audit.db)"
    )
    parser.add_argument("--out", type=Path, help="output folder of the run (default: attest-out)")


def _add_backend_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--backend",
        choices=["rules", "openai-compatible", "transformers"],
        help="generation backend (default: rules, the deterministic baseline)",
    )
    parser.add_argument("--llm-url", help="OpenAI-compatible server, e.g. http://vllm:8000/v1")
    parser.add_argument("--model", help="model name served by --llm-url")
    parser.add_argument(
        "--expect-root", help="refuse to start unless the server's model root is this"
    )
    parser.add_argument("--model-dir", type=Path, help="local model directory (transformers)")
    parser.add_argument(
        "--adapter-dir", type=Path, help="LoRA adapter on top of --model-dir (transformers)"
    )
    parser.add_argument(
        "--max-tokens", type=int, help="most tokens generated per chunk (default 1024)"
    )
    parser.add_argument(
        "--seed", type=int, help="sampling seed sent with every request (default 0)"
    )


def _add_run_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--domain", choices=["clinical", "finance", "legal", "auto"])
    _add_backend_options(parser)
    _add_db_options(parser)
    parser.add_argument("--workers", type=int, help="documents worked on at once (default 4)")
    parser.add_argument(
        "--processes",
        type=int,
        help="worker processes that read, parse and redact (default: one per core; 0: none)",
    )
    parser.add_argument(
        "--document-budget-s",
        type=float,
        help="seconds a document may take to read, parse and redact (default 900; 0: no limit)",
    )
    parser.add_argument("--retries", type=int, help="retries after a transient error (default 2)")
    parser.add_argument("--no-progress", action="store_true", help="no progress bar")
    parser.add_argument(
        "--task-runner", choices=["threads", "dask"], help="where tasks run (default: threads)"
    )
    parser.add_argument("--dask-address", help="scheduler of an existing Dask cluster")


def _settings(args: argparse.Namespace, **extra: Any) -> Settings:
    overrides: dict[str, Any] = {
        key: value
        for key in (
            "domain",
            "out",
            "workers",
            "processes",
            "document_budget_s",
            "retries",
            "backend",
            "llm_url",
            "model",
            "expect_root",
            "model_dir",
            "adapter_dir",
            "max_tokens",
            "seed",
            "task_runner",
            "dask_address",
        )
        if (value := getattr(args, key, None)) is not None
    }
    if getattr(args, "db", None):
        overrides["db"] = SecretStr(args.db)
    if getattr(args, "no_progress", False):
        overrides["progress"] = False
    overrides.update(extra)
    return Settings(**overrides)


def _check_backend(settings: Settings) -> None:
    """A model server named without a backend that uses it is a mistake, not a request for the
    rules baseline: say so instead of silently running without the model."""
    if settings.backend == "rules" and (settings.llm_url or settings.model):
        from flows.errors import ConfigError

        raise ConfigError(
            "a model server is named (--llm-url/--model or ATTEST_LLM_URL/ATTEST_MODEL) but the "
            "backend is 'rules', which uses no model",
            hint="add --backend openai-compatible (or ATTEST_BACKEND=openai-compatible) to use "
            "the server, or drop --llm-url/--model to run the rules baseline",
        )


def _run(inbox: Path, settings: Settings, console: Console) -> int:
    _check_backend(settings)
    configure_prefect(settings.out)
    # Prefect reads its settings when imported: import the flow only after configure_prefect.
    from flows.batch import run_batch
    from flows.html_report import write_report
    from flows.pipeline import ner_model_path
    from flows.report import print_report

    ner_model_path(settings)  # a missing NER model stops here, before the flow and its traceback
    result = run_batch(inbox, settings)
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
    from flows.samples import write_inbox

    inbox, out = args.dir / "inbox", args.dir / "out"
    written = write_inbox(inbox)
    console.print(f"Wrote {len(written)} sample documents to {inbox}/ (clinical, finance, legal).")
    settings = _settings(args, out=out)
    code = _run(inbox, settings, console)
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


def _deploy(args: argparse.Namespace, console: Console) -> int:
    from flows.deploy import DeploymentPlan, deploy

    plan = DeploymentPlan(args.inbox, args.cron, args.pool, args.model_slots)
    deployment_id = deploy(plan)
    console.print(
        f"Deployment attest-nightly/{plan.name} ({deployment_id}) runs '{plan.cron}' on work "
        f"pool '{plan.pool}'; start a worker with: prefect worker start --pool {plan.pool}"
    )
    return EXIT_OK


def _eval(args: argparse.Namespace, console: Console) -> int:
    from flows import evaluation
    from flows.eval_samples import write_sample_set

    if args.eval_command == "sample":
        labels = write_sample_set(args.dir)
        console.print(f"Wrote the labelled sample set: {labels}")
        return EXIT_OK
    if args.eval_command in ("redaction", "redaction-sample"):
        return _eval_redaction(args, console)
    if args.eval_command in ("triage", "triage-sample"):
        return _eval_triage(args, console)
    if args.eval_command == "import-cuad":
        count = evaluation.import_cuad(args.cuad_json, args.dir)
        console.print(f"Wrote {count} CUAD contracts and their labels to {args.dir}")
        return EXIT_OK
    settings = _settings(args, out=args.dir / ".eval-out")
    configure_prefect(settings.out)
    result = evaluation.evaluate(args.dir, settings, args.split)
    print_eval(result, console)
    if args.json:
        args.json.write_text(evaluation.to_json(result))
    return EXIT_OK


def _eval_triage(args: argparse.Namespace, console: Console) -> int:
    import json

    from flows import triage_eval

    if args.eval_command == "triage-sample":
        count = triage_eval.write_set(args.dir, args.count, args.seed)
        console.print(f"Wrote {count} labelled triage vignettes to {args.dir}")
        return EXIT_OK
    settings = _settings(args, out=args.dir / ".eval-out")
    figures = triage_eval.evaluate_triage(args.dir, settings).as_dict()
    console.print_json(json.dumps(figures))
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n")
    return EXIT_OK


def _eval_redaction(args: argparse.Namespace, console: Console) -> int:
    from flows import redaction_eval

    if args.eval_command == "redaction-sample":
        documents = redaction_eval.generate(args.count, args.seed)
        count = redaction_eval.write_corpus(documents, args.dir)
        console.print(f"Wrote {count} annotated documents (seed {args.seed}) to {args.dir}")
        return EXIT_OK
    try:
        documents = redaction_eval.read_corpus(args.dir, held_out_only=args.held_out_only)
    except redaction_eval.CorpusError as error:
        console.print(f"[red]error[/red]: {error}", highlight=False)
        return EXIT_USAGE
    if args.no_ner or args.ner_model:
        ner_model = None if args.no_ner else args.ner_model
    else:  # what the pipeline loads: ATTEST_NER_MODEL, else the built model; missing stops
        from flows.pipeline import ner_model_path

        ner_model = ner_model_path(Settings())
    redactor = redaction_eval.build_redactor(ner_model)
    result = redaction_eval.evaluate(documents, redactor, str(args.dir), args.domain)
    if args.json == "-":
        sys.stdout.write(redaction_eval.to_json(result) + "\n")
        return EXIT_OK
    redaction_eval.print_report(result, console, misses=args.show_misses)
    if args.json:
        Path(args.json).write_text(redaction_eval.to_json(result) + "\n", encoding="utf-8")
    return EXIT_OK


def print_eval(result: Any, console: Console) -> None:
    from rich.table import Table

    from flows import evaluation

    table = Table(title=f"flag quality on {result.documents} documents")
    for column in ("flag", "tp", "fp", "fn", "precision", "recall", "f1"):
        table.add_column(column, justify="left" if column == "flag" else "right")
    for row in evaluation.score_rows(result):
        table.add_row(*(f"{v:.2f}" if isinstance(v, float) else str(v) for v in row.values()))
    console.print(table)
    micro = result.micro
    console.print(
        f"micro P {micro.precision:.3f} R {micro.recall:.3f} F1 {micro.f1:.3f}; "
        f"macro F1 {result.macro_f1:.3f}; evidence grounded {result.grounding_rate:.1%}; "
        f"schema-valid {result.schema_validity_rate:.1%}; rejected {result.rejected}"
    )
    if result.evidence_overlap_rate is not None:
        console.print(
            f"evidence overlaps the experts' clause for {result.evidence_overlap_rate:.1%} "
            "of true positives"
        )


def _verify(args: argparse.Namespace, console: Console) -> int:
    from audit.checkpoints import SignedTreeHead, load_public_key, verify_checkpoint
    from flows.stores import open_store

    if args.bundle is not None:
        return _verify_bundle(args.bundle, console)
    settings = _settings(args)
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
    store = open_store(_settings(args))
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

    store = open_store(_settings(args))
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
    secret = _settings(args).checkpoint_key
    return secret.get_secret_value().encode() if secret is not None else None


def _replay(args: argparse.Namespace, console: Console) -> int:
    from flows.pipeline import build_backend
    from flows.replay import replay_decision, replay_run
    from flows.stores import open_store

    if bool(args.decision_id) == bool(args.run):
        console.print("[red]error[/red]: give a decision id or --run RUN_ID")
        return EXIT_USAGE
    settings = _settings(args)
    _check_backend(settings)
    backend = build_backend(settings)
    store = open_store(settings)
    try:
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

    store = open_store(_settings(args))
    try:
        proof = prove_inclusion(store, args.event_id)
    finally:
        store.close()
    sys.stdout.write(proof.model_dump_json(indent=2) + "\n")
    return EXIT_OK


def _show(args: argparse.Namespace, console: Console) -> int:
    from flows.show import describe

    settings = _settings(args)
    return describe(args.id, settings.db_url(), console, as_json=args.json)


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    # Wide enough for the report when piped to a file or a log (rich assumes 80 columns).
    console = Console(width=None if sys.stdout.isatty() or "COLUMNS" in os.environ else 160)
    try:
        if args.command == "run":
            return _run(args.inbox, _settings(args), console)
        if args.command == "demo":
            return _demo(args, console)
        if args.command == "verify":
            return _verify(args, console)
        if args.command == "show":
            return _show(args, console)
        if args.command == "eval":
            return _eval(args, console)
        if args.command == "deploy":
            return _deploy(args, console)
        if args.command == "keygen":
            return _keygen(args, console)
        if args.command == "checkpoint":
            return _checkpoint(args, console)
        if args.command == "prove":
            return _prove(args, console)
        if args.command == "replay":
            return _replay(args, console)
        if args.command == "export":
            return _export(args, console)
        if args.command == "serve":
            return review_app.serve(
                _settings(args),
                args.host,
                args.port,
                console,
                session_minutes=args.session_minutes,
                secure_cookies=args.secure_cookies,
            )
        if args.command == "users":
            return _users(args, console)
        if args.command == "vault-key":
            return _vault_key(args, console)
        if args.command == "reidentify":
            return _reidentify(args, console)
        if args.command == "model":
            from flows.model.cli import run_model_command

            return run_model_command(args, _settings(args), console)
    except ValidationError as error:
        console.print(f"[red]error[/red]: invalid setting: {_first_error(error)}")
        return EXIT_USAGE
    except AttestError as error:
        console.print(f"[red]error[/red]: {error.message}")
        if error.hint:
            console.print(f"hint: {error.hint}")
        return EXIT_USAGE
    return EXIT_USAGE  # pragma: no cover - argparse requires a command


def _users(args: argparse.Namespace, console: Console) -> int:
    settings = _settings(args)
    if args.users_command == "add":
        return review_app.add_user(
            settings, args.username, args.role, console, password_stdin=args.password_stdin
        )
    if args.users_command == "role":
        return review_app.set_role(settings, args.username, args.role, console)
    if args.users_command == "disable":
        return review_app.disable_user(settings, args.username, console)
    return review_app.list_users(settings, console)


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

    settings = _settings(args)
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


def _first_error(error: ValidationError) -> str:
    first = error.errors()[0]
    return f"{'.'.join(str(p) for p in first['loc'])}: {first['msg']}"


if __name__ == "__main__":
    sys.exit(main())
