"""Typed audit events. The store keeps them as canonical JSON in one hash chain.

A document's events (ingested, parsed, redacted, then decision, rejected or failed) are
appended together in one transaction, so a crash never leaves half a document in the trail.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from schemas.decision import CheckedFlag, ReviewReason, SuppressedFlag
from schemas.document import Domain, PageFacts, SourceKind
from schemas.generation import DecodingParams, InstructionsRef, ModelIdentity
from schemas.outputs import SchemaRef
from schemas.redaction import RedactedSpan, RedactionConfig


class EventType(StrEnum):
    RUN_STARTED = "run_started"
    RUN_FINISHED = "run_finished"
    DOCUMENT_INGESTED = "document_ingested"
    DOCUMENT_PARSED = "document_parsed"
    DOCUMENT_REDACTED = "document_redacted"
    DECISION_RECORDED = "decision_recorded"
    DOCUMENT_REJECTED = "document_rejected"
    DOCUMENT_FAILED = "document_failed"


class NewEvent(BaseModel):
    """An event about to be appended; the store adds sequence, time and hashes."""

    model_config = ConfigDict(frozen=True)

    event_type: EventType
    run_id: str
    actor: str = Field(description="'pipeline' or a user name")
    doc_id: str | None = None
    decision_id: str | None = None
    payload: dict[str, Any]


class StoredEvent(NewEvent):
    seq: int = Field(description="position in the chain, from 1, no gaps")
    event_id: str
    created_at: str = Field(description="UTC, ISO 8601")
    prev_hash: str
    hash: str


class Payload(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    def to_event(
        self,
        event_type: EventType,
        run_id: str,
        *,
        doc_id: str | None = None,
        decision_id: str | None = None,
        actor: str = "pipeline",
    ) -> NewEvent:
        return NewEvent(
            event_type=event_type,
            run_id=run_id,
            actor=actor,
            doc_id=doc_id,
            decision_id=decision_id,
            payload=self.model_dump(mode="json"),
        )


class RunStarted(Payload):
    config_hash: str = Field(description="hash of everything that determines a decision")
    code_version: str
    domain_setting: str
    identity: ModelIdentity
    instructions: dict[str, InstructionsRef]
    schemas: dict[str, SchemaRef]
    redaction: RedactionConfig
    parser: str
    ocr_engine: str
    documents_found: int


class RunFinished(Payload):
    processed: int
    skipped: int
    rejected: int
    failed: int
    needs_review: int
    elapsed_s: float


class DocumentIngested(Payload):
    kind: SourceKind
    size_bytes: int
    name_sha256: str


class DocumentParsed(Payload):
    parser: str
    ocr_engine: str | None
    pages: list[PageFacts]
    elapsed_s: float


class DocumentRedacted(Payload):
    config_sha256: str
    policy_id: str
    policy_version: str
    counts: dict[str, int]
    redacted_text: str = Field(description="placeholders only; the original text is never stored")
    redacted_text_sha256: str
    spans: list[RedactedSpan]
    elapsed_s: float


class DecisionRecorded(Payload):
    domain: Domain
    domain_source: str = Field(description="'configured' or 'detected'")
    config_hash: str
    code_version: str
    schema_ref: SchemaRef
    instructions: InstructionsRef
    identity: ModelIdentity
    decoding: DecodingParams | None
    request_sha256: str | None
    redacted_text_sha256: str
    raw_output: str
    output: dict[str, Any]
    output_sha256: str
    flags: list[CheckedFlag]
    suppressed: list[SuppressedFlag]
    review_reasons: list[ReviewReason]
    summary_template: str
    summary_template_version: str
    summary_template_sha256: str
    summary: str
    supersedes: str | None = Field(default=None, description="earlier decision on the same document")
    timings_s: dict[str, float]


class DocumentRejected(Payload):
    stage: str
    reason_code: str
    reason: str
    hint: str
    moved_to: str


class DocumentFailed(Payload):
    stage: str
    error: str
    reason: str
    retryable: bool
    attempts: int
