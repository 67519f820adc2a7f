"""`attest show`: everything the trail holds about one document or decision."""

from __future__ import annotations

import json

from rich.console import Console
from rich.panel import Panel
from rich.table import Table

from audit import AuditStore
from schemas.events import (
    DecisionRecorded,
    DocumentFailed,
    DocumentParsed,
    DocumentRedacted,
    DocumentReidentified,
    DocumentRejected,
    EventType,
    StoredEvent,
)

EXIT_OK, EXIT_NOT_FOUND = 0, 2


def _find(store: AuditStore, ident: str) -> list[StoredEvent]:
    if ident.startswith("dec_"):
        decision = store.events(decision_id=ident)
        if not decision:
            return []
        doc_id = decision[0].doc_id
        return store.events(doc_id=doc_id) if doc_id else decision
    if len(ident) == 64:
        return store.events(doc_id=ident)
    if len(ident) >= 8:
        matches = store.doc_ids_with_prefix(ident)
        if len(matches) == 1:
            return store.events(doc_id=matches[0])
    return []


def describe(ident: str, db_url: str, console: Console, *, as_json: bool = False) -> int:
    store = AuditStore(db_url)
    try:
        events = _find(store, ident)
    finally:
        store.close()
    if not events:
        console.print(
            f"[red]not found[/red]: no document or decision {ident!r} in the audit store "
            "(ids are printed by `attest run`; a document id prefix needs 8+ characters and must be unique)"
        )
        return EXIT_NOT_FOUND
    if as_json:
        console.print_json(json.dumps([e.model_dump(mode="json") for e in events]))
        return EXIT_OK
    history = Table(title=f"document {events[0].doc_id}", show_lines=False)
    for column in ("seq", "time", "run", "event", "actor", "decision", "hash"):
        history.add_column(column)
    for e in events:
        history.add_row(
            str(e.seq),
            e.created_at,
            e.run_id,
            str(e.event_type),
            e.actor,
            e.decision_id or "",
            e.hash[:16],
        )
    console.print(history)
    for e in events:
        _print_event(e, console)
    return EXIT_OK


def _print_event(e: StoredEvent, console: Console) -> None:
    if e.event_type == EventType.DOCUMENT_PARSED:
        parsed = e.typed(DocumentParsed)
        pages = ", ".join(
            f"p{p.number} {p.source}"
            + (f" (OCR conf {p.ocr_confidence:.0f})" if p.ocr_confidence is not None else "")
            for p in parsed.pages
        )
        console.print(f"[bold]Parsed[/bold] by {parsed.parser}: {pages}")
    elif e.event_type == EventType.DOCUMENT_REDACTED:
        redacted = e.typed(DocumentRedacted)
        counts = ", ".join(f"{k} {v}" for k, v in redacted.counts.items()) or "nothing"
        console.print(
            f"[bold]Redacted[/bold] with {redacted.policy_id} v{redacted.policy_version}: {counts}"
        )
        if redacted.policy_sha256:
            console.print(f"  policy sha256 {redacted.policy_sha256[:16]}…")
    elif e.event_type == EventType.DOCUMENT_REIDENTIFIED:
        revealed = e.typed(DocumentReidentified)
        console.print(
            f"[bold]Re-identified[/bold] by {e.actor}: {revealed.entries} spans, "
            f"vault key {revealed.key_id}"
            + (f", reason: {revealed.reason}" if revealed.reason else "")
        )
    elif e.event_type == EventType.DOCUMENT_REJECTED:
        rejected = e.typed(DocumentRejected)
        console.print(
            f"[bold red]Rejected[/bold red] at {rejected.stage}: {rejected.reason_code}: "
            f"{rejected.reason}"
        )
        console.print(f"  hint: {rejected.hint}\n  moved to: {rejected.moved_to}")
    elif e.event_type == EventType.DOCUMENT_FAILED:
        failed = e.typed(DocumentFailed)
        console.print(
            f"[bold red]Failed[/bold red] at {failed.stage}: {failed.error}: {failed.reason}"
        )
    elif e.event_type == EventType.DECISION_RECORDED:
        _print_decision(e, console)


def _print_decision(event: StoredEvent, console: Console) -> None:
    p = event.typed(DecisionRecorded)
    identity, instructions, schema = p.identity, p.instructions, p.schema_ref
    kind = (
        "language model"
        if identity.is_language_model
        else "deterministic rules baseline (no model)"
    )
    lines = [
        f"decision {event.decision_id}  (run {event.run_id}, chain seq {event.seq})",
        f"domain: {p.domain} ({p.domain_source})",
        f"backend: {identity.backend}: {kind}; model {identity.model_id} rev {identity.revision}",
        f"{instructions.kind}: {instructions.id} v{instructions.version} sha256 {instructions.sha256[:16]}…",
        f"schema: {schema.schema_id} v{schema.version} sha256 {schema.sha256[:16]}…",
        f"config: {p.config_hash[:16]}…  code {p.code_version}",
        f"output sha256: {p.output_sha256[:16]}…  supersedes: {p.supersedes or '-'}",
        f"review: {', '.join(p.review_reasons) or 'not needed'}",
    ]
    console.print(Panel("\n".join(lines), title="decision"))
    flags = Table(title="flags")
    for column in ("kind", "severity", "grounded", "evidence"):
        flags.add_column(column, overflow="fold")
    for flag in p.flags:
        flags.add_row(flag.kind, flag.severity, "yes" if flag.grounded else "NO", flag.evidence)
    console.print(flags)
    for suppressed in p.suppressed:
        console.print(f"suppressed: {suppressed.kind} ({suppressed.reason})")
    console.print(
        Panel(
            p.summary,
            title=f"summary ({p.summary_template} v{p.summary_template_version})",
        )
    )
