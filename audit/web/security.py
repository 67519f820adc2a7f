"""What every response of the review app carries, errors included, and bounds on query values.

The security headers are set by a middleware for every response the routes and their exception
handlers produce. Starlette answers an unhandled exception (a 500) outside all middleware, so
that handler is installed here too and sets the same headers itself: no response, however it
fails, may be framed, sniffed, cached or allowed to run script.
"""

from __future__ import annotations

import logging
from typing import Annotated, Any

from fastapi import FastAPI, Query, Request
from fastapi.responses import PlainTextResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

SECURITY_HEADERS = {
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Content-Security-Policy": (
        # Scripts only from the app's own static file (audit/web/static): no inline script.
        "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
        "img-src 'self' data:; "
        "form-action 'self'; frame-ancestors 'none'"
    ),
}

# Chain positions are 64-bit integers in both databases; a larger cursor is a malformed request,
# not an OverflowError inside the driver.
MAX_CURSOR = 2**62
Cursor = Annotated[
    int | None,
    Query(ge=0, le=MAX_CURSOR, description="a chain position from the previous page's link"),
]

_log = logging.getLogger(__name__)


def with_security_headers(response: Response) -> Response:
    response.headers.setdefault("Cache-Control", "no-store")
    for name, value in SECURITY_HEADERS.items():
        response.headers[name] = value
    return response


def install(app: FastAPI) -> None:
    """The headers middleware and the handlers for errors that no route handles."""

    @app.middleware("http")
    async def security_headers(request: Request, call_next: Any) -> Response:
        response: Response = await call_next(request)
        return with_security_headers(response)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(_: Request, error: StarletteHTTPException) -> Response:
        # FastAPI's default would answer JSON; a short plain message suits a server-rendered app.
        message = "no such page" if error.status_code == 404 else str(error.detail)
        response = PlainTextResponse(message, status_code=error.status_code)
        for name, value in (error.headers or {}).items():
            response.headers[name] = value
        return with_security_headers(response)

    @app.exception_handler(Exception)
    async def server_error(request: Request, error: Exception) -> Response:
        # Only the class: a message could quote document content.
        _log.error(
            "review app: %s on %s %s", type(error).__name__, request.method, request.url.path
        )
        response = PlainTextResponse(
            "internal error: the server log names it; the audit trail is unchanged",
            status_code=500,
        )
        return with_security_headers(response)
