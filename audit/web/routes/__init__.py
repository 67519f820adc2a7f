"""The review app's routes, one module per part of the app, each a router over a WebContext."""

from __future__ import annotations

from fastapi import FastAPI

from audit.web.context import WebContext
from audit.web.routes import auth, decisions, document_pages, exports, queue, runs


def install_routes(app: FastAPI, context: WebContext) -> None:
    for part in (auth, runs, exports, decisions, queue, document_pages):
        app.include_router(part.router(context))
