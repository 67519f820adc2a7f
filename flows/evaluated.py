"""One labelled document through the batch's own stage functions (flows/stages/), for the
evaluations (`attest eval flags`, `eval triage`, `eval summaries`) and the training dataset.

The document is read as its labelled domain, redacted, generated and checked exactly as in a
batch, without an audit store and without a vault (an evaluation keeps no originals). What an
evaluation makes of the outcome is its own business, but every one of them sees the same three:
- rejected input (damaged, encrypted, empty): `rejected`, no output;
- no schema-valid answer within the backend's attempts: `schema_invalid`, no output;
- otherwise the checked output, routed under the rules' safety floor.
A stop of our own making (a failed stage, not bad input) ends the evaluation: a figure computed
over documents the pipeline failed on would not describe the pipeline.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from extractors.checks import SchemaViolation
from flows.errors import FlowError
from flows.stages import Prepared, Stop, check_stage, generate_stage, prepare_document
from schemas.document import Domain

if TYPE_CHECKING:
    from audit import AuditStore
    from extractors.limits import ParseLimits
    from extractors.llm.base import Backend
    from extractors.ocr.tesseract import TesseractOcr
    from extractors.redact import Redactor
    from flows.components import Components
    from schemas.decision import CheckedOutput


class DocumentStopped(FlowError):
    """A document stopped for a reason of ours (not bad input): the evaluation stops."""

    def __init__(self, name: str, stop: Stop) -> None:
        super().__init__(f"{name}: {stop.stage}: {stop.code}: {stop.reason}", hint=stop.hint)


@dataclass(frozen=True)
class LabelledSettings:
    """The labelled domain for every stage, and no vault: evaluations keep no originals."""

    domain: Domain
    vault_key_file: Path | None = None


@dataclass(frozen=True)
class LabelledParts:
    """The batch's prepare parts (flows/stages/prepare.py) without an audit store."""

    settings: LabelledSettings
    components: Components

    @classmethod
    def of(cls, components: Components, domain: Domain) -> LabelledParts:
        return cls(LabelledSettings(domain), components)

    @property
    def limits(self) -> ParseLimits:
        return self.components.limits

    @property
    def ocr(self) -> TesseractOcr:
        return self.components.ocr

    @property
    def redactor(self) -> Redactor:
        return self.components.redactor

    @property
    def store(self) -> AuditStore:
        raise AssertionError("an evaluation writes no vault and has no audit store")


@dataclass(frozen=True)
class Evaluated:
    """One document's outcome: the checked output, or why there is none."""

    prepared: Prepared
    checked: CheckedOutput | None
    rejected: bool = False
    schema_invalid: bool = False


def evaluate_document(path: Path, domain: Domain, components: Components) -> Evaluated:
    """Read, redact, generate with the configured backend and check one file."""
    prepared = prepare_document(str(path), LabelledParts.of(components, domain))
    if (stopped := prepared.stop) is not None:
        if stopped.kind == "failed":
            raise DocumentStopped(path.name, stopped)
        return Evaluated(prepared, None, rejected=True)
    return generate_and_check(path.name, prepared, components, components.backend)


def generate_and_check(
    name: str, prepared: Prepared, components: Components, backend: Backend
) -> Evaluated:
    """The generate and check stages of the prepared document `name`, with `backend`."""
    try:
        generated = generate_stage(prepared.redacted, prepared.classified, backend)
    except SchemaViolation:
        return Evaluated(prepared, None, schema_invalid=True)
    checked = check_stage(generated, prepared, components.limits.low_ocr_confidence)
    if checked.stop is not None:
        if checked.stop.code == SchemaViolation.__name__:
            return Evaluated(prepared, None, schema_invalid=True)
        raise DocumentStopped(name, checked.stop)
    return Evaluated(prepared, checked.value)
