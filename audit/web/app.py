"""The review app: server-rendered pages over the audit store for compliance officers.

Every route but /login and /healthz needs a live session; each action needs its role's
permission (audit.users.PERMISSIONS); each form carries the session's CSRF token. Opening a
decision and exporting a run append events naming the user. Nothing is edited in place: a
review is a new event. URLs carry ids and filter values only, never document content.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import math
import secrets
import tempfile
import zipfile
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Form, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import PlainTextResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates

from audit.corrections import agreement_by_flag
from audit.errors import AuditError, ReviewError
from audit.logins import LoginGate, LoginPolicy
from audit.review import DecisionFilters, ReviewLedger, first_records
from audit.store import AuditStore
from audit.users import Permission, UserDirectory, WebSession
from audit.web import security
from audit.web.highlight import highlighted
from audit.web.security import Cursor
from schemas.document import DOMAINS
from schemas.events import EventType

SESSION_COOKIE = "attest_session"
LOGIN_CSRF_COOKIE = "attest_login_csrf"
TEMPLATES = Jinja2Templates(directory=str(Path(__file__).parent / "templates"))
TEMPLATES.env.filters["pretty_json"] = lambda value: json.dumps(value, indent=2, sort_keys=True)

# Writes a run's evidence bundle into a folder and returns the manifest path. The bundle needs
# the installed schemas and prompts, which only the flows layer knows, so it is passed in.
BundleWriter = Callable[[AuditStore, str, Path], Path]


class LoginRequired(Exception):
    pass


class Forbidden(Exception):
    def __init__(self, message: str) -> None:
        self.message = message


class NotFound(Exception):
    def __init__(self, message: str) -> None:
        self.message = message


def require(live: WebSession, permission: Permission) -> None:
    if not live.user.may(permission):
        raise Forbidden(
            f"your role ({live.user.role}) may not {permission.value}; ask an administrator"
        )


def check_csrf(live: WebSession, token: str) -> None:
    if not secrets.compare_digest(live.csrf_token.encode(), token.encode()):
        raise Forbidden("the form has expired or did not come from this app; reload the page")


def _live_session(request: Request) -> WebSession:
    token = request.cookies.get(SESSION_COOKIE)
    users: UserDirectory = request.app.state.users
    live = users.session(token) if token else None
    if live is None:
        raise LoginRequired
    return live


# Module level: FastAPI resolves the (postponed) annotations in the module's namespace.
Session = Annotated[WebSession, Depends(_live_session)]


def create_app(
    store: AuditStore,
    *,
    session_minutes: int = 60,
    secure_cookies: bool = False,
    bundle_writer: BundleWriter | None = None,
    page_renderer: PageRenderer | None = None,
    four_eyes: frozenset[str] = frozenset(DOMAINS),
    login_policy: LoginPolicy | None = None,
) -> FastAPI:
    app = FastAPI(title="attest review", docs_url=None, redoc_url=None, openapi_url=None)
    users = UserDirectory(store)
    gate = LoginGate(users, store, login_policy or LoginPolicy())
    ledger = ReviewLedger(store)
    tools = ReviewTools(ledger, page_renderer, four_eyes)
    lifetime = timedelta(minutes=session_minutes)
    app.state.users = users

    def page(request: Request, template: str, live: WebSession | None, **context: Any) -> Response:
        status = context.pop("status_code", 200)
        return TEMPLATES.TemplateResponse(
            request, template, {"session": live, **context}, status_code=status
        )

    security.install(app)  # headers on every response, errors included

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

    # -- login -----------------------------------------------------------------------------

    @app.get("/healthz", include_in_schema=False)
    def healthz() -> PlainTextResponse:
        return PlainTextResponse("ok")

    @app.get("/login")
    def login_form(request: Request) -> Response:
        csrf = secrets.token_urlsafe(32)
        response = page(request, "login.html", None, csrf_token=csrf)
        _set_cookie(response, LOGIN_CSRF_COOKIE, csrf, 600, secure_cookies)
        return response

    @app.post("/login")
    def login(
        request: Request,
        username: Annotated[str, Form()],
        password: Annotated[str, Form()],
        csrf_token: Annotated[str, Form()] = "",
    ) -> Response:
        expected = request.cookies.get(LOGIN_CSRF_COOKIE, "")
        if not expected or not secrets.compare_digest(expected.encode(), csrf_token.encode()):
            raise Forbidden("the login form has expired; reload the page")
        client = request.client.host if request.client else "unknown"
        outcome = gate.attempt(username, password, client)
        user = outcome.user
        if user is None:
            fresh = secrets.token_urlsafe(32)
            wait_s = math.ceil(outcome.retry_after_s)
            response = page(
                request,
                "login.html",
                None,
                csrf_token=fresh,
                error=f"too many failed logins: try again in {wait_s} seconds"
                if wait_s
                else "unknown user or wrong password",
                status_code=429 if wait_s else 401,
            )
            if wait_s:
                response.headers["Retry-After"] = str(wait_s)
            _set_cookie(response, LOGIN_CSRF_COOKIE, fresh, 600, secure_cookies)
            return response
        token, _ = users.open_session(user, lifetime)
        gate.record_success(user, client, token)
        response = RedirectResponse("/runs", status_code=303)
        _set_cookie(response, SESSION_COOKIE, token, int(lifetime.total_seconds()), secure_cookies)
        response.delete_cookie(LOGIN_CSRF_COOKIE)
        return response

    @app.post("/logout")
    def logout(
        request: Request, live: Session, csrf_token: Annotated[str, Form()] = ""
    ) -> Response:
        check_csrf(live, csrf_token)
        users.close_session(request.cookies.get(SESSION_COOKIE, ""))
        response = RedirectResponse("/login", status_code=303)
        response.delete_cookie(SESSION_COOKIE)
        return response

    # -- runs ------------------------------------------------------------------------------

    @app.get("/")
    def home(live: Session) -> Response:
        return RedirectResponse("/runs", status_code=303)

    @app.get("/runs")
    def runs(request: Request, live: Session) -> Response:
        require(live, Permission.READ)
        return page(request, "runs.html", live, runs=ledger.runs())

    @app.get("/runs/{run_id}")
    def run(request: Request, run_id: str, live: Session) -> Response:
        require(live, Permission.READ)
        summary = ledger.run(run_id)
        if summary is None:
            raise NotFound(f"no run {run_id} in this audit store")
        flags = ledger.flags_by_kind(run_id)
        return page(
            request,
            "run.html",
            live,
            run=summary,
            flags=flags,
            widest=max((n for _, n in flags), default=1),
            bundles=bundle_writer is not None,
            agreement=agreement_by_flag(store, run_id),
        )

    @app.post("/runs/{run_id}/export.csv")
    def export_csv(run_id: str, live: Session, csrf_token: Annotated[str, Form()] = "") -> Response:
        require(live, Permission.EXPORT)
        check_csrf(live, csrf_token)
        decisions = first_records(
            store.events(run_id=run_id, event_type=EventType.DECISION_RECORDED)
        )
        if not decisions:
            raise NotFound(f"run {run_id} has no decisions to export")
        data = _decisions_csv(ledger, decisions).encode()
        ledger.record_export(
            live.user, run_id, "csv", len(decisions), hashlib.sha256(data).hexdigest()
        )
        return _download(data, f"attest-{run_id}-decisions.csv", "text/csv")

    @app.post("/runs/{run_id}/bundle.zip")
    def export_bundle(
        run_id: str, live: Session, csrf_token: Annotated[str, Form()] = ""
    ) -> Response:
        require(live, Permission.EXPORT)
        check_csrf(live, csrf_token)
        if bundle_writer is None:
            raise NotFound("evidence bundles are not available from this server")
        if not store.events(run_id=run_id, event_type=EventType.RUN_STARTED):
            raise NotFound(f"no run {run_id} in this audit store")
        with tempfile.TemporaryDirectory(prefix="attest-bundle-") as tmp:
            folder = Path(tmp) / f"attest-{run_id}"
            bundle_writer(store, run_id, folder)
            data = _zip(folder)
        decisions = len(store.events(run_id=run_id, event_type=EventType.DECISION_RECORDED))
        ledger.record_export(
            live.user, run_id, "bundle", decisions, hashlib.sha256(data).hexdigest()
        )
        return _download(data, f"attest-{run_id}-bundle.zip", "application/zip")

    # -- decisions -------------------------------------------------------------------------

    @app.get("/decisions")
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
        found = ledger.decisions(filters, before=before)
        return page(
            request,
            "decisions.html",
            live,
            filters=filters,
            facets=ledger.facets(),
            found=found,
            next_query=(filters.as_query() | {"before": str(found.next_before)})
            if found.next_before
            else None,
        )

    @app.get("/review")
    def review_queue(
        request: Request,
        live: Session,
        after: Cursor = None,
        reason: str | None = None,
        state: str = "pending",
    ) -> Response:
        require(live, Permission.READ)
        extra = queue_context(ledger, reason or None, state)
        found = ledger.review_queue(after=after, reason=reason or None, state=state)
        return page(request, "queue.html", live, found=found, **extra)

    @app.get("/decisions/{decision_id}")
    def decision(
        request: Request, decision_id: str, live: Session, error: str | None = None
    ) -> Response:
        require(live, Permission.READ)
        detail = ledger.decision(decision_id)
        if detail is None:
            raise NotFound(f"no decision {decision_id} in this audit store")
        ledger.record_view(live.user, detail.decision)
        return page(
            request,
            "decision.html",
            live,
            d=detail,
            p=detail.decision.payload,
            segments=highlighted(detail.redacted, detail.decision.payload["flags"]),
            may_review=live.user.may(Permission.REVIEW),
            error=error,
            **tools.decision_context(detail, live),
            status_code=400 if error else 200,
        )

    @app.post("/decisions/{decision_id}/review")
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
        detail = ledger.decision(decision_id)
        if detail is None:
            raise NotFound(f"no decision {decision_id} in this audit store")
        if action not in ("approve", "override"):
            raise Forbidden(f"unknown review action {action!r}")
        try:
            ledger.record_review(
                live.user,
                detail.decision,
                action,  # type: ignore[arg-type]
                reason,
                output if action == "override" else None,
                four_eyes=detail.decision.payload["domain"] in four_eyes,
            )
        except ReviewError as failure:
            return decision(request, decision_id, live, error=str(failure))
        return RedirectResponse(f"/decisions/{decision_id}#history", status_code=303)

    tools.install(app)
    return app


def _set_cookie(response: Response, name: str, value: str, max_age: int, secure: bool) -> None:
    response.set_cookie(
        name, value, max_age=max_age, httponly=True, samesite="strict", secure=secure, path="/"
    )


def _download(data: bytes, filename: str, media_type: str) -> Response:
    return Response(
        data,
        media_type=media_type,
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


def _zip(folder: Path) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                archive.write(path, Path(folder.name) / path.relative_to(folder))
    return buffer.getvalue()


def _decisions_csv(ledger: ReviewLedger, decisions: list[Any]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(
        [
            "decision_id",
            "run_id",
            "document_id",
            "chain_seq",
            "recorded_at",
            "domain",
            "backend",
            "model_id",
            "revision",
            "flags",
            "review_reasons",
            "review_state",
            "latest_review_by",
            "output_sha256",
            "summary",
        ]
    )
    for event in decisions:
        p = event.payload
        detail = ledger.decision(event.decision_id)
        reviews = detail.reviews if detail else []
        writer.writerow(
            [
                event.decision_id,
                event.run_id,
                event.doc_id,
                event.seq,
                event.created_at,
                p["domain"],
                p["identity"]["backend"],
                p["identity"]["model_id"],
                p["identity"]["revision"],
                "; ".join(f"{f['kind']} ({f['severity']})" for f in p["flags"]),
                "; ".join(p["review_reasons"]),
                detail.review_state if detail else "",
                reviews[-1].actor if reviews else "",
                p["output_sha256"],
                p["summary"],
            ]
        )
    return buffer.getvalue()


# At the end: review_tools builds on this module's session and error types above.
from audit.web.review_tools import PageRenderer, ReviewTools, queue_context  # noqa: E402

__all__ = ["AuditError", "BundleWriter", "PageRenderer", "create_app"]
