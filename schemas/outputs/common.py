"""Pieces shared by the domain output schemas."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

Severity = Literal["low", "medium", "high"]

Evidence = Annotated[
    str,
    Field(
        min_length=1,
        max_length=300,
        description="a verbatim quote from the redacted text that supports the flag",
    ),
]
