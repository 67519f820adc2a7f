"""Corrections as people make them: which fields an override changes, which changes need a
second reviewer (four eyes), the second reviewer's word, and how often reviewers agree.

A change is critical when it makes a decision less urgent: a higher ESI triage number (1 is
the most urgent), or a high-severity flag of the pipeline's that the new value no longer has
at high severity. Such an override is recorded at once but takes effect only when another
reviewer confirms it; until then the decision shows both values.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from audit.errors import ReviewError
from audit.store import AuditStore
from audit.users import User
from schemas.events import EventType, OverrideConfirmed, StoredEvent

TRIAGE_FIELD = "triage_level"
AWAITING = "awaiting_second_review"


def changed_fields(before: dict[str, Any], after: dict[str, Any]) -> list[str]:
    """The top-level fields whose values differ, in the output's field order."""
    names = list(before) + [name for name in after if name not in before]
    return [name for name in names if before.get(name) != after.get(name)]


def critical_changes(before: dict[str, Any], after: dict[str, Any]) -> list[str]:
    """What in the change makes the decision less urgent, in words a reviewer reads."""
    found = []
    old_triage, new_triage = before.get(TRIAGE_FIELD), after.get(TRIAGE_FIELD)
    if isinstance(old_triage, int) and isinstance(new_triage, int) and new_triage > old_triage:
        found.append(f"lowers the triage level from {old_triage} to {new_triage}")
    for name, flags in before.items():
        if not _is_flag_list(flags):
            continue
        kept = {f["kind"] for f in after.get(name) or [] if f.get("severity") == "high"}
        for flag in flags:
            if flag.get("severity") == "high" and flag["kind"] not in kept:
                found.append(f"removes the high-severity flag {flag['kind']}")
    return found


def _is_flag_list(value: Any) -> bool:
    return (
        isinstance(value, list)
        and bool(value)
        and all(isinstance(v, dict) and {"kind", "severity"} <= v.keys() for v in value)
    )


@dataclass(frozen=True)
class AwaitingOverride:
    """An override that waits for a second reviewer, with what the pipeline said."""

    review: StoredEvent
    pipeline_output: dict[str, Any]


def awaiting_override(store: AuditStore, decision_id: str) -> AwaitingOverride | None:
    """The latest review, when it is an override still waiting for a second reviewer."""
    events = store.events(decision_id=decision_id)
    reviews = [e for e in events if e.event_type == EventType.DECISION_REVIEWED]
    if not reviews or not reviews[-1].payload.get("needs_second_reviewer"):
        return None
    latest = reviews[-1]
    answered = {
        e.payload["review_event_id"] for e in events if e.event_type == EventType.OVERRIDE_CONFIRMED
    }
    if latest.event_id in answered:
        return None
    recorded = next(e for e in events if e.event_type == EventType.DECISION_RECORDED)
    return AwaitingOverride(latest, recorded.payload["output"])


def record_confirmation(
    store: AuditStore, user: User, decision_id: str, action: str, reason: str
) -> StoredEvent:
    """A second reviewer confirms or rejects the override waiting on this decision."""
    if action not in ("confirm", "reject"):
        raise ReviewError(f"unknown answer {action!r}", hint="confirm or reject the override")
    waiting = awaiting_override(store, decision_id)
    if waiting is None:
        raise ReviewError(
            "no override on this decision waits for a second reviewer",
            hint="reload the page: someone may have answered it already",
        )
    if waiting.review.actor == user.username:
        raise ReviewError(
            "the reviewer who proposed an override cannot confirm it",
            hint="another reviewer must look at it (four eyes)",
        )
    if action == "reject" and not reason.strip():
        raise ReviewError("a rejection needs a reason", hint="say why the override is wrong")
    answer = OverrideConfirmed(
        action=action,  # type: ignore[arg-type]
        role=user.role.value,
        review_event_id=waiting.review.event_id,
        proposed_by=waiting.review.actor,
        reason=reason.strip(),
    )
    [stored] = store.append(
        [
            answer.to_event(
                EventType.OVERRIDE_CONFIRMED,
                waiting.review.run_id,
                doc_id=waiting.review.doc_id,
                decision_id=decision_id,
                actor=user.username,
            )
        ]
    )
    return stored


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
        e.decision_id: e.payload for e in events if e.event_type == EventType.DECISION_RECORDED
    }
    rejected = {
        e.payload["review_event_id"]
        for e in events
        if e.event_type == EventType.OVERRIDE_CONFIRMED and e.payload["action"] == "reject"
    }
    confirmed = {
        e.payload["review_event_id"]
        for e in events
        if e.event_type == EventType.OVERRIDE_CONFIRMED and e.payload["action"] == "confirm"
    }
    latest: dict[str, StoredEvent] = {}
    for event in events:
        if event.event_type != EventType.DECISION_REVIEWED or event.event_id in rejected:
            continue
        if event.payload.get("needs_second_reviewer") and event.event_id not in confirmed:
            continue
        latest[str(event.decision_id)] = event
    counts: dict[str, list[int]] = {}
    for decision_id, review in latest.items():
        payload = decisions.get(decision_id)
        if payload is None:
            continue
        new_kinds = _flag_kinds(review.payload.get("output") or payload["output"])
        for kind in sorted({flag["kind"] for flag in payload["flags"]}):
            row = counts.setdefault(kind, [0, 0, 0, 0])
            row[0] += 1
            row[1 if review.payload["action"] == "approve" else 2] += 1
            row[3] += kind not in new_kinds
    return [Agreement(kind, *row) for kind, row in sorted(counts.items())]


def _flag_kinds(output: dict[str, Any]) -> set[str]:
    return {f["kind"] for value in output.values() if _is_flag_list(value) for f in value}
