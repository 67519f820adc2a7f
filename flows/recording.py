"""Turning a document's stage results into audit events, output files and a file move.

Order matters for crash safety: outputs are written first (atomically, under names derived
from the decision id, so a re-run overwrites them with the same bytes), then the document's
events are appended in one transaction, and only then is the inbox file moved. A crash at any
point leaves either no events (the re-run redoes the document) or all of them (the re-run sees
the decision, restores any missing output from the trail, and moves the file).
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from audit.store import Recorded
from extractors.errors import InputGone
from extractors.ingest import display_name
from flows.files import file_sha256, move_aside, write_atomic
from schemas.canonical import sha256_hex
from schemas.events import (
    DecisionRecorded,
    DocumentFailed,
    DocumentIngested,
    DocumentParsed,
    DocumentRedacted,
    DocumentRejected,
    EventType,
    NewEvent,
    StoredEvent,
)

if TYPE_CHECKING:
    from flows.pipeline import Pipeline
    from flows.stages import DocumentResult, Loaded, Staged, Stop

Status = Literal["processed", "skipped", "rejected", "failed"]


@dataclass(frozen=True)
class DocOutcome:
    """One row of the end-of-run table. Holds no document text."""

    name: str
    doc_id: str
    status: Status
    domain: str = ""
    pages: int = 0
    sources: tuple[str, ...] = ()
    redacted: dict[str, int] = field(default_factory=dict)
    flags: tuple[str, ...] = ()
    review: tuple[str, ...] = ()
    decision_id: str = ""
    reason: str = ""
    reason_code: str = ""
    elapsed_s: float = 0.0
    timings: dict[str, float] = field(default_factory=dict)
    """Seconds per stage, for the report's time-per-stage chart."""


def summary_path(pipeline: Pipeline, decision_id: str) -> Path:
    return pipeline.dirs.summaries / f"{decision_id}.md"


def decision_path(pipeline: Pipeline, decision_id: str) -> Path:
    return pipeline.dirs.decisions / f"{decision_id}.json"


def decision_file(event: DecisionRecorded, decision_id: str, doc_id: str) -> str:
    """The decision as an output file: structured output, flags and provenance, no PHI."""
    body = {
        "decision_id": decision_id,
        "doc_id": doc_id,
        "domain": event.domain,
        "output": event.output,
        "flags": [flag.model_dump(mode="json") for flag in event.flags],
        "suppressed": [flag.model_dump(mode="json") for flag in event.suppressed],
        "review_reasons": [str(reason) for reason in event.review_reasons],
        "routing": event.routing.model_dump(mode="json") if event.routing else None,
        "backend": event.identity.model_dump(mode="json"),
        "instructions": event.instructions.model_dump(mode="json"),
        "schema": event.schema_ref.model_dump(mode="json"),
        "config_hash": event.config_hash,
        "supersedes": event.supersedes,
    }
    return json.dumps(body, indent=2, sort_keys=True) + "\n"


def _ingested_event(loaded: Staged[Loaded], run_id: str) -> list[NewEvent]:
    if loaded.value is None:
        return []
    ingested = loaded.value.ingested
    payload = DocumentIngested(
        kind=ingested.kind, size_bytes=ingested.size_bytes, name_sha256=ingested.name_sha256
    )
    return [payload.to_event(EventType.DOCUMENT_INGESTED, run_id, doc_id=ingested.doc_id)]


def _stop_outcome(
    path: Path, doc_id: str, stop: Stop, status: Status, elapsed: float
) -> DocOutcome:
    reason = f"{stop.stage}: {stop.code}: {stop.reason}"
    return DocOutcome(
        display_name(path), doc_id, status, reason=reason, reason_code=stop.code, elapsed_s=elapsed
    )


def gone_outcome(path: Path, gone: InputGone, stage: str, elapsed: float) -> DocOutcome:
    """An inbox entry that vanished or is not a regular file: no byte read, nothing recorded
    (there is no document id to record it under), nothing moved; the report says why."""
    return DocOutcome(
        display_name(path),
        "",
        "skipped",
        reason=f"{stage}: {gone.code}: {gone.message}",
        reason_code=gone.code,
        elapsed_s=elapsed,
    )


def record_stop(
    path: Path, doc_id: str, loaded: Staged[Loaded], stop: Stop, pipeline: Pipeline, elapsed: float
) -> DocOutcome:
    """Record a rejection (and move the file aside) or a failure (and leave it for a re-run).

    Each is recorded once per run: a retry of the record stage after its commit appends nothing.
    """
    run_id = pipeline.config.run_id
    if stop.kind == "skipped":
        return _stop_outcome(path, doc_id, stop, "skipped", elapsed)
    events = _ingested_event(loaded, run_id)
    if stop.kind == "rejected":
        target = pipeline.dirs.rejected / f"{doc_id[:12]}-{path.name}"
        rejected = DocumentRejected(
            stage=stop.stage,
            reason_code=stop.code,
            reason=stop.reason,
            hint=stop.hint,
            moved_to=str(target),
        )
        events.append(rejected.to_event(EventType.DOCUMENT_REJECTED, run_id, doc_id=doc_id))
        once = Recorded(EventType.DOCUMENT_REJECTED, doc_id=doc_id, run_id=run_id)
        pipeline.store.append(events, unless=once)
        write_atomic(
            target.with_name(target.name + ".reason.txt"),
            f"{stop.code}\n{stop.reason}\nhint: {stop.hint}\n",
        )
        move_aside(path, pipeline.dirs.rejected, doc_id)
        return _stop_outcome(path, doc_id, stop, "rejected", elapsed)
    failed = DocumentFailed(
        stage=stop.stage,
        error=stop.code,
        reason=stop.reason + (f" (hint: {stop.hint})" if stop.hint else ""),
        retryable=stop.retryable,
        attempts=1 + pipeline.settings.retries if stop.retryable else 1,
    )
    events.append(failed.to_event(EventType.DOCUMENT_FAILED, run_id, doc_id=doc_id))
    pipeline.store.append(
        events, unless=Recorded(EventType.DOCUMENT_FAILED, doc_id=doc_id, run_id=run_id)
    )
    return _stop_outcome(path, doc_id, stop, "failed", elapsed)


def record_document(path: Path, result: DocumentResult, pipeline: Pipeline) -> DocOutcome:
    """The record stage: a decision (outputs, then events, then the file moved), or the
    reason the document stopped."""
    record_started = time.perf_counter()
    loaded = result.prepared.loaded
    elapsed, stop = result.elapsed_s, result.stop
    if stop is not None and stop.kind == "skipped" and loaded.value is None:
        return _stop_outcome(path, "", stop, "skipped", elapsed)  # gone before it was read
    try:
        doc_id = result.doc_id or file_sha256(path)
    except InputGone as gone:  # rejected before it was read (too large), and gone by now
        return gone_outcome(path, gone, "record", elapsed)
    if stop is not None:
        return record_stop(path, doc_id, loaded, stop, pipeline, elapsed)
    prepared = result.prepared
    parsed, redacted = prepared.parsed, prepared.redacted
    assert (
        parsed.value is not None
        and prepared.classified.value is not None
        and redacted.value is not None
        and result.generated.value is not None
        and result.checked.value is not None
        and result.rendered.value is not None
    )
    document, red, classified = parsed.value, redacted.value, prepared.classified.value
    gen, checked, summary = result.generated.value, result.checked.value, result.rendered.value
    config = pipeline.config
    run_id = config.run_id
    decision_id = config.decision_id(doc_id)
    previous = pipeline.store.last_event_of(doc_id, [EventType.DECISION_RECORDED])
    supersedes = (
        previous.decision_id
        if previous is not None and previous.decision_id != decision_id
        else None
    )
    pages = list(document.pages)
    timings = result.timings
    decision = DecisionRecorded(
        domain=classified.domain,
        domain_source=classified.source,
        config_hash=config.config_hash,
        code_version=config.code_version,
        schema_ref=config.schemas[classified.domain],
        instructions=gen.instructions,
        identity=gen.identity,
        decoding=gen.decoding,
        request_sha256=gen.request_sha256,
        redacted_text_sha256=red.text_sha256,
        raw_output=gen.raw_output,
        output=checked.output,
        output_sha256=sha256_hex(gen.raw_output),
        flags=list(checked.flags),
        suppressed=list(checked.suppressed),
        review_reasons=list(checked.review_reasons),
        routing=checked.routing,
        ungrounded_fields=list(checked.ungrounded_fields),
        summary_template=summary.template_id,
        summary_template_version=summary.version,
        summary_template_sha256=summary.sha256,
        summary=summary.text,
        supersedes=supersedes,
        timings_s={k: round(v, 4) for k, v in timings.items()},
        parser=document.parser,
        ocr_engine=document.ocr_engine,
        redaction_config_sha256=red.config.sha256,
        structured_output=gen.structured_output,
    )
    write_atomic(summary_path(pipeline, decision_id), summary.text)
    write_atomic(decision_path(pipeline, decision_id), decision_file(decision, decision_id, doc_id))
    events = _ingested_event(loaded, run_id)
    events.append(
        DocumentParsed(
            parser=document.parser,
            ocr_engine=document.ocr_engine,
            pages=pages,
            elapsed_s=round(parsed.elapsed_s, 4),
        ).to_event(EventType.DOCUMENT_PARSED, run_id, doc_id=doc_id)
    )
    events.append(
        DocumentRedacted(
            config_sha256=red.config.sha256,
            policy_id=red.policy.policy_id,
            policy_version=red.policy.version,
            policy_sha256=red.policy.sha256,
            counts=red.counts,
            redacted_text=red.text,
            redacted_text_sha256=red.text_sha256,
            spans=list(red.spans),
            elapsed_s=round(redacted.elapsed_s, 4),
        ).to_event(EventType.DOCUMENT_REDACTED, run_id, doc_id=doc_id)
    )
    events.append(
        decision.to_event(
            EventType.DECISION_RECORDED, run_id, doc_id=doc_id, decision_id=decision_id
        )
    )
    # A retry after this commit (the move below failed, say) must not decide the document
    # again: the decision id is the document and configuration, checked under the write lock.
    pipeline.store.append(
        events, unless=Recorded(EventType.DECISION_RECORDED, decision_id=decision_id)
    )
    move_aside(path, pipeline.dirs.processed, doc_id)
    return DocOutcome(
        name=display_name(path),
        doc_id=doc_id,
        status="processed",
        domain=classified.domain,
        pages=len(pages),
        sources=tuple(sorted({str(p.source) for p in pages})),
        redacted=red.counts,
        flags=tuple(f.kind for f in checked.flags),
        review=tuple(str(r) for r in checked.review_reasons),
        decision_id=decision_id,
        elapsed_s=elapsed,
        timings=timings | {"record": time.perf_counter() - record_started},
    )


def settle_skipped(path: Path, doc_id: str, event: StoredEvent, pipeline: Pipeline) -> DocOutcome:
    """A document already decided under this configuration: restore outputs, move the file."""
    decision = DecisionRecorded.model_validate(event.payload)
    decision_id = event.decision_id or ""
    if not summary_path(pipeline, decision_id).exists():
        write_atomic(summary_path(pipeline, decision_id), decision.summary)
    if not decision_path(pipeline, decision_id).exists():
        write_atomic(
            decision_path(pipeline, decision_id), decision_file(decision, decision_id, doc_id)
        )
    move_aside(path, pipeline.dirs.processed, doc_id)
    return DocOutcome(
        name=display_name(path),
        doc_id=doc_id,
        status="skipped",
        domain=decision.domain,
        flags=tuple(f.kind for f in decision.flags),
        review=tuple(str(r) for r in decision.review_reasons),
        decision_id=decision_id,
        reason="already decided under this configuration",
    )
