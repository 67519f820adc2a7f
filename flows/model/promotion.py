"""Evaluations and promotions of adapters, recorded in the trail.

`record_evaluation` appends a `model_evaluated` event: the candidate adapter, the plan (id,
version, file hash), both models' metrics and every gate's result. `promote` appends a
`model_promoted` event only when that evaluation passed every gate; it names the adapter runs
use from then on (`promoted_adapter`). Rollback is promoting an earlier adapter again: its own
passing evaluation is the evidence, and the new promotion names the one it replaces.
"""

from __future__ import annotations

from audit import AuditStore
from flows.errors import FlowError
from flows.model.dataset import MODEL_RUN_ID
from flows.model.plan import ChangePlan, GateResult, Metrics
from schemas.events import EventType, StoredEvent
from schemas.model_events import ModelEvaluated, ModelPromoted


def record_evaluation(
    store: AuditStore,
    *,
    plan: ChangePlan,
    plan_sha256: str,
    base_revision: str,
    adapter_revision: str,
    adapter_path: str,
    candidate: Metrics,
    current: Metrics | None,
    gates: list[GateResult],
    actor: str = "model-operator",
) -> StoredEvent:
    event = ModelEvaluated(
        plan_id=plan.plan_id,
        plan_version=plan.version,
        plan_sha256=plan_sha256,
        base_revision=base_revision,
        adapter_revision=adapter_revision,
        adapter_path=adapter_path,
        candidate=candidate.model_dump(mode="json"),
        current=current.model_dump(mode="json") if current is not None else None,
        gates=[g.model_dump(mode="json") for g in gates],
        passed=all(g.passed for g in gates),
    )
    [stored] = store.append([event.to_event(EventType.MODEL_EVALUATED, MODEL_RUN_ID, actor=actor)])
    return stored


def promoted_adapter(store: AuditStore) -> StoredEvent | None:
    """The latest promotion: the adapter runs use now (None: the base model alone)."""
    promotions = store.events(event_type=EventType.MODEL_PROMOTED)
    return promotions[-1] if promotions else None


def _evaluation_for(store: AuditStore, adapter_revision: str) -> StoredEvent | None:
    evaluations = [
        e
        for e in store.events(event_type=EventType.MODEL_EVALUATED)
        if e.payload["adapter_revision"] == adapter_revision
    ]
    return evaluations[-1] if evaluations else None


def promote(
    store: AuditStore, adapter_revision: str, *, reason: str = "", actor: str = "model-operator"
) -> StoredEvent:
    """Promote the adapter on the strength of its latest evaluation; refuse on a failed gate."""
    evaluation = _evaluation_for(store, adapter_revision)
    if evaluation is None:
        raise FlowError(
            f"adapter {adapter_revision} has no evaluation in the trail",
            hint="run `attest model evaluate` with the change-control plan first",
        )
    failed = [g for g in evaluation.payload["gates"] if not g["passed"]]
    if failed:
        names = ", ".join(f"{g['gate']} {g['detail']}" for g in failed)
        raise FlowError(
            f"adapter {adapter_revision} failed the plan's gates: {names}",
            hint="the current model stays in use; train on more reviewed data and evaluate again",
        )
    previous = promoted_adapter(store)
    event = ModelPromoted(
        adapter_revision=adapter_revision,
        adapter_path=evaluation.payload["adapter_path"],
        base_revision=evaluation.payload["base_revision"],
        evaluation_event_id=evaluation.event_id,
        plan_sha256=evaluation.payload["plan_sha256"],
        replaces=previous.payload["adapter_revision"] if previous is not None else None,
        reason=reason,
    )
    [stored] = store.append([event.to_event(EventType.MODEL_PROMOTED, MODEL_RUN_ID, actor=actor)])
    return stored
