"""The change-control plan: which metrics a candidate adapter must reach before promotion.

In the spirit of a predetermined change control plan, the gates are declared in a versioned
file before any candidate is measured, and its hash is recorded with every evaluation:

    plan_id: attest-domain-model
    version: "1"
    eval_set: eval/clinical          # a labelled folder in the `eval flags` layout
    gates:
      schema_valid_min: 1.0          # share of documents with schema-valid output
      grounded_min: 1.0              # share of flag evidence found in the redacted text
      new_under_triage_max: 0        # back-test: decisions made less urgent than recorded
      critical_flags_lost_max: 0     # back-test: high-severity flags the candidate drops
      flag_f1_not_below_current: true  # micro flag F1 >= the current model's, same eval set
"""

from __future__ import annotations

from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field

from flows.errors import ConfigError
from schemas.canonical import sha256_hex


class Gates(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    schema_valid_min: float = Field(default=1.0, ge=0, le=1)
    grounded_min: float = Field(default=1.0, ge=0, le=1)
    new_under_triage_max: int = Field(default=0, ge=0)
    critical_flags_lost_max: int = Field(default=0, ge=0)
    flag_f1_not_below_current: bool = True


class ChangePlan(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    plan_id: str
    version: str
    eval_set: Path | None = None
    gates: Gates = Gates()


class Metrics(BaseModel):
    """What one model (base, or base + adapter) reached on the plan's evaluation set and
    back-test."""

    model_config = ConfigDict(frozen=True)

    documents: int
    schema_valid: float
    grounded: float
    flag_f1: float
    new_under_triage: int = 0
    critical_flags_lost: int = 0


class GateResult(BaseModel):
    model_config = ConfigDict(frozen=True)

    gate: str
    passed: bool
    detail: str


def load_plan(path: Path) -> tuple[ChangePlan, str]:
    """The plan and the SHA-256 of its file's bytes (what the trail records)."""
    try:
        data = path.read_bytes()
        plan = ChangePlan.model_validate(yaml.safe_load(data))
    except (OSError, yaml.YAMLError, ValueError) as error:
        raise ConfigError(
            f"cannot read the change-control plan {path}: {error}",
            hint="see flows/model/plan.py for the plan's fields",
        ) from error
    return plan, sha256_hex(data)


def check_gates(gates: Gates, candidate: Metrics, current: Metrics | None) -> list[GateResult]:
    results = [
        GateResult(
            gate="schema_valid",
            passed=candidate.schema_valid >= gates.schema_valid_min,
            detail=f"{candidate.schema_valid:.1%} (min {gates.schema_valid_min:.1%})",
        ),
        GateResult(
            gate="grounded",
            passed=candidate.grounded >= gates.grounded_min,
            detail=f"{candidate.grounded:.1%} (min {gates.grounded_min:.1%})",
        ),
        GateResult(
            gate="new_under_triage",
            passed=candidate.new_under_triage <= gates.new_under_triage_max,
            detail=f"{candidate.new_under_triage} (max {gates.new_under_triage_max})",
        ),
        GateResult(
            gate="critical_flags_lost",
            passed=candidate.critical_flags_lost <= gates.critical_flags_lost_max,
            detail=f"{candidate.critical_flags_lost} (max {gates.critical_flags_lost_max})",
        ),
    ]
    if gates.flag_f1_not_below_current:
        floor = current.flag_f1 if current is not None else 0.0
        results.append(
            GateResult(
                gate="flag_f1_not_below_current",
                passed=candidate.flag_f1 >= floor,
                detail=f"{candidate.flag_f1:.3f} (current {floor:.3f})",
            )
        )
    return results
