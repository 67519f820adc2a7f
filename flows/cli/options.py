"""The settings options the commands share, and the Settings built from parsed arguments."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from pydantic import SecretStr

from flows.settings import Settings
from schemas.document import DOMAINS


def add_db_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--db", help="SQLAlchemy URL of the audit store (default: sqlite:///OUT/audit.db)"
    )
    parser.add_argument("--out", type=Path, help="output folder of the run (default: attest-out)")


def add_backend_options(parser: argparse.ArgumentParser) -> None:
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


def add_run_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--domain", choices=[*DOMAINS, "auto"])
    add_backend_options(parser)
    add_db_options(parser)
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


def settings_from(args: argparse.Namespace, **extra: Any) -> Settings:
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


def check_backend(settings: Settings) -> None:
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
