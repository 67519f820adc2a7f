"""LoRA adapters: named by content digest, loaded on top of the base model they were trained on.

An adapter directory (peft layout: adapter_config.json + adapter_model.safetensors) is named
`lora-` + the first 16 hex digits of the SHA-256 over its files; the full digest is recorded.
A name is never reused for other bytes: vLLM can serve stale cached state for a reused name.
"""

from __future__ import annotations

import json
import warnings
from pathlib import Path
from typing import Any

from extractors.errors import BackendError
from extractors.llm.model_files import directory_digest


def directory_revision(folder: Path) -> str:
    return "sha256:" + directory_digest(folder)


def adapter_name(revision: str) -> str:
    return "lora-" + revision.removeprefix("sha256:")[:16]


def check_adapter(adapter_dir: Path, base_revision: str) -> str:
    """The adapter's revision, after checking it was trained on this base model."""
    config_file = adapter_dir / "adapter_config.json"
    if not config_file.is_file():
        raise BackendError(
            f"{adapter_dir} is not a LoRA adapter (no adapter_config.json)",
            hint="point --adapter-dir at a folder written by `attest model train`",
            retryable=False,
        )
    trained_on = json.loads(config_file.read_text()).get("base_model_name_or_path")
    if trained_on != base_revision:
        raise BackendError(
            f"adapter {adapter_dir.name} was trained on {trained_on}, not on this base model "
            f"({base_revision})",
            hint="use the base model the adapter was trained on (see its model_trained event)",
            retryable=False,
        )
    revision = directory_revision(adapter_dir)
    if adapter_dir.name != adapter_name(revision):
        raise BackendError(
            f"adapter folder {adapter_dir.name} does not match its content ({adapter_name(revision)})",
            hint="an adapter's files changed after training; train again or restore them",
            retryable=False,
        )
    return revision


def with_adapter(model: Any, adapter_dir: Path) -> Any:
    """The base model with the adapter's weights merged in (inference only)."""
    import peft

    with warnings.catch_warnings():
        # peft 0.21 still asks transformers 5 a deprecated question; harmless, not ours to fix.
        warnings.filterwarnings("ignore", "`is_gradient_checkpointing` is deprecated")
        merged = peft.PeftModel.from_pretrained(model, adapter_dir).merge_and_unload()
    merged.eval()
    return merged
