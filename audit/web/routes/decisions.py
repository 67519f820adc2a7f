"""The decisions: browsing them by filter, one decision's page (each look recorded), and a
reviewer's word on it: approve, override (as JSON or field by field), or, for an override
waiting for a second reviewer, confirm or reject."""

from __future__ import annotations

import json
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response

from audit.errors import Forbidden, ReviewError
from audit.review import DecisionDetail, DecisionFilters, awaiting_override
from audit.users import Permission
from audit.web.context import WebContext
from audit.web.highlight import highlighted
from audit.web.rendering import page
from audit.web.review_tools import error_page
from audit.web.schema_form import read_form
from audit.web.security import Cursor
from audit.web.session import Session, check_csrf, require
from schemas.events import DecisionRecorded, ReviewAction
from schemas.outputs import json_schema

REVIEW_ACTIONS: dict[str, ReviewAction] = {"approve": "approve", "override": "override"}


def router(context: WebContext) -> APIRouter:
    routes = APIRouter()
    projection, ledger, tools = context.projection, context.ledger, context.tools

    def record_review(
        live: Session, detail: DecisionDetail, action: str, reason: str, output: str | None
    ) -> None:
        """A reviewer's word on a decision; four eyes where its domain asks for them."""
        chosen = REVIEW_ACTIONS.get(action)
        if chosen is None:
            raise Forbidden(f"unknown review action {action!r}")
        domain = detail.decision.typed(DecisionRecorded).domain
        ledger.record_review(
            live.user, detail, chosen, reason, output, four_eyes=domain in context.four_eyes
        )

    def reviewed(decision_id: str) -> Response:
        return RedirectResponse(f"/decisions/{decision_id}#history", status_code=303)

    @routes.get("/decisions")
    def decisions(
        request: Request,
        live: Session,
        run: str | None = None,
        domain: str | None = None,
        flag: str | None = None,
        review: str | None = None,
        model: str | None = None,
        since: str | None = None,
        until: str | None = None,
        before: Cursor = None,
    ) -> Response:
        require(live, Permission.READ)
        filters = DecisionFilters(run, domain, flag, review, model, since, until)
        page_found = projection.decisions(filters, before=before)
        return page(
            request,
            "decisions.html",
            live,
            filters=filters,
            facets=projection.facets(),
            found=page_found,
            next_query=(filters.as_query() | {"before": str(page_found.next_before)})
            if page_found.next_before
            else None,
        )

    @routes.get("/decisions/{decision_id}")
    def decision(
        request: Request, decision_id: str, live: Session, error: str | None = None
    ) -> Response:
        require(live, Permission.READ)
        detail = context.decision(decision_id)
        ledger.record_view(live.user, detail.decision)
        return page(
            request,
            "decision.html",
            live,
            d=detail,
            p=detail.decision.payload,
            segments=highlighted(detail.redacted, detail.decision.typed(DecisionRecorded).flags),
            may_review=live.user.may(Permission.REVIEW),
            error=error,
            **tools.decision_context(detail, live),
            status_code=400 if error else 200,
        )

    @routes.post("/decisions/{decision_id}/review")
    def review(
        request: Request,
        decision_id: str,
        live: Session,
        action: Annotated[str, Form()],
        csrf_token: Annotated[str, Form()] = "",
        reason: Annotated[str, Form()] = "",
        output: Annotated[str, Form()] = "",
    ) -> Response:
        require(live, Permission.REVIEW)
        check_csrf(live, csrf_token)
        detail = context.decision(decision_id)
        try:
            record_review(live, detail, action, reason, output if action == "override" else None)
        except ReviewError as failure:
            return decision(request, decision_id, live, error=str(failure))
        return reviewed(decision_id)

    @routes.post("/decisions/{decision_id}/correct")
    async def correct(request: Request, decision_id: str, live: Session) -> Response:
        require(live, Permission.REVIEW)
        form = await request.form()
        check_csrf(live, str(form.get("csrf_token", "")))
        detail = context.decision(decision_id)
        domain = detail.decision.typed(DecisionRecorded).domain
        items = [(k, v) for k, v in form.multi_items() if isinstance(v, str)]
        value = read_form(json_schema(domain), items)
        try:
            record_review(live, detail, "override", str(form.get("reason", "")), json.dumps(value))
        except ReviewError as failure:
            return error_page(request, live, str(failure), decision_id)
        return reviewed(decision_id)

    @routes.post("/decisions/{decision_id}/confirm")
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
        waiting = awaiting_override(context.store, decision_id)
        if waiting is not None and waiting.review.actor == live.user.username:
            raise Forbidden(
                "you proposed this override: another reviewer must confirm it (four eyes)"
            )
        try:
            ledger.record_confirmation(live.user, decision_id, action, reason)
        except ReviewError as failure:
            return error_page(request, live, str(failure), decision_id)
        return reviewed(decision_id)

    return routes
