"""The stages of one document as plain functions, run by three Prefect tasks per document.

Privacy: Prefect records flow parameters and can persist and cache task results. Every task
here that sees document text runs with `persist_result=False` and `NO_CACHE`, receives file
paths rather than contents as parameters, and hands text on only in memory. The pipeline's
components travel as a `PipelineRef` (settings and configuration), stage values as `Carried`,
so Prefect neither walks nor records them.

Errors are data: a stage that meets bad input returns a `Stop` and the later stages pass it
through, so the record task writes a rejection with its reason. Transient faults (I/O, a
busy database, a retryable backend error) raise instead, and Prefect retries the task.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, Literal, Protocol, TypeVar

from prefect import task
from prefect.cache_policies import NO_CACHE
from prefect.client.schemas.objects import State, TaskRun
from prefect.concurrency.sync import concurrency
from prefect.tasks import Task

from audit.vault import Vault, load_vault_key
from extractors.checks import check_output
from extractors.classify import detect_domain
from extractors.errors import ExtractorError, InputGone, RejectedInput
from extractors.ingest import ingest
from extractors.llm.base import GenerationRequest
from extractors.parse import parse_document
from extractors.render import render_summary
from extractors.routing import route
from flows import recording
from flows.errors import FileAccessError
from flows.pipeline import Pipeline, pipeline_in_this_process
from flows.settings import MODEL_LIMIT, Settings
from schemas.decision import CheckedOutput, RenderedSummary
from schemas.document import Domain, Ingested, PageFacts, ParsedDocument
from schemas.errors import AttestError
from schemas.generation import GenerationResult
from schemas.outputs import json_schema, schema_ref
from schemas.redaction import RedactedDocument

if TYPE_CHECKING:
    from audit import AuditStore
    from extractors.limits import ParseLimits
    from extractors.ocr.tesseract import TesseractOcr
    from extractors.redact import Redactor

T = TypeVar("T")
StageName = Literal["ingest", "parse", "redact", "generate", "check", "record", "prepare"]


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
    ingested: Ingested
    data: bytes = field(repr=False)


@dataclass(frozen=True)
class Generated:
    domain: Domain
    domain_source: Literal["configured", "detected"]
    result: GenerationResult


@dataclass(frozen=True)
class Checked:
    checked: CheckedOutput
    summary: RenderedSummary


def _is_transient(_task: Task[Any, Any], _run: TaskRun, state: State[Any]) -> bool:
    """Retry only what a retry can fix: I/O hiccups and errors that say they are retryable."""
    try:
        state.result()
    except AttestError as error:
        return error.retryable
    except (OSError, TimeoutError):
        return True
    except Exception:
        return False
    return False


PRIVATE: dict[str, Any] = {
    "cache_policy": NO_CACHE,
    "persist_result": False,
    "retry_condition_fn": _is_transient,
    "retry_delay_seconds": [1, 5, 15],
}


def _timed(stage: StageName, work: Callable[[], T], *, retry: bool = True) -> Staged[T]:
    """Run a stage, turning bad input into a rejection and our own faults into a failure.

    With `retry`, retryable errors propagate so Prefect retries the task; the check stage
    passes retry=False because re-checking the same output cannot change the verdict.
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


def _passthrough(upstream: Staged[Any]) -> Staged[Any] | None:
    return Staged(None, upstream.stop, 0.0) if upstream.stop is not None else None


class PrepareParts(Protocol):
    """What reading, parsing and redacting need: the run's Pipeline, or a worker process's own
    parts (flows/workers.py), which have no model backend."""

    @property
    def settings(self) -> Settings: ...

    @property
    def limits(self) -> ParseLimits: ...

    @property
    def ocr(self) -> TesseractOcr: ...

    @property
    def redactor(self) -> Redactor: ...

    @property
    def store(self) -> AuditStore: ...


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
class Prepared:
    """A document read, parsed and redacted, each stage with its own result and time."""

    loaded: Staged[Loaded]
    parsed: Staged[ParsedFacts]
    redacted: Staged[RedactedDocument]


def ingest_stage(path: str, pipeline: PrepareParts) -> Staged[Loaded]:
    def work() -> Loaded:
        ingested, data = ingest(Path(path), pipeline.limits)
        return Loaded(ingested, data)

    return _timed("ingest", work)


def parse_stage(loaded: Staged[Loaded], pipeline: PrepareParts) -> Staged[ParsedDocument]:
    if (stopped := _passthrough(loaded)) is not None:
        return stopped
    assert loaded.value is not None
    value = loaded.value
    return _timed(
        "parse",
        lambda: parse_document(value.data, value.ingested, pipeline.limits, pipeline.ocr),
    )


def redact_stage(
    parsed: Staged[ParsedDocument], pipeline: PrepareParts
) -> Staged[RedactedDocument]:
    if (stopped := _passthrough(parsed)) is not None:
        return stopped
    assert parsed.value is not None
    document = parsed.value

    def work() -> RedactedDocument:
        # The domain picks the redaction policy, so it is settled here, on the parsed text.
        setting = pipeline.settings.domain
        domain: Domain = detect_domain(document.text) if setting == "auto" else setting
        key_file = pipeline.settings.vault_key_file
        if key_file is None:
            return pipeline.redactor.redact(document.doc_id, document.text, domain)
        redacted, originals = pipeline.redactor.redact_with_originals(
            document.doc_id, document.text, domain
        )
        Vault(pipeline.store.engine, load_vault_key(key_file)).put(redacted, originals)
        return redacted

    return _timed("redact", work)


def generate_stage(redacted: Staged[RedactedDocument], pipeline: Pipeline) -> Staged[Generated]:
    if (stopped := _passthrough(redacted)) is not None:
        return stopped
    assert redacted.value is not None
    document = redacted.value

    def work() -> Generated:
        setting = pipeline.settings.domain
        domain: Domain = document.policy.domain or (
            detect_domain(document.text) if setting == "auto" else setting
        )
        request = GenerationRequest(
            domain=domain,
            redacted_text=document.text,
            schema_ref=schema_ref(domain),
            json_schema=json_schema(domain),
        )
        source: Literal["configured", "detected"] = (
            "detected" if setting == "auto" else "configured"
        )
        if pipeline.config.identity.is_language_model and os.environ.get("PREFECT_API_URL"):
            # On a Prefect server, every worker shares one cap on model requests in flight.
            with concurrency(MODEL_LIMIT, occupy=1, strict=False):
                return Generated(domain, source, pipeline.backend.generate(request))
        return Generated(domain, source, pipeline.backend.generate(request))

    return _timed("generate", work)


def check_stage(
    generated: Staged[Generated],
    redacted: Staged[RedactedDocument],
    parsed: Staged[ParsedFacts],
    pipeline: Pipeline,
) -> Staged[Checked]:
    if (stopped := _passthrough(generated)) is not None:
        return stopped
    assert generated.value is not None and redacted.value is not None and parsed.value is not None
    gen, text, confidence = generated.value, redacted.value.text, parsed.value.min_ocr_confidence

    def work() -> Checked:
        checked = check_output(
            gen.domain,
            gen.result.raw_output,
            text,
            min_ocr_confidence=confidence,
            low_ocr_confidence=pipeline.settings.low_ocr_confidence,
        )
        # The rules' safety floor holds over every backend (extractors/routing.py).
        rules_backend = gen.result.identity.backend == "rules"
        checked = route(checked, text, "rules" if rules_backend else "model")
        return Checked(checked, render_summary(checked, gen.result.identity))

    return _timed("check", work, retry=False)


# Three tasks per document, split where the work changes kind: local CPU work on the file,
# the model call, and the checks with the audit transaction. Each Prefect task run costs
# 15-40 ms of orchestration on this machine; six per document capped a model-bound batch at
# a fraction of the server's capacity (see bench/model_throughput.py).


class Carried(Generic[T]):
    """A value handed to a task as is: Prefect does not walk into it looking for futures, and
    Dask does not mistake it for a task spec (both happen to tuples, `quote` included)."""

    __slots__ = ("value",)

    def __init__(self, value: T) -> None:
        self.value = value


class PipelineRef:
    """How tasks reach the run's pipeline: in this process the one the flow built, in a Dask
    worker one built there from the same settings and configuration (see Pipeline)."""

    __slots__ = ("config", "settings")

    def __init__(self, pipeline: Pipeline) -> None:
        self.settings, self.config = pipeline.settings, pipeline.config

    def get(self) -> Pipeline:
        return pipeline_in_this_process(self.settings, self.config)


def prepare_document(
    path: str, parts: PrepareParts, starting: Callable[[StageName, Ingested | None], None]
) -> Prepared:
    """Ingest, parse/OCR and redact; `starting` hears of each stage before it runs."""
    starting("ingest", None)
    loaded = ingest_stage(path, parts)
    ingested = loaded.value.ingested if loaded.value else None
    starting("parse", ingested)
    parsed = parse_stage(loaded, parts)
    starting("redact", ingested)
    redacted = redact_stage(parsed, parts)
    # Only what later stages need leaves: the file's bytes and the unredacted text stay here.
    kept = Staged(Loaded(ingested, b"") if ingested else None, loaded.stop, loaded.elapsed_s)
    facts = ParsedFacts.of(parsed.value) if parsed.value else None
    return Prepared(kept, Staged(facts, parsed.stop, parsed.elapsed_s), redacted)


def _nothing(_stage: StageName, _ingested: Ingested | None) -> None:
    pass


@contextmanager
def _no_file_names(stage: StageName) -> Iterator[None]:
    """An OSError names its files; re-raised without them (and without the original in the
    traceback Prefect logs), still retryable."""
    try:
        yield
    except OSError as error:
        raise FileAccessError(stage, error) from None


@task(name="prepare", **PRIVATE)
def prepare_task(path: str, ref: PipelineRef) -> Carried[Prepared]:
    """Ingest, parse/OCR and redact: unredacted text exists only inside this task, or, with
    worker processes, only inside the worker process that does the work."""
    pipeline = ref.get()
    with _no_file_names("prepare"):
        if pipeline.workers is not None:
            return Carried(pipeline.workers.prepare(path))
        return Carried(prepare_document(path, pipeline, _nothing))


@task(name="generate", **PRIVATE)
def generate_task(prepared: Carried[Prepared], ref: PipelineRef) -> Carried[Staged[Generated]]:
    return Carried(generate_stage(prepared.value.redacted, ref.get()))


@task(name="record", cache_policy=NO_CACHE, persist_result=False, retry_condition_fn=_is_transient)
def record_task(
    path: str,
    prepared: Carried[Prepared],
    generated: Carried[Staged[Generated]],
    ref: PipelineRef,
) -> recording.DocOutcome:
    """Check and render, write outputs, append the events in one transaction, move the file."""
    pipeline, done = ref.get(), prepared.value
    checked = check_stage(generated.value, done.redacted, done.parsed, pipeline)
    with _no_file_names("record"):
        return recording.record_document(
            Path(path), done.loaded, done.parsed, done.redacted, generated.value, checked, pipeline
        )


@cache
def _with_retries(retries: int) -> tuple[Any, Any, Any]:
    # with_options builds a new Task (3 ms, it inspects the function's source): once per run.
    return tuple(
        t.with_options(retries=retries) for t in (prepare_task, generate_task, record_task)
    )  # type: ignore[return-value]


def submit_prepare(path: Path, pipeline: Pipeline) -> Any:
    prepare, _, _ = _with_retries(pipeline.settings.retries)
    return prepare.submit(str(path), PipelineRef(pipeline))


def submit_next(path: Path, futures: list[Any], pipeline: Pipeline) -> Any:
    """Submit a document's next task with the finished results of the ones before it.

    Values, not futures, are passed: the task then starts at once instead of holding a worker
    thread while it waits for its upstream task.
    """
    _, generate, record = _with_retries(pipeline.settings.retries)
    ref = PipelineRef(pipeline)
    if len(futures) == 1:
        return generate.submit(futures[0].result(), ref)
    return record.submit(str(path), futures[0].result(), futures[1].result(), ref)
