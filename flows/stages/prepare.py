"""The stages that see the original text, run together in one process: ingest, parse,
classify and redact. Only what later stages need leaves `prepare_document`: the file's
identity, page facts, the domain and the redacted text; the file's bytes and the original
text stay here (in a worker process, with worker processes: flows/workers.py).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Literal, Protocol

from audit.vault import Vault, load_vault_key
from flows.stages.classify import classify_stage
from flows.stages.ingest import ingest_stage
from flows.stages.parse import parse_stage
from flows.stages.redact import VaultOpener, redact_stage
from flows.stages.values import ParsedFacts, Prepared, Staged, StageName
from schemas.document import Domain, Ingested

if TYPE_CHECKING:
    from pathlib import Path

    from audit import AuditStore
    from extractors.limits import ParseLimits
    from extractors.ocr.tesseract import TesseractOcr
    from extractors.redact import Redactor


class PrepareSettings(Protocol):
    @property
    def domain(self) -> Domain | Literal["auto"]: ...

    @property
    def vault_key_file(self) -> Path | None: ...


class PrepareParts(Protocol):
    """What reading, parsing, classifying and redacting need: the run's Pipeline, or a worker
    process's own parts (flows/workers.py), which have no model backend."""

    @property
    def settings(self) -> PrepareSettings: ...

    @property
    def limits(self) -> ParseLimits: ...

    @property
    def ocr(self) -> TesseractOcr: ...

    @property
    def redactor(self) -> Redactor: ...

    @property
    def store(self) -> AuditStore: ...


Starting = Callable[[StageName, Ingested | None], None]
"""Hears of each stage before it runs (a worker process tells the batch, for its budget)."""


def _nothing(_stage: StageName, _ingested: Ingested | None) -> None:
    pass


def vault_of(parts: PrepareParts) -> VaultOpener | None:
    """The vault for the originals when a vault key is configured, else None."""
    key_file = parts.settings.vault_key_file
    if key_file is None:
        return None
    return lambda: Vault(parts.store.engine, load_vault_key(key_file))


def prepare_document(path: str, parts: PrepareParts, starting: Starting = _nothing) -> Prepared:
    """Ingest, parse/OCR, classify and redact the file at `path`."""
    starting("ingest", None)
    loaded = ingest_stage(path, parts.limits)
    ingested = loaded.value.ingested if loaded.value else None
    starting("parse", ingested)
    parsed = parse_stage(loaded, parts.limits, parts.ocr)
    starting("classify", ingested)
    classified = classify_stage(parsed, parts.settings.domain)
    starting("redact", ingested)
    redacted = redact_stage(parsed, classified, parts.redactor, vault_of(parts))
    # Only what later stages need leaves: the file's bytes and the original text stay here.
    kept = Staged(loaded.value.shipped() if loaded.value else None, loaded.stop, loaded.elapsed_s)
    facts = ParsedFacts.of(parsed.value) if parsed.value else None
    return Prepared(kept, Staged(facts, parsed.stop, parsed.elapsed_s), classified, redacted)
