"""What checking and rendering produce: flags with their grounding, review routing, the summary."""

from __future__ import annotations

from enum import StrEnum
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from schemas.document import Domain


class ReviewReason(StrEnum):
    UNGROUNDED_EVIDENCE = "ungrounded_evidence"
    LOW_OCR_CONFIDENCE = "low_ocr_confidence"
    HIGH_SEVERITY_FLAG = "high_severity_flag"
    # The routing safety floor (extractors/routing.py): a model or a reviewer proposed a triage
    # level less urgent than the deterministic rules', or disagreed with them on critical flags.
    BELOW_SAFETY_FLOOR = "below_safety_floor"
    CRITICAL_FLAG_DISAGREEMENT = "critical_flag_disagreement"
    UNGROUNDED_FIELD = "ungrounded_field"
    """a text field or amount that the redacted text does not contain (named in the record)"""


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


class FiredRule(BaseModel):
    """A rule of the deterministic floor that fired, with the quote that made it fire."""

    model_config = ConfigDict(frozen=True)

    rule: str
    evidence: str


class Routing(BaseModel):
    """The safety floor's verdict on one proposed output (a model's or a reviewer's).

    Both answers are kept: what was proposed, what the deterministic rules found, and what
    stands. The final triage level is never less urgent than the rules' level.
    """

    model_config = ConfigDict(frozen=True)

    proposed_by: Literal["model", "reviewer", "rules"]
    rules_triage_level: int | None = Field(default=None, description="clinical only: ESI 1-5")
    proposed_triage_level: int | None = None
    final_triage_level: int | None = None
    rules_reasons: tuple[FiredRule, ...] = Field(
        default=(), description="the rules' triage decision points that fired, with evidence"
    )
    rules_critical_flags: tuple[str, ...] = ()
    proposed_critical_flags: tuple[str, ...] = ()
    review_reasons: tuple[ReviewReason, ...] = ()
    notes: tuple[str, ...] = Field(default=(), description="why it goes to review, in words")

    @property
    def needs_review(self) -> bool:
        return bool(self.review_reasons)


class CheckedOutput(BaseModel):
    model_config = ConfigDict(frozen=True)

    domain: Domain
    output: dict[str, Any] = Field(description="the schema-valid structured output")
    flags: tuple[CheckedFlag, ...]
    suppressed: tuple[SuppressedFlag, ...] = ()
    review_reasons: tuple[ReviewReason, ...] = ()
    ungrounded_fields: tuple[str, ...] = Field(
        default=(), description="paths of text fields not found in the redacted text"
    )
    routing: Routing | None = Field(
        default=None, description="the safety floor's verdict (extractors/routing.py)"
    )

    @property
    def needs_review(self) -> bool:
        return bool(self.review_reasons)


class RenderedSummary(BaseModel):
    model_config = ConfigDict(frozen=True)

    template_id: str
    version: str
    sha256: str = Field(description="SHA-256 of the template source")
    text: str
