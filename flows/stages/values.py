"""What the stages hand each other: a value or the reason there is none, and how long it took.

Errors are data: a stage that meets bad input returns a `Stop`, and every later stage passes
it on, so the record stage writes a rejection with its reason. Transient faults (I/O, a busy
database, a retryable backend error) raise instead, so that the task around the stage retries.

Privacy: every value here may cross a task boundary or a process boundary (a worker process's
pipe, Dask), so none holds the original text. The parse stage's `ParsedDocument` never leaves
`prepare_document`: what follows it is `ParsedFacts` (page provenance) and the redacted text.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Generic, Literal, TypeVar

from extractors.errors import ExtractorError, InputGone, RejectedInput
from schemas.decision import CheckedOutput, RenderedSummary
from schemas.document import Domain, Ingested, PageFacts, ParsedDocument
from schemas.generation import GenerationResult
from schemas.redaction import RedactedDocument

T = TypeVar("T")
StageName = Literal[
    "ingest", "parse", "classify", "redact", "generate", "check", "render", "record", "prepare"
]
DomainSource = Literal["configured", "detected"]


@dataclass(frozen=True)
class Stop:
    """Why a document's processing stopped: rejected (bad input) or failed (our side)."""

    stage: StageName
    kind: Literal["rejected", "failed", "skipped"]
    code: str
    reason: str
    hint: str = ""
    retryable: bool = False


@dataclass(frozen=True)
class Staged(Generic[T]):
    """A stage's value (or why there is none) and how long the stage took."""

    value: T | None
    stop: Stop | None
    elapsed_s: float


@dataclass(frozen=True)
class Loaded:
    """A file read into memory. Its bytes stay in the process that read them (see `shipped`)."""

    ingested: Ingested
    data: bytes = field(repr=False)

    def shipped(self) -> Loaded:
        """What travels on: the file's identity, not its bytes."""
        return Loaded(self.ingested, b"")


@dataclass(frozen=True)
class ParsedFacts:
    """What the later stages need of a parsed document: its provenance, never its text, which
    stays in the process (a worker's, with worker processes) that parsed and redacted it."""

    doc_id: str
    pages: tuple[PageFacts, ...]
    parser: str
    ocr_engine: str | None
    min_ocr_confidence: float | None

    @classmethod
    def of(cls, document: ParsedDocument) -> ParsedFacts:
        pages = tuple(
            PageFacts(
                number=p.number, source=p.source, chars=len(p.text), ocr_confidence=p.ocr_confidence
            )
            for p in document.pages
        )
        return cls(
            document.doc_id,
            pages,
            document.parser,
            document.ocr_engine,
            document.min_ocr_confidence,
        )


@dataclass(frozen=True)
class Classified:
    """The document's domain, decided once, and whether the settings named it or it was
    detected from the text. It picks the redaction policy, the schema and the checks."""

    domain: Domain
    source: DomainSource


@dataclass(frozen=True)
class Prepared:
    """A document read, parsed, classified and redacted, each stage with its own result and
    time: what leaves the process that did the work (no file bytes, no original text)."""

    loaded: Staged[Loaded]
    parsed: Staged[ParsedFacts]
    classified: Staged[Classified]
    redacted: Staged[RedactedDocument]

    @property
    def doc_id(self) -> str | None:
        return self.loaded.value.ingested.doc_id if self.loaded.value is not None else None

    @property
    def stages(self) -> tuple[tuple[StageName, Staged[Any]], ...]:
        return (
            ("ingest", self.loaded),
            ("parse", self.parsed),
            ("classify", self.classified),
            ("redact", self.redacted),
        )

    @property
    def stop(self) -> Stop | None:
        """The first of these stages' reasons to stop, if one stopped."""
        return next((staged.stop for _, staged in self.stages if staged.stop is not None), None)


@dataclass(frozen=True)
class DocumentResult:
    """One document through every stage before record: its id, the domain decided once, page
    facts, the redacted text, the generation, the checked output and the rendered summary."""

    prepared: Prepared
    generated: Staged[GenerationResult]
    checked: Staged[CheckedOutput]
    rendered: Staged[RenderedSummary]

    @property
    def doc_id(self) -> str | None:
        return self.prepared.doc_id

    @property
    def stages(self) -> tuple[tuple[StageName, Staged[Any]], ...]:
        return (
            *self.prepared.stages,
            ("generate", self.generated),
            ("check", self.checked),
            ("render", self.rendered),
        )

    @property
    def stop(self) -> Stop | None:
        """The first stage's reason to stop, if any stage stopped."""
        return next((staged.stop for _, staged in self.stages if staged.stop is not None), None)

    @property
    def elapsed_s(self) -> float:
        return sum(staged.elapsed_s for _, staged in self.stages)

    @property
    def timings(self) -> dict[str, float]:
        """Seconds per stage, in stage order."""
        return {name: staged.elapsed_s for name, staged in self.stages}


def timed(stage: StageName, work: Callable[[], T], *, retry: bool = True) -> Staged[T]:
    """Run a stage, turning bad input into a rejection and our own faults into a failure.

    With `retry`, retryable errors propagate so the task retries; the check and render stages
    pass retry=False because doing them again on the same output cannot change the verdict.
    """
    started = time.perf_counter()
    try:
        value = work()
    except RejectedInput as error:
        kind: Literal["rejected", "skipped"] = (
            "skipped" if isinstance(error, InputGone) else "rejected"
        )
        stop = Stop(stage, kind, error.code, error.message, error.hint)
        return Staged(None, stop, time.perf_counter() - started)
    except ExtractorError as error:
        if error.retryable and retry:
            raise
        stop = Stop(stage, "failed", type(error).__name__, error.message, error.hint)
        return Staged(None, stop, time.perf_counter() - started)
    return Staged(value, None, time.perf_counter() - started)


def passed_on(*upstream: Staged[Any]) -> Staged[Any] | None:
    """The first upstream stop handed on (a stage with one does no work), else None."""
    for staged in upstream:
        if staged.stop is not None:
            return Staged(None, staged.stop, 0.0)
    return None
