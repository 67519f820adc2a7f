"""How often reviewers agree with the pipeline, per flag kind: what the run page shows."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from audit.review.four_eyes import is_flag_list
from audit.store import AuditStore
from schemas.events import DecisionRecorded, DecisionReviewed, EventType, OverrideConfirmed


@dataclass(frozen=True)
class Agreement:
    """How reviewers answered the decisions that carried one flag kind."""

    kind: str
    reviewed: int
    approved: int
    overridden: int
    flag_removed: int

    @property
    def override_rate(self) -> float:
        return self.overridden / self.reviewed if self.reviewed else 0.0


def agreement_by_flag(store: AuditStore, run_id: str) -> list[Agreement]:
    """Per flag kind the pipeline raised in the run: each decision's latest review counted
    once; an override waiting for a second reviewer counts only once confirmed."""
    events = store.events(run_id=run_id)
    decisions = {
        e.decision_id: e.typed(DecisionRecorded)
        for e in events
        if e.event_type == EventType.DECISION_RECORDED
    }
    answers = [
        e.typed(OverrideConfirmed) for e in events if e.event_type == EventType.OVERRIDE_CONFIRMED
    ]
    rejected = {a.review_event_id for a in answers if a.action == "reject"}
    confirmed = {a.review_event_id for a in answers if a.action == "confirm"}
    latest: dict[str, DecisionReviewed] = {}
    for event in events:
        if event.event_type != EventType.DECISION_REVIEWED or event.event_id in rejected:
            continue
        review = event.typed(DecisionReviewed)
        if review.needs_second_reviewer and event.event_id not in confirmed:
            continue
        latest[str(event.decision_id)] = review
    counts: dict[str, list[int]] = {}
    for decision_id, review in latest.items():
        decision = decisions.get(decision_id)
        if decision is None:
            continue
        new_kinds = _flag_kinds(review.output or decision.output)
        for kind in sorted({flag.kind for flag in decision.flags}):
            row = counts.setdefault(kind, [0, 0, 0, 0])
            row[0] += 1
            row[1 if review.action == "approve" else 2] += 1
            row[3] += kind not in new_kinds
    return [Agreement(kind, *row) for kind, row in sorted(counts.items())]


def _flag_kinds(output: dict[str, Any]) -> set[str]:
    return {f["kind"] for value in output.values() if is_flag_list(value) for f in value}
