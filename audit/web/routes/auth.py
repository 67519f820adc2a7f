"""Logging in and out (and the health check, the one other route open without a session)."""

from __future__ import annotations

import math
import secrets
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import PlainTextResponse, RedirectResponse, Response

from audit.errors import Forbidden
from audit.web.context import WebContext
from audit.web.rendering import page
from audit.web.session import (
    LOGIN_CSRF_COOKIE,
    SESSION_COOKIE,
    Session,
    check_csrf,
    set_cookie,
)


def router(context: WebContext) -> APIRouter:
    routes = APIRouter()
    users, gate = context.users, context.gate
    lifetime, secure_cookies = context.session_lifetime, context.secure_cookies

    @routes.get("/healthz", include_in_schema=False)
    def healthz() -> PlainTextResponse:
        return PlainTextResponse("ok")

    @routes.get("/login")
    def login_form(request: Request) -> Response:
        csrf = secrets.token_urlsafe(32)
        response = page(request, "login.html", None, csrf_token=csrf)
        set_cookie(response, LOGIN_CSRF_COOKIE, csrf, 600, secure_cookies)
        return response

    @routes.post("/login")
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
            set_cookie(response, LOGIN_CSRF_COOKIE, fresh, 600, secure_cookies)
            return response
        token, _ = users.open_session(user, lifetime)
        gate.record_success(user, client, token)
        response = RedirectResponse("/runs", status_code=303)
        set_cookie(response, SESSION_COOKIE, token, int(lifetime.total_seconds()), secure_cookies)
        response.delete_cookie(LOGIN_CSRF_COOKIE)
        return response

    @routes.post("/logout")
    def logout(
        request: Request, live: Session, csrf_token: Annotated[str, Form()] = ""
    ) -> Response:
        check_csrf(live, csrf_token)
        users.close_session(request.cookies.get(SESSION_COOKIE, ""))
        response = RedirectResponse("/login", status_code=303)
        response.delete_cookie(SESSION_COOKIE)
        return response

    return routes
