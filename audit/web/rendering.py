"""The Jinja2 templates every page is rendered from."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import Response
from fastapi.templating import Jinja2Templates

from audit.users import WebSession

TEMPLATES = Jinja2Templates(directory=str(Path(__file__).parent / "templates"))
TEMPLATES.env.filters["pretty_json"] = lambda value: json.dumps(value, indent=2, sort_keys=True)


def page(request: Request, template: str, live: WebSession | None, **context: Any) -> Response:
    """`template` rendered for the session's user (`status_code` in `context`: not 200)."""
    status = context.pop("status_code", 200)
    return TEMPLATES.TemplateResponse(
        request, template, {"session": live, **context}, status_code=status
    )
