"""The review queue: what the pipeline routed to review and no one has reviewed yet."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from audit.users import Permission
from audit.web.context import WebContext
from audit.web.rendering import page
from audit.web.review_tools import queue_context
from audit.web.security import Cursor
from audit.web.session import Session, require


def router(context: WebContext) -> APIRouter:
    routes = APIRouter()
    projection = context.projection

    @routes.get("/review")
    def review_queue(
        request: Request,
        live: Session,
        after: Cursor = None,
        reason: str | None = None,
        state: str = "pending",
    ) -> Response:
        require(live, Permission.READ)
        extra = queue_context(projection, reason or None, state)
        found = projection.review_queue(after=after, reason=reason or None, state=state)
        return page(request, "queue.html", live, found=found, **extra)

    return routes
