"""The document's pages beside the extraction, every redacted span boxed out; each look is
recorded in the trail."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import FileResponse, Response

from audit.errors import NotFound
from audit.users import Permission
from audit.web.context import WebContext
from audit.web.review_tools import STATIC
from audit.web.session import Session, require
from schemas.events import DecisionPagesViewed, EventType


def router(context: WebContext) -> APIRouter:
    routes = APIRouter()
    tools = context.tools

    @routes.get("/static/review.js", include_in_schema=False)
    def script() -> Response:
        return FileResponse(STATIC / "review.js", media_type="text/javascript")

    @routes.get("/decisions/{decision_id}/pages/{number}.png")
    def page_image(decision_id: str, number: int, live: Session) -> Response:
        require(live, Permission.READ)
        detail = context.decision(decision_id)
        view = tools.page_view(detail)
        page = next((p for p in view.pages if p.number == number), None) if view else None
        if page is None:
            raise NotFound(
                f"page {number} of this decision's document cannot be shown: its processed "
                "file is not in this server's output folder (attest serve --out)"
            )
        viewed = DecisionPagesViewed(role=live.user.role.value, page=number, covered=page.covered)
        decision = detail.decision
        context.store.append(
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

    return routes
