"""What checking and rendering produce: flags with their grounding, review routing, the summary."""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from schemas.document import Domain


class ReviewReason(StrEnum):
    UNGROUNDED_EVIDENCE = "ungrounded_evidence"
    LOW_OCR_CONFIDENCE = "low_ocr_confidence"
    HIGH_SEVERITY_FLAG = "high_severity_flag"


class CheckedFlag(BaseModel):
    model_config = ConfigDict(frozen=True)

    kind: str
    severity: str
    evidence: str
    grounded: bool = Field(description="the evidence occurs verbatim in the redacted text")
    evidence_start: int | None = Field(default=None, description="offset in the redacted text")
    evidence_end: int | None = None


class SuppressedFlag(BaseModel):
    """A flag the backend proposed and the checks removed, kept so nothing vanishes silently."""

    model_config = ConfigDict(frozen=True)

    kind: str
    evidence: str
    reason: str = Field(description="e.g. 'negated: denies'")


class CheckedOutput(BaseModel):
    model_config = ConfigDict(frozen=True)

    domain: Domain
    output: dict[str, Any] = Field(description="the schema-valid structured output")
    flags: tuple[CheckedFlag, ...]
    suppressed: tuple[SuppressedFlag, ...] = ()
    review_reasons: tuple[ReviewReason, ...] = ()

    @property
    def needs_review(self) -> bool:
        return bool(self.review_reasons)


class RenderedSummary(BaseModel):
    model_config = ConfigDict(frozen=True)

    template_id: str
    version: str
    sha256: str = Field(description="SHA-256 of the template source")
    text: str
