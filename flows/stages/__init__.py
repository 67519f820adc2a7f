"""The stages of one document, in order, as plain functions (no Prefect here):

    ingest → parse → classify → redact → generate → check → render → record

    path ──ingest──▶ Loaded ──parse──▶ ParsedDocument ──classify──▶ Classified (domain, once)
         ──redact──▶ RedactedDocument            (prepare_document: the original text ends here)
         ──generate─▶ GenerationResult ──check──▶ CheckedOutput ──render──▶ RenderedSummary
         ──record (flows/recording.py)──▶ audit events, output files, DocOutcome

Each stage takes the `Staged` values it needs and returns its own `Staged` value, or passes
an upstream `Stop` on. The original text exists only inside `prepare_document` (parse makes
it, classify and redact read it); `Prepared` and `DocumentResult` carry page facts, the domain
and the redacted text. The Prefect tasks that run these stages are in flows/tasks.py.
"""

from flows.stages.check import check_stage
from flows.stages.classify import classify_stage
from flows.stages.generate import ModelSlot, generate_stage
from flows.stages.ingest import ingest_stage
from flows.stages.parse import parse_stage
from flows.stages.prepare import PrepareParts, Starting, prepare_document
from flows.stages.redact import VaultOpener, redact_stage
from flows.stages.render import render_stage
from flows.stages.values import (
    Classified,
    DocumentResult,
    DomainSource,
    Loaded,
    ParsedFacts,
    Prepared,
    Staged,
    StageName,
    Stop,
    passed_on,
    timed,
)

__all__ = [
    "Classified",
    "DocumentResult",
    "DomainSource",
    "Loaded",
    "ModelSlot",
    "ParsedFacts",
    "PrepareParts",
    "Prepared",
    "StageName",
    "Staged",
    "Starting",
    "Stop",
    "VaultOpener",
    "check_stage",
    "classify_stage",
    "generate_stage",
    "ingest_stage",
    "parse_stage",
    "passed_on",
    "prepare_document",
    "redact_stage",
    "render_stage",
    "timed",
]
