"""What the review app appends to the trail: a look at a decision, a reviewer's approval or
override, a second reviewer's answer to an override (four eyes), and an export.

Nothing recorded is ever changed: a review is a new event beside the decision. An override
that makes a decision less urgent waits for a second reviewer when its domain asks for four
eyes, and always when it falls below the safety floor: the deterministic rules' triage level
for the same redacted text (`OverrideFloor`). The floor's verdict, with both levels, is
recorded in the review.
"""

from __future__ import annotations

import json
from typing import Any, Protocol

from pydantic import ValidationError

from audit.errors import ReviewError
from audit.review.four_eyes import awaiting_override, changed_fields, critical_changes
from audit.review.projection import ReviewProjection
from audit.review.views import DecisionDetail
from audit.store import AuditStore
from audit.users import User
from schemas.canonical import sha256_of
from schemas.decision import ReviewReason, Routing
from schemas.document import Domain
from schemas.events import (
    DecisionRecorded,
    DecisionReviewed,
    DecisionViewed,
    DocumentRedacted,
    EventType,
    NewEvent,
    OverrideConfirmed,
    Payload,
    ReviewAction,
    RunExported,
    StoredEvent,
)
from schemas.outputs import OUTPUT_MODELS


class OverrideFloor(Protocol):
    """The deterministic rules' verdict on a reviewer's corrected output. The rules are the
    extractors' work, which the audit layer does not import: `attest serve` passes in
    `extractors.routing.check_override`."""

    def __call__(self, domain: Domain, redacted_text: str, output: dict[str, Any]) -> Routing: ...


class ReviewLedger:
    """Appends people's review events to one audit store and keeps its projection current."""

    def __init__(
        self, store: AuditStore, projection: ReviewProjection, floor: OverrideFloor | None = None
    ) -> None:
        self.store = store
        self.projection = projection
        self.floor = floor

    def record_view(self, user: User, decision: StoredEvent) -> None:
        viewed = DecisionViewed(role=user.role.value)
        self.store.append([_about(decision, viewed, EventType.DECISION_VIEWED, user)])

    def record_review(
        self,
        user: User,
        detail: DecisionDetail,
        action: ReviewAction,
        reason: str,
        new_output: str | None = None,
        *,
        four_eyes: bool = False,
    ) -> StoredEvent:
        """Append an approval or an override; the recorded decision is never touched. With
        `four_eyes`, an override that makes the decision less urgent waits for a second
        reviewer; one below the safety floor always does."""
        reason = reason.strip()
        recorded = detail.decision.typed(DecisionRecorded)
        output: dict[str, Any] | None = None
        if action == "override":
            if not reason:
                raise ReviewError(
                    "an override needs a reason", hint="say why the pipeline's value is wrong"
                )
            output = _valid_output(recorded.domain, new_output or "")
        before = recorded.output
        critical = critical_changes(before, output) if output is not None and four_eyes else []
        routing = self._floor_verdict(detail, output)
        if routing is not None and ReviewReason.BELOW_SAFETY_FLOOR in routing.review_reasons:
            critical.append(
                f"below the safety floor: ESI {routing.proposed_triage_level} is less urgent "
                f"than the rules' ESI {routing.rules_triage_level}"
            )
        review = DecisionReviewed(
            action=action,
            role=user.role.value,
            reason=reason,
            output=output,
            output_sha256=sha256_of(output) if output is not None else None,
            replaces_output_sha256=recorded.output_sha256,
            changed_fields=changed_fields(before, output) if output is not None else [],
            critical_changes=critical,
            needs_second_reviewer=bool(critical),
            routing=routing,
        )
        [stored] = self.store.append(
            [_about(detail.decision, review, EventType.DECISION_REVIEWED, user)]
        )
        self.projection.sync()
        return stored

    def _floor_verdict(
        self, detail: DecisionDetail, output: dict[str, Any] | None
    ) -> Routing | None:
        """The rules' verdict on an override, read from the redacted text the decision was
        made on; None for an approval, or where there is no floor or no redacted text."""
        if output is None or self.floor is None or detail.redacted is None:
            return None
        redacted = detail.redacted.typed(DocumentRedacted)
        domain = detail.decision.typed(DecisionRecorded).domain
        return self.floor(domain, redacted.redacted_text, output)

    def record_confirmation(
        self, user: User, decision_id: str, action: str, reason: str
    ) -> StoredEvent:
        """A second reviewer confirms or rejects the override waiting on this decision."""
        if action not in ("confirm", "reject"):
            raise ReviewError(f"unknown answer {action!r}", hint="confirm or reject the override")
        waiting = awaiting_override(self.store, decision_id)
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
        [stored] = self.store.append(
            [_about(waiting.review, answer, EventType.OVERRIDE_CONFIRMED, user)]
        )
        self.projection.sync()
        return stored

    def record_export(self, user: User, run_id: str, fmt: str, decisions: int, sha256: str) -> None:
        export = RunExported(
            format=fmt,  # type: ignore[arg-type]
            role=user.role.value,
            decisions=decisions,
            sha256=sha256,
        )
        self.store.append([export.to_event(EventType.RUN_EXPORTED, run_id, actor=user.username)])


def _about(
    decision: StoredEvent,
    payload: Payload,
    event_type: EventType,
    user: User,
) -> NewEvent:
    """The event `user` appends about the decision (or the review) `decision`."""
    return payload.to_event(
        event_type,
        decision.run_id,
        doc_id=decision.doc_id,
        decision_id=decision.decision_id,
        actor=user.username,
    )


def _valid_output(domain: str, text: str) -> dict[str, Any]:
    try:
        value = json.loads(text)
    except json.JSONDecodeError as error:
        raise ReviewError(
            f"the new value is not JSON: {error.msg} at line {error.lineno}",
            hint="edit the structured output shown and keep it valid JSON",
        ) from None
    try:
        model = OUTPUT_MODELS[domain].model_validate(value)  # type: ignore[index]
    except ValidationError as error:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e['loc']) or 'value'}: {e['msg']}" for e in error.errors()
        )
        raise ReviewError(
            f"the new value does not fit the {domain} schema: {problems}",
            hint="only values the output schema allows can be recorded",
        ) from None
    dumped: dict[str, Any] = model.model_dump(mode="json")
    return dumped
