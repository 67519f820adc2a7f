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
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, Generic, Literal, TypeVar

from prefect import task
from prefect.cache_policies import NO_CACHE
from prefect.client.schemas.objects import State, TaskRun
from prefect.concurrency.sync import concurrency
from prefect.tasks import Task

from audit.vault import Vault, load_vault_key
from extractors.checks import check_output
from extractors.classify import detect_domain
from extractors.errors import ExtractorError, RejectedInput
from extractors.ingest import ingest
from extractors.llm.base import GenerationRequest
from extractors.parse import parse_document
from extractors.render import render_summary
from extractors.routing import route
from flows import recording
from flows.pipeline import Pipeline, pipeline_in_this_process
from flows.settings import MODEL_LIMIT
from schemas.decision import CheckedOutput, RenderedSummary
from schemas.document import Domain, Ingested, ParsedDocument
from schemas.errors import AttestError
from schemas.generation import GenerationResult
from schemas.outputs import json_schema, schema_ref
from schemas.redaction import RedactedDocument

T = TypeVar("T")
StageName = Literal["ingest", "parse", "redact", "generate", "check", "record", "prepare"]


@dataclass(frozen=True)
class Stop:
    """Why a document's processing stopped: rejected (bad input) or failed (our side)."""

    stage: StageName
    kind: Literal["rejected", "failed"]
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
        stop = Stop(stage, "rejected", error.code, error.message, error.hint)
        return Staged(None, stop, time.perf_counter() - started)
    except ExtractorError as error:
        if error.retryable and retry:
            raise
        stop = Stop(stage, "failed", type(error).__name__, error.message, error.hint)
        return Staged(None, stop, time.perf_counter() - started)
    return Staged(value, None, time.perf_counter() - started)


def _passthrough(upstream: Staged[Any]) -> Staged[Any] | None:
    return Staged(None, upstream.stop, 0.0) if upstream.stop is not None else None


@dataclass(frozen=True)
class Prepared:
    """A document read, parsed and redacted, each stage with its own result and time."""

    loaded: Staged[Loaded]
    parsed: Staged[ParsedDocument]
    redacted: Staged[RedactedDocument]


def ingest_stage(path: str, pipeline: Pipeline) -> Staged[Loaded]:
    def work() -> Loaded:
        ingested, data = ingest(Path(path), pipeline.limits)
        return Loaded(ingested, data)

    return _timed("ingest", work)


def parse_stage(loaded: Staged[Loaded], pipeline: Pipeline) -> Staged[ParsedDocument]:
    if (stopped := _passthrough(loaded)) is not None:
        return stopped
    assert loaded.value is not None
    value = loaded.value
    return _timed(
        "parse",
        lambda: parse_document(value.data, value.ingested, pipeline.limits, pipeline.ocr),
    )


def redact_stage(parsed: Staged[ParsedDocument], pipeline: Pipeline) -> Staged[RedactedDocument]:
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
    parsed: Staged[ParsedDocument],
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


@task(name="prepare", **PRIVATE)
def prepare_task(path: str, ref: PipelineRef) -> Carried[Prepared]:
    """Ingest, parse/OCR and redact: unredacted text exists only inside this task."""
    pipeline = ref.get()
    loaded = ingest_stage(path, pipeline)
    parsed = parse_stage(loaded, pipeline)
    redacted = redact_stage(parsed, pipeline)
    # Only what later stages need leaves: the file's bytes are dropped here.
    kept = Staged(
        Loaded(loaded.value.ingested, b"") if loaded.value else None, loaded.stop, loaded.elapsed_s
    )
    return Carried(Prepared(kept, parsed, redacted))


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
