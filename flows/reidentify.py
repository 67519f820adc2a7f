"""Authorised re-identification: a document's originals read back from the vault, on record.

Needs the vault key the pipeline ran with. The document's latest `document_redacted` event
gives the redacted text; the vault's rows for that text give each span's original. Every
re-identification appends a `document_reidentified` event naming who did it, with which key
and how many spans; the originals themselves never enter the trail.
"""

from __future__ import annotations

from dataclasses import dataclass

from audit import AuditStore
from audit.users import ADMIN_RUN_ID
from audit.vault import Vault, VaultEntry, reidentified_text
from flows.errors import FlowError
from schemas.events import DocumentRedacted, DocumentReidentified, EventType


@dataclass(frozen=True)
class Reidentified:
    doc_id: str
    entries: list[VaultEntry]
    text: str | None
    """The original text, when the trail holds the redacted text the entries belong to."""


def resolve_doc_id(store: AuditStore, ident: str) -> str:
    """A full document id, or a unique prefix of 8+ characters of one, as `attest show` takes."""
    ident = ident.strip().lower()
    if len(ident) == 64:
        return ident
    matches = store.doc_ids_with_prefix(ident) if len(ident) >= 8 else []
    if len(matches) == 1:
        return matches[0]
    raise FlowError(
        f"no single document has an id starting {ident!r}"
        + (f" ({len(matches)} do)" if len(matches) > 1 else ""),
        hint="give the full document id, or a unique prefix of 8+ characters "
        "(ids are printed by `attest run` and `attest show`)",
    )


def reidentify(
    store: AuditStore, doc_id: str, key: bytes, *, actor: str, reason: str = ""
) -> Reidentified:
    doc_id = resolve_doc_id(store, doc_id)
    vault = Vault(store.engine, key)
    event = store.last_event_of(doc_id, [EventType.DOCUMENT_REDACTED])
    redacted = event.typed(DocumentRedacted) if event is not None else None
    sha = redacted.redacted_text_sha256 if redacted is not None else None
    entries = vault.entries(doc_id, sha)
    if not entries and sha is not None:
        entries = vault.entries(doc_id)  # sealed under an earlier run's text
        sha = None
    if not entries:
        raise FlowError(
            f"the vault holds nothing for document {doc_id}",
            hint="the vault is filled only by runs with a vault key (ATTEST_VAULT_KEY_FILE)",
        )
    text = reidentified_text(redacted.redacted_text, entries) if redacted and sha else None
    record = DocumentReidentified(
        key_id=vault.key_id, entries=len(entries), redacted_text_sha256=sha, reason=reason
    )
    run_id = event.run_id if event is not None else ADMIN_RUN_ID
    store.append(
        [record.to_event(EventType.DOCUMENT_REIDENTIFIED, run_id, doc_id=doc_id, actor=actor)]
    )
    return Reidentified(doc_id, entries, text)
