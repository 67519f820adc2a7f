"""Reviewing like a person: the page beside the extraction, per-field corrections, four eyes on
overrides that make a decision less urgent, and a queue with reasons, counts and shortcuts.

The page renderer reads files, which is the extractors' work: the review app only knows the
`PageRenderer` protocol, and `attest serve` (flows.review_app) passes one in. Without one, the
decision page says where pages would be and the image route answers 404.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any, Protocol

from fastapi import FastAPI, Form, Request
from fastapi.responses import FileResponse, RedirectResponse, Response

from audit.corrections import AWAITING, awaiting_override, record_confirmation
from audit.errors import ReviewError
from audit.review import DecisionDetail, ReviewLedger
from audit.users import Permission, WebSession
from audit.web.app import TEMPLATES, Forbidden, NotFound, Session, check_csrf, require
from audit.web.schema_form import form_fields, read_form
from schemas.decision import ReviewReason
from schemas.events import DecisionPagesViewed, EventType
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
        ledger: ReviewLedger,
        renderer: PageRenderer | None,
        four_eyes: frozenset[str],
    ) -> None:
        self.ledger = ledger
        self.renderer = renderer
        self.four_eyes = four_eyes

    # -- what the decision page adds -------------------------------------------------------

    def decision_context(self, detail: DecisionDetail, live: WebSession) -> dict[str, Any]:
        decision = detail.decision
        domain = decision.payload["domain"]
        waiting = awaiting_override(self.ledger.store, str(decision.decision_id))
        pages = detail.parsed.payload["pages"] if detail.parsed else []
        queue = self.ledger.review_queue(after=decision.seq)
        return {
            "page_numbers": [p["number"] for p in pages] if self.renderer else [],
            "pages_unavailable": bool(pages) and self.renderer is None,
            "form_fields": form_fields(json_schema(domain), _current_output(detail)),
            "four_eyes": domain in self.four_eyes,
            "waiting": waiting,
            "may_confirm": waiting is not None
            and live.user.may(Permission.REVIEW)
            and waiting.review.actor != live.user.username,
            "confirmations": self.ledger.store.events(
                decision_id=decision.decision_id, event_type=EventType.OVERRIDE_CONFIRMED
            ),
            "next_in_queue": queue.rows[0].decision_id if queue.rows else None,
        }

    # -- routes ----------------------------------------------------------------------------

    def install(self, app: FastAPI) -> None:
        ledger = self.ledger

        @app.get("/static/review.js", include_in_schema=False)
        def script() -> Response:
            return FileResponse(STATIC / "review.js", media_type="text/javascript")

        @app.get("/decisions/{decision_id}/pages/{number}.png")
        def page_image(decision_id: str, number: int, live: Session) -> Response:
            require(live, Permission.READ)
            detail = ledger.decision(decision_id)
            if detail is None:
                raise NotFound(f"no decision {decision_id} in this audit store")
            view = self._pages(detail)
            page = next((p for p in view.pages if p.number == number), None) if view else None
            if page is None:
                raise NotFound(
                    f"page {number} of this decision's document cannot be shown: its processed "
                    "file is not in this server's output folder (attest serve --out)"
                )
            viewed = DecisionPagesViewed(
                role=live.user.role.value, page=number, covered=page.covered
            )
            decision = detail.decision
            ledger.store.append(
                [
                    viewed.to_event(
                        EventType.DECISION_PAGES_VIEWED,
                        decision.run_id,
                        doc_id=decision.doc_id,
                        decision_id=decision.decision_id,
                        actor=live.user.username,
                    )
                ]
            )
            return Response(page.png, media_type="image/png")

        @app.post("/decisions/{decision_id}/correct")
        async def correct(request: Request, decision_id: str, live: Session) -> Response:
            require(live, Permission.REVIEW)
            form = await request.form()
            check_csrf(live, str(form.get("csrf_token", "")))
            detail = ledger.decision(decision_id)
            if detail is None:
                raise NotFound(f"no decision {decision_id} in this audit store")
            domain = detail.decision.payload["domain"]
            items = [(k, v) for k, v in form.multi_items() if isinstance(v, str)]
            value = read_form(json_schema(domain), items)
            try:
                ledger.record_review(
                    live.user,
                    detail.decision,
                    "override",
                    str(form.get("reason", "")),
                    json.dumps(value),
                    four_eyes=domain in self.four_eyes,
                )
            except ReviewError as failure:
                return _error(request, live, str(failure), decision_id)
            return RedirectResponse(f"/decisions/{decision_id}#history", status_code=303)

        @app.post("/decisions/{decision_id}/confirm")
        def confirm(
            request: Request,
            decision_id: str,
            live: Session,
            action: Annotated[str, Form()],
            csrf_token: Annotated[str, Form()] = "",
            reason: Annotated[str, Form()] = "",
        ) -> Response:
            require(live, Permission.REVIEW)
            check_csrf(live, csrf_token)
            waiting = awaiting_override(ledger.store, decision_id)
            if waiting is not None and waiting.review.actor == live.user.username:
                raise Forbidden(
                    "you proposed this override: another reviewer must confirm it (four eyes)"
                )
            try:
                record_confirmation(ledger.store, live.user, decision_id, action, reason)
            except ReviewError as failure:
                return _error(request, live, str(failure), decision_id)
            ledger.sync()
            return RedirectResponse(f"/decisions/{decision_id}#history", status_code=303)

    def _pages(self, detail: DecisionDetail) -> PageView | None:
        if self.renderer is None or detail.redacted is None or detail.parsed is None:
            return None
        redacted = detail.redacted.payload
        flags = detail.decision.payload["flags"]
        request = PageViewRequest(
            doc_id=str(detail.decision.doc_id),
            redacted_text=redacted["redacted_text"],
            redacted_text_sha256=redacted["redacted_text_sha256"],
            spans=tuple((s["start"], s["end"]) for s in redacted["spans"]),
            evidence=tuple(
                (f["evidence_start"], f["evidence_end"])
                for f in flags
                if f.get("evidence_start") is not None and f.get("evidence_end") is not None
            ),
            pages=tuple(detail.parsed.payload["pages"]),
        )
        return self.renderer(request)


def queue_context(ledger: ReviewLedger, reason: str | None, state: str) -> dict[str, Any]:
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
        "left": ledger.queue_counts(),
    }


def _current_output(detail: DecisionDetail) -> dict[str, Any]:
    """The value the form starts from: the latest override in effect, else the pipeline's."""
    output: dict[str, Any] = detail.decision.payload["output"]
    if detail.review_state == "overridden":
        for review in reversed(detail.reviews):
            if review.payload.get("output") is not None:
                return dict(review.payload["output"])
    return output


def _error(request: Request, live: WebSession, message: str, decision_id: str) -> Response:
    return TEMPLATES.TemplateResponse(
        request,
        "error.html",
        {"session": live, "message": message, "back": f"/decisions/{decision_id}"},
        status_code=400,
    )
