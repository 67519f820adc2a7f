"""The runs: the list, and one run with its flags and how often reviewers agreed."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from audit.errors import NotFound
from audit.review import agreement_by_flag
from audit.users import Permission
from audit.web.context import WebContext
from audit.web.rendering import page
from audit.web.session import Session, require


def router(context: WebContext) -> APIRouter:
    routes = APIRouter()
    projection = context.projection

    @routes.get("/")
    def home(live: Session) -> Response:
        return RedirectResponse("/runs", status_code=303)

    @routes.get("/runs")
    def runs(request: Request, live: Session) -> Response:
        require(live, Permission.READ)
        return page(request, "runs.html", live, runs=projection.runs())

    @routes.get("/runs/{run_id}")
    def run(request: Request, run_id: str, live: Session) -> Response:
        require(live, Permission.READ)
        summary = projection.run(run_id)
        if summary is None:
            raise NotFound(f"no run {run_id} in this audit store")
        flags = projection.flags_by_kind(run_id)
        return page(
            request,
            "run.html",
            live,
            run=summary,
            flags=flags,
            widest=max((n for _, n in flags), default=1),
            bundles=context.bundle_writer is not None,
            agreement=agreement_by_flag(context.store, run_id),
        )

    return routes
