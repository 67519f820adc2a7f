"""Typed audit events. The store keeps them as canonical JSON in one hash chain.

A document's events (ingested, parsed, redacted, then decision, rejected or failed) are
appended together in one transaction, so a crash never leaves half a document in the trail.
"""

from __future__ import annotations

import re
from enum import StrEnum
from typing import Any, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field

from schemas.decision import CheckedFlag, ReviewReason, Routing, SuppressedFlag
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
    DECISION_REPLAYED = "decision_replayed"
    # The review app: people's looks at and decisions on the pipeline's output.
    DECISION_VIEWED = "decision_viewed"
    DECISION_REVIEWED = "decision_reviewed"
    RUN_EXPORTED = "run_exported"
    USER_ADDED = "user_added"
    USER_DISABLED = "user_disabled"
    USER_ROLE_CHANGED = "user_role_changed"
    LOGIN_SUCCEEDED = "login_succeeded"
    LOGIN_FAILED = "login_failed"
    LOGIN_LOCKED = "login_locked"
    DOCUMENT_REIDENTIFIED = "document_reidentified"
    # The domain model's life cycle (flows/model): training data, adapters, promotions.
    MODEL_DATASET_EXPORTED = "model_dataset_exported"
    MODEL_TRAINED = "model_trained"
    MODEL_EVALUATED = "model_evaluated"
    MODEL_PROMOTED = "model_promoted"
    DECISION_PAGES_VIEWED = "decision_pages_viewed"
    OVERRIDE_CONFIRMED = "override_confirmed"


PayloadT = TypeVar("PayloadT", bound="Payload")


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

    def typed(self, model: type[PayloadT]) -> PayloadT:
        """The payload read as the typed event it was written as, e.g.
        `event.typed(DecisionRecorded).domain` instead of `event.payload["domain"]`.

        Trails written by earlier versions still read: a field added since takes its default,
        and a field since dropped is ignored (only writing is strict, `extra="forbid"`). The
        model must be the one for the event's type.
        """
        if _event_type_of(model) != self.event_type:
            raise TypeError(f"a {self.event_type} event does not hold a {model.__name__}")
        known = model.model_fields
        return model.model_validate({k: v for k, v in self.payload.items() if k in known})


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
    interrupted: bool = Field(
        default=False, description="stopped early by SIGINT/SIGTERM; see left_in_inbox"
    )
    left_in_inbox: int = Field(
        default=0, description="documents not finished (interrupted): the next run does them"
    )


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
    policy_sha256: str = Field(default="", description="content hash of the policy applied")
    counts: dict[str, int]
    redacted_text: str = Field(
        description="placeholders and the policy's shifted dates, masks and caps only; the "
        "original text is never stored"
    )
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
    ungrounded_fields: list[str] = Field(
        default_factory=list, description="e.g. 'medications[2]': not in the redacted text"
    )
    routing: Routing | None = Field(
        default=None, description="the rules' safety floor: both answers and what stands"
    )
    summary_template: str
    summary_template_version: str
    summary_template_sha256: str
    summary: str
    supersedes: str | None = Field(
        default=None, description="earlier decision on the same document"
    )
    timings_s: dict[str, float]
    # The replay manifest: with the fields above, everything that determines the output.
    parser: str = ""
    ocr_engine: str | None = None
    redaction_config_sha256: str = ""
    structured_output: str | None = None


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


ReplayVerdict = Literal["bit_exact", "equal_under_schema", "diverged", "different_model"]


class FieldDifference(BaseModel):
    field: str
    recorded: Any
    replayed: Any


class DecisionReplayed(Payload):
    """An auditor's re-execution of a recorded decision, and how its output compares."""

    replayed_decision_id: str
    verdict: ReplayVerdict
    what_if: bool = Field(description="run on purpose with another model than recorded")
    identity: ModelIdentity = Field(description="the backend that replayed it")
    recorded_identity: ModelIdentity
    instructions_match: bool
    schema_match: bool
    output_sha256: str | None
    differences: list[FieldDifference]


ReviewAction = Literal["approve", "override"]


class DecisionViewed(Payload):
    """A person opened a decision's page in the review app."""

    role: str


class DecisionReviewed(Payload):
    """A reviewer's approval or override; the recorded decision itself is never changed."""

    action: ReviewAction
    role: str
    reason: str = Field(description="mandatory for an override")
    output: dict[str, Any] | None = Field(
        default=None, description="the reviewer's schema-valid value (override only)"
    )
    output_sha256: str | None = None
    replaces_output_sha256: str = Field(description="the pipeline output it approves or overrides")
    changed_fields: list[str] = Field(
        default_factory=list, description="top-level output fields the override changes"
    )
    critical_changes: list[str] = Field(
        default_factory=list,
        description="what needs a second reviewer: a lowered triage level, a removed "
        "high-severity flag",
    )
    needs_second_reviewer: bool = Field(
        default=False, description="the override takes effect only once another reviewer confirms"
    )
    routing: Routing | None = Field(
        default=None,
        description="the safety floor's verdict on an override: the rules' and the reviewer's "
        "triage levels, and below_safety_floor when the override is less urgent",
    )


class DecisionPagesViewed(Payload):
    """A person looked at the document's pages, rendered with every redacted span boxed out."""

    role: str
    page: int
    covered: bool = Field(description="the page was covered whole: its text did not fit the trail")


class OverrideConfirmed(Payload):
    """A second reviewer's word on an override that needed one (four eyes)."""

    action: Literal["confirm", "reject"]
    role: str
    review_event_id: str = Field(description="the override confirmed or rejected")
    proposed_by: str
    reason: str = ""


class RunExported(Payload):
    """A run's decisions left the system, as CSV or as an evidence bundle."""

    format: Literal["csv", "bundle"]
    role: str
    decisions: int
    sha256: str = Field(description="of the exported file")


class UserAdded(Payload):
    username: str
    role: str
    password_sha256: str | None = Field(
        default=None,
        description="SHA-256 of the stored (salted Argon2id) hash, never the password: the "
        "users table is checked against it",
    )


class UserDisabled(Payload):
    username: str


class UserRoleChanged(Payload):
    username: str
    role: str = Field(description="the new role")


class LoginSucceeded(Payload):
    username: str
    client: str = Field(description="the connecting address")
    session_ref: str = Field(description="names the session (a hash of its token's hash)")


class LoginFailed(Payload):
    """A refused login. The password is never recorded, nor a name that is no user's."""

    username: str | None = Field(description="the account tried, when it exists")
    client: str
    reason: Literal["wrong_password", "unknown_user", "disabled", "locked", "not_in_trail"]


class LoginLocked(Payload):
    """Too many failed logins: the account or the client address is refused for a while."""

    scope: Literal["account", "client"]
    username: str | None = None
    client: str
    failures: int
    locked_s: float


class DocumentReidentified(Payload):
    """Someone with the vault key read a document's originals back. No original is recorded."""

    key_id: str = Field(description="which vault key was used (a hash of it, not the key)")
    entries: int = Field(description="how many redacted spans were revealed")
    redacted_text_sha256: str | None = Field(
        default=None, description="the redacted text they belong to"
    )
    reason: str = ""


def _event_type_of(model: type[Payload]) -> str:
    """Each payload class is named after its event type: DecisionRecorded, decision_recorded."""
    return re.sub(r"(?<!^)(?=[A-Z])", "_", model.__name__).lower()
