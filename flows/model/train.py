"""`attest model train`: LoRA supervised fine-tuning of the base model on an exported dataset.

What vLLM and the schema constraint need from an adapter, enforced here:
- no token is added to the vocabulary, and only the attention projections are trained (never
  `embed_tokens` or `lm_head`): vLLM rejects adapters that change either, and the grammar for
  structured output is compiled from the base model's tokenizer;
- the loss covers the assistant's answer only (the prompt tokens are masked);
- a fixed seed orders the examples and initialises the LoRA weights: the same base, dataset,
  hyperparameters and machine give the same adapter bytes.

The adapter directory is named by its content digest (vLLM may serve stale cached state for a
reused adapter name), and training is recorded in the trail as a `model_trained` event: base
digest, dataset manifest hash, hyperparameters, the loss after every step.
"""

from __future__ import annotations

import json
import random
import shutil
import tempfile
import time
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from audit import AuditStore
from extractors.llm.adapters import adapter_name, directory_revision
from flows.errors import FlowError
from flows.model.dataset import DATASET_FILE, MANIFEST_FILE, MODEL_RUN_ID
from schemas.events import EventType
from schemas.model_events import ModelTrained

ATTENTION_PROJECTIONS = ("q_proj", "k_proj", "v_proj", "o_proj")


StepProgress = Callable[[int, int, float], None]
"""Hears (step, steps, loss) after each optimiser step."""


class Hyperparameters(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    rank: int = Field(default=16, ge=1, le=256)
    alpha: int = Field(default=32, ge=1)
    learning_rate: float = Field(default=2e-4, gt=0)
    epochs: int = Field(default=1, ge=1)
    max_steps: int | None = Field(default=None, ge=1, description="stop early (tests, smoke runs)")
    max_length: int = Field(
        default=4096, ge=32, description="most tokens per example, prompt included"
    )
    seed: int = 0
    target_modules: tuple[str, ...] = ATTENTION_PROJECTIONS


@dataclass(frozen=True)
class TrainedAdapter:
    directory: Path
    digest: str
    loss_curve: list[float]


def _encoded(tokenizer: Any, messages: list[dict[str, str]], max_length: int) -> tuple[Any, Any]:
    import torch

    prompt = tokenizer.apply_chat_template(
        messages[:-1], tokenize=False, add_generation_prompt=True
    )
    prompt_ids = tokenizer(prompt, add_special_tokens=False)["input_ids"]
    answer = messages[-1]["content"] + (tokenizer.eos_token or "")
    answer_ids = tokenizer(answer, add_special_tokens=False)["input_ids"]
    if len(prompt_ids) + len(answer_ids) > max_length:
        raise FlowError(
            f"a training example has {len(prompt_ids) + len(answer_ids)} tokens, more than "
            f"max_length {max_length}",
            hint="raise --max-length; a cut example would teach a cut answer",
        )
    labels = [-100] * len(prompt_ids) + answer_ids
    return torch.tensor([prompt_ids + answer_ids]), torch.tensor([labels])


def train_adapter(
    base_dir: Path,
    dataset_dir: Path,
    adapters_root: Path,
    hyper: Hyperparameters,
    store: AuditStore,
    *,
    actor: str = "model-operator",
    progress: StepProgress | None = None,
) -> TrainedAdapter:
    """LoRA supervised fine-tuning of `base_dir` on the dataset; `progress` hears of each step
    (an hour or more on CPU: the operator must see it move)."""
    import peft
    import torch
    import transformers

    manifest = json.loads((dataset_dir / MANIFEST_FILE).read_text())
    lines = (dataset_dir / DATASET_FILE).read_text(encoding="utf-8").splitlines()
    examples = [json.loads(line)["messages"] for line in lines if line.strip()]
    if not examples:
        raise FlowError(
            f"{dataset_dir / DATASET_FILE} holds no examples",
            hint="approve or override decisions in the review app, then `attest model dataset`",
        )
    if not (base_dir / "config.json").is_file():
        raise FlowError(
            f"{base_dir} is not a model directory (no config.json)",
            hint="build the embedded model with `make model` (or `attest model import`), "
            "or pass --model-dir",
        )
    started = time.perf_counter()
    random.seed(hyper.seed)
    torch.manual_seed(hyper.seed)
    tokenizer = transformers.AutoTokenizer.from_pretrained(base_dir)
    model = transformers.AutoModelForCausalLM.from_pretrained(base_dir, dtype=torch.float32)
    vocabulary = len(tokenizer)  # nothing below may add a token
    config = peft.LoraConfig(
        r=hyper.rank,
        lora_alpha=hyper.alpha,
        lora_dropout=0.0,
        bias="none",
        target_modules=list(hyper.target_modules),
        task_type="CAUSAL_LM",
    )
    with warnings.catch_warnings():
        # peft 0.21 still asks transformers 5 a deprecated question; harmless, not ours to fix.
        warnings.filterwarnings("ignore", "`is_gradient_checkpointing` is deprecated")
        lora = peft.get_peft_model(model, config)
    lora.train()
    optimiser = torch.optim.AdamW(
        [p for p in lora.parameters() if p.requires_grad], lr=hyper.learning_rate
    )
    order = torch.Generator().manual_seed(hyper.seed)
    losses: list[float] = []
    total = hyper.epochs * len(examples)
    steps = min(total, hyper.max_steps) if hyper.max_steps else total
    while len(losses) < steps:
        for index in torch.randperm(len(examples), generator=order).tolist():
            if len(losses) >= steps:
                break
            ids, labels = _encoded(tokenizer, examples[index], hyper.max_length)
            loss = lora(input_ids=ids, labels=labels).loss
            loss.backward()
            optimiser.step()
            optimiser.zero_grad()
            losses.append(round(float(loss.detach()), 6))
            if progress is not None:
                progress(len(losses), steps, losses[-1])
    if len(tokenizer) > vocabulary:  # pragma: no cover - nothing here adds tokens
        raise FlowError("the tokenizer grew during training", hint="report this as a bug")
    base_revision = directory_revision(base_dir)
    adapters_root.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=adapters_root) as scratch:
        staged = Path(scratch) / "adapter"
        lora.save_pretrained(str(staged))
        _normalise_saved(staged, base_revision)
        digest = directory_revision(staged)
        target = adapters_root / adapter_name(digest)
        if target.exists():  # the same bytes again: keep the first
            shutil.rmtree(staged)
        else:
            staged.rename(target)
    event = ModelTrained(
        base_revision=base_revision,
        adapter_digest=digest,
        dataset_manifest_sha256=manifest["manifest_sha256"],
        hyperparameters=hyper.model_dump(mode="json"),
        loss_curve=losses,
        device="cpu",
        elapsed_s=round(time.perf_counter() - started, 3),
    )
    store.append([event.to_event(EventType.MODEL_TRAINED, MODEL_RUN_ID, actor=actor)])
    return TrainedAdapter(target, digest, losses)


def _normalise_saved(folder: Path, base_revision: str) -> None:
    """Drop what varies between machines (the model card, the base model's local path)."""
    (folder / "README.md").unlink(missing_ok=True)
    config_file = folder / "adapter_config.json"
    config = json.loads(config_file.read_text())
    config["base_model_name_or_path"] = base_revision
    config_file.write_text(json.dumps(config, indent=2, sort_keys=True) + "\n")
