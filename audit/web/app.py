"""The review app: server-rendered pages over the audit store for compliance officers.

Every route but /login and /healthz needs a live session; each action needs its role's
permission (audit.users.PERMISSIONS); each form carries the session's CSRF token. Opening a
decision and exporting a run append events naming the user. Nothing is edited in place: a
review is a new event. URLs carry ids and filter values only, never document content.

This module builds the app and answers its errors; the routes are in audit.web.routes.
"""

from __future__ import annotations

from datetime import timedelta

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import PlainTextResponse, RedirectResponse, Response

from audit.errors import AuditError, Forbidden, LoginRequired, NotFound
from audit.logins import LoginGate, LoginPolicy
from audit.review import OverrideFloor, ReviewLedger, ReviewProjection
from audit.store import AuditStore
from audit.users import UserDirectory
from audit.web import security
from audit.web.context import BundleWriter, WebContext
from audit.web.rendering import page
from audit.web.review_tools import PageRenderer, ReviewTools
from audit.web.routes import install_routes
from audit.web.session import SESSION_COOKIE
from schemas.document import DOMAINS


def create_app(
    store: AuditStore,
    *,
    session_minutes: int = 60,
    secure_cookies: bool = False,
    bundle_writer: BundleWriter | None = None,
    page_renderer: PageRenderer | None = None,
    four_eyes: frozenset[str] = frozenset(DOMAINS),
    login_policy: LoginPolicy | None = None,
    override_floor: OverrideFloor | None = None,
) -> FastAPI:
    """The app over `store`. The page renderer, the bundle writer and the safety floor over
    overrides are the flows' and extractors' work, passed in (`attest serve` passes all
    three); without one, its part of the app says it is not available, or checks nothing."""
    app = FastAPI(title="attest review", docs_url=None, redoc_url=None, openapi_url=None)
    users = UserDirectory(store)
    projection = ReviewProjection(store)
    context = WebContext(
        store=store,
        users=users,
        gate=LoginGate(users, store, login_policy or LoginPolicy()),
        projection=projection,
        ledger=ReviewLedger(store, projection, override_floor),
        tools=ReviewTools(projection, page_renderer, four_eyes),
        four_eyes=four_eyes,
        bundle_writer=bundle_writer,
        session_lifetime=timedelta(minutes=session_minutes),
        secure_cookies=secure_cookies,
    )
    app.state.users = users
    security.install(app)  # headers on every response, errors included
    _answer_errors(app)
    install_routes(app, context)
    return app


def _answer_errors(app: FastAPI) -> None:
    @app.exception_handler(LoginRequired)
    async def login_required(request: Request, _: LoginRequired) -> Response:
        if request.method == "GET":
            return RedirectResponse("/login", status_code=303)
        return PlainTextResponse("log in first", status_code=401)

    @app.exception_handler(Forbidden)
    async def forbidden(request: Request, error: Forbidden) -> Response:
        return page(request, "error.html", None, message=error.message, status_code=403)

    @app.exception_handler(RequestValidationError)
    async def incomplete(request: Request, error: RequestValidationError) -> Response:
        fields = "; ".join(f"{e['loc'][-1]}: {e['msg']}" for e in error.errors())
        message = f"the request is incomplete or malformed ({fields}); go back and try again"
        return page(request, "error.html", None, message=message, status_code=400)

    @app.exception_handler(NotFound)
    async def not_found(request: Request, error: NotFound) -> Response:
        return page(request, "error.html", None, message=error.message, status_code=404)


__all__ = [
    "SESSION_COOKIE",
    "AuditError",
    "BundleWriter",
    "OverrideFloor",
    "PageRenderer",
    "create_app",
]
