"""Typed values passed between attest's stages, and their versions. Pydantic only, no I/O."""

from schemas.canonical import canonical_json, sha256_hex, sha256_of
from schemas.decision import (
    CheckedFlag,
    CheckedOutput,
    RenderedSummary,
    ReviewReason,
    SuppressedFlag,
)
from schemas.document import (
    DOMAINS,
    Domain,
    Ingested,
    Page,
    PageFacts,
    PageSource,
    ParsedDocument,
    SourceKind,
)
from schemas.errors import AttestError
from schemas.events import EventType, NewEvent, StoredEvent
from schemas.generation import DecodingParams, GenerationResult, InstructionsRef, ModelIdentity
from schemas.outputs import OUTPUT_MODELS, SchemaRef, flag_kinds, json_schema, schema_ref
from schemas.redaction import RedactedDocument, RedactedSpan, RedactionConfig

__all__ = [
    "DOMAINS",
    "OUTPUT_MODELS",
    "AttestError",
    "CheckedFlag",
    "CheckedOutput",
    "DecodingParams",
    "Domain",
    "EventType",
    "GenerationResult",
    "Ingested",
    "InstructionsRef",
    "ModelIdentity",
    "NewEvent",
    "Page",
    "PageFacts",
    "PageSource",
    "ParsedDocument",
    "RedactedDocument",
    "RedactedSpan",
    "RedactionConfig",
    "RenderedSummary",
    "ReviewReason",
    "SchemaRef",
    "SourceKind",
    "StoredEvent",
    "SuppressedFlag",
    "canonical_json",
    "flag_kinds",
    "json_schema",
    "schema_ref",
    "sha256_hex",
    "sha256_of",
]
