"""The domain model's life cycle in the audit trail (flows/model): training data exported from
reviewed decisions, adapters trained and evaluated against a plan's gates, and promotions."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from schemas.events import Payload


class ModelDatasetExported(Payload):
    """Training data written from reviewed decisions (redacted text only)."""

    examples: int
    dataset_sha256: str = Field(description="of the JSONL file")
    manifest_sha256: str
    source_event_hashes: list[str] = Field(description="the trail events the examples came from")


class ModelTrained(Payload):
    """A LoRA adapter fine-tuned on an exported dataset."""

    base_revision: str = Field(description="digest of the base model directory")
    adapter_digest: str = Field(description="digest of the adapter directory, also its name")
    dataset_manifest_sha256: str
    hyperparameters: dict[str, Any]
    loss_curve: list[float] = Field(description="training loss after each optimiser step")
    device: str
    elapsed_s: float


class ModelEvaluated(Payload):
    """A candidate adapter measured against a change-control plan's gates."""

    plan_id: str
    plan_version: str
    plan_sha256: str = Field(description="of the plan file's bytes")
    base_revision: str
    adapter_revision: str
    adapter_path: str
    candidate: dict[str, Any] = Field(description="the candidate's metrics")
    current: dict[str, Any] | None = Field(description="the model in use now, same eval set")
    gates: list[dict[str, Any]] = Field(description="each gate: name, passed, detail")
    passed: bool


class ModelPromoted(Payload):
    """The adapter runs use from now on; rollback is a promotion of an earlier one."""

    adapter_revision: str
    adapter_path: str
    base_revision: str
    evaluation_event_id: str = Field(description="the passing evaluation that allowed it")
    plan_sha256: str
    replaces: str | None = Field(description="the adapter promoted before, if any")
    reason: str = ""
