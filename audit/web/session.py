"""Who is asking, and may they: the session cookie, permissions and CSRF tokens. A route that
refuses raises one of the web errors (audit.errors: LoginRequired, Forbidden, NotFound) and
the app answers it (audit.web.app)."""

from __future__ import annotations

import secrets
from typing import Annotated

from fastapi import Depends, Request
from fastapi.responses import Response

from audit.errors import Forbidden, LoginRequired
from audit.users import Permission, UserDirectory, WebSession

SESSION_COOKIE = "attest_session"
LOGIN_CSRF_COOKIE = "attest_login_csrf"


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


def set_cookie(response: Response, name: str, value: str, max_age: int, secure: bool) -> None:
    response.set_cookie(
        name, value, max_age=max_age, httponly=True, samesite="strict", secure=secure, path="/"
    )
