"""Four eyes on corrections: which fields an override changes, which changes need a second
reviewer, and the override still waiting for one.

A change is critical when it makes a decision less urgent: a higher ESI triage number (1 is
the most urgent), or a high-severity flag of the pipeline's that the new value no longer has
at high severity. Such an override is recorded at once but takes effect only when another
reviewer confirms it; until then the decision shows both values.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from audit.store import AuditStore
from schemas.events import (
    DecisionRecorded,
    DecisionReviewed,
    EventType,
    OverrideConfirmed,
    StoredEvent,
)

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
        if not is_flag_list(flags):
            continue
        kept = {f["kind"] for f in after.get(name) or [] if f.get("severity") == "high"}
        for flag in flags:
            if flag.get("severity") == "high" and flag["kind"] not in kept:
                found.append(f"removes the high-severity flag {flag['kind']}")
    return found


def is_flag_list(value: Any) -> bool:
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
    if not reviews or not reviews[-1].typed(DecisionReviewed).needs_second_reviewer:
        return None
    latest = reviews[-1]
    answered = {
        e.typed(OverrideConfirmed).review_event_id
        for e in events
        if e.event_type == EventType.OVERRIDE_CONFIRMED
    }
    if latest.event_id in answered:
        return None
    recorded = next(e for e in events if e.event_type == EventType.DECISION_RECORDED)
    return AwaitingOverride(latest, recorded.typed(DecisionRecorded).output)
