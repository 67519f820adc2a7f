"""Reviewing like a person: the page beside the extraction, per-field corrections, four eyes on
overrides that make a decision less urgent, and a queue with reasons, counts and shortcuts.

The page renderer reads files, which is the extractors' work: the review app only knows the
`PageRenderer` protocol, and `attest serve` (flows.review_app) passes one in. Without one, the
decision page says where pages would be and the image route answers 404. The routes that use
these tools are in audit.web.routes.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Protocol

from fastapi import Request
from fastapi.responses import Response

from audit.errors import NotFound
from audit.review import AWAITING, DecisionDetail, ReviewProjection, awaiting_override
from audit.users import Permission, WebSession
from audit.web.rendering import TEMPLATES
from audit.web.schema_form import form_fields
from schemas.decision import ReviewReason
from schemas.events import (
    DecisionRecorded,
    DecisionReviewed,
    DocumentParsed,
    DocumentRedacted,
    EventType,
)
from schemas.outputs import json_schema
from schemas.page_view import PageView, PageViewRequest

STATIC = Path(__file__).parent / "static"
QUEUE_REASONS = tuple(r.value for r in ReviewReason)


class PageRenderer(Protocol):
    """A document's pages with every redacted span boxed out; None: its file is not here."""

    def __call__(self, request: PageViewRequest) -> PageView | None: ...


class ReviewTools:
    def __init__(
        self,
        projection: ReviewProjection,
        renderer: PageRenderer | None,
        four_eyes: frozenset[str],
    ) -> None:
        self.projection = projection
        self.renderer = renderer
        self.four_eyes = four_eyes

    def decision_context(self, detail: DecisionDetail, live: WebSession) -> dict[str, Any]:
        """What the decision page shows beside the decision itself."""
        decision = detail.decision
        domain = decision.typed(DecisionRecorded).domain
        store = self.projection.store
        waiting = awaiting_override(store, str(decision.decision_id))
        pages = detail.parsed.typed(DocumentParsed).pages if detail.parsed else []
        queue = self.projection.review_queue(after=decision.seq)
        return {
            "page_numbers": [p.number for p in pages] if self.renderer else [],
            "pages_unavailable": bool(pages) and self.renderer is None,
            "form_fields": form_fields(json_schema(domain), current_output(detail)),
            "four_eyes": domain in self.four_eyes,
            "waiting": waiting,
            "may_confirm": waiting is not None
            and live.user.may(Permission.REVIEW)
            and waiting.review.actor != live.user.username,
            "confirmations": store.events(
                decision_id=decision.decision_id, event_type=EventType.OVERRIDE_CONFIRMED
            ),
            "next_in_queue": queue.rows[0].decision_id if queue.rows else None,
        }

    def page_view(self, detail: DecisionDetail) -> PageView | None:
        """The decision's document pages, redacted spans boxed; None where they cannot be."""
        if self.renderer is None or detail.redacted is None or detail.parsed is None:
            return None
        redacted = detail.redacted.typed(DocumentRedacted)
        flags = detail.decision.typed(DecisionRecorded).flags
        request = PageViewRequest(
            doc_id=str(detail.decision.doc_id),
            redacted_text=redacted.redacted_text,
            redacted_text_sha256=redacted.redacted_text_sha256,
            spans=tuple((s.start, s.end) for s in redacted.spans),
            evidence=tuple(
                (f.evidence_start, f.evidence_end)
                for f in flags
                if f.evidence_start is not None and f.evidence_end is not None
            ),
            pages=tuple(detail.parsed.typed(DocumentParsed).pages),
        )
        return self.renderer(request)


def queue_context(projection: ReviewProjection, reason: str | None, state: str) -> dict[str, Any]:
    """What the queue page shows besides its rows: the reasons to filter by and what is left."""
    if reason is not None and reason not in QUEUE_REASONS:
        raise NotFound(f"no review reason {reason!r}; the reasons are {', '.join(QUEUE_REASONS)}")
    if state not in ("pending", AWAITING):
        raise NotFound(f"the queue holds decisions 'pending' or '{AWAITING}', not {state!r}")
    return {
        "reasons": QUEUE_REASONS,
        "reason": reason,
        "state": state,
        "awaiting_state": AWAITING,
        "left": projection.queue_counts(),
    }


def current_output(detail: DecisionDetail) -> dict[str, Any]:
    """The value the form starts from: the latest override in effect, else the pipeline's."""
    output: dict[str, Any] = detail.decision.typed(DecisionRecorded).output
    if detail.review_state == "overridden":
        for review in reversed(detail.reviews):
            overridden = review.typed(DecisionReviewed).output
            if overridden is not None:
                return dict(overridden)
    return output


def error_page(request: Request, live: WebSession, message: str, decision_id: str) -> Response:
    """A failed review action, with the way back to its decision."""
    return TEMPLATES.TemplateResponse(
        request,
        "error.html",
        {"session": live, "message": message, "back": f"/decisions/{decision_id}"},
        status_code=400,
    )
