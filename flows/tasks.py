"""Three Prefect tasks per document, thin wrappers around the stages in flows/stages/.

    prepare   ingest, parse, classify, redact   (local CPU work on the file; worker processes)
    generate  generate                          (the model call; the rules in worker processes)
    record    check, render, record             (the checks and the audit transaction)

Split where the work changes kind: each Prefect task run costs 15-40 ms of orchestration on
this machine; one per stage capped a model-bound batch at a fraction of the server's
capacity (see bench/model_throughput.py).

Privacy: Prefect records flow parameters and can persist and cache task results. Every task
here runs with `persist_result=False` and `NO_CACHE` and receives file paths rather than
contents as parameters. The original text exists only inside the prepare task (or, with
worker processes, inside the worker process doing its work): what prepare returns is a
`Prepared` of file identity, page facts, the domain and the redacted text
(tests/flows/test_original_text_stays.py holds every task result to that). The pipeline's
components travel as a `PipelineRef` (settings and configuration), stage values as
`Carried`, so Prefect neither walks nor records them.

Bad input is data (a `Stop` the later stages pass on, recorded as a rejection); transient
faults (I/O, a busy database, a retryable backend error) raise, and Prefect retries the task.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from functools import cache
from pathlib import Path
from typing import Any, Generic, TypeVar

from prefect import task
from prefect.cache_policies import NO_CACHE
from prefect.client.schemas.objects import State, TaskRun
from prefect.concurrency.sync import concurrency
from prefect.tasks import Task

from flows import recording
from flows.errors import FileAccessError
from flows.pipeline import PIPELINES, Pipeline
from flows.settings import MODEL_LIMIT
from flows.stages import (
    DocumentResult,
    ModelSlot,
    Prepared,
    Staged,
    StageName,
    check_stage,
    generate_stage,
    prepare_document,
    render_stage,
)
from schemas.errors import AttestError
from schemas.generation import GenerationResult

T = TypeVar("T")


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


class Carried(Generic[T]):
    """A value handed to a task as is: Prefect does not walk into it looking for futures, and
    Dask does not mistake it for a task spec (both happen to tuples, `quote` included)."""

    __slots__ = ("value",)

    def __init__(self, value: T) -> None:
        self.value = value


class PipelineRef:
    """How tasks reach the run's pipeline: in this process the one the flow built, in a Dask
    worker one built there from the same settings and configuration (see flows/pipeline.py)."""

    __slots__ = ("config", "settings", "shared_model_limit")

    def __init__(self, pipeline: Pipeline) -> None:
        self.settings, self.config = pipeline.settings, pipeline.config
        self.shared_model_limit = pipeline.shared_model_limit

    def get(self) -> Pipeline:
        return PIPELINES.get(self.settings, self.config, self.shared_model_limit)


def model_slot(pipeline: Pipeline) -> ModelSlot:
    """On a Prefect server, every worker shares one cap on language-model requests in flight."""
    if pipeline.config.identity.is_language_model and pipeline.shared_model_limit:

        def slot() -> AbstractContextManager[object]:
            return concurrency(MODEL_LIMIT, occupy=1, strict=False)

        return slot
    return nullcontext


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
    """Ingest, parse/OCR, classify and redact: the original text exists only inside this
    task, or, with worker processes, only inside the worker process that does the work."""
    pipeline = ref.get()
    with _no_file_names("prepare"):
        if pipeline.workers is not None:
            return Carried(pipeline.workers.prepare(path))
        return Carried(prepare_document(path, pipeline.prepare_parts()))


@task(name="generate", **PRIVATE)
def generate_task(
    prepared: Carried[Prepared], ref: PipelineRef
) -> Carried[Staged[GenerationResult]]:
    """Generate in this process (a model backend: threads wait for the server or share the one
    local model), or in a worker process (the `rules` backend: CPU-bound, one core each)."""
    pipeline, done = ref.get(), prepared.value
    workers = pipeline.workers
    if workers is not None and workers.generates:
        return Carried(workers.generate(done.redacted, done.classified))
    return Carried(
        generate_stage(done.redacted, done.classified, pipeline.backend, model_slot(pipeline))
    )


@task(name="record", cache_policy=NO_CACHE, persist_result=False, retry_condition_fn=_is_transient)
def record_task(
    path: str,
    prepared: Carried[Prepared],
    generated: Carried[Staged[GenerationResult]],
    ref: PipelineRef,
) -> recording.DocOutcome:
    """Check and render, write outputs, append the events in one transaction, move the file."""
    pipeline, done = ref.get(), prepared.value
    checked = check_stage(generated.value, done, pipeline.settings.low_ocr_confidence)
    rendered = render_stage(checked, generated.value)
    result = DocumentResult(done, generated.value, checked, rendered)
    with _no_file_names("record"):
        return recording.record_document(Path(path), result, pipeline)


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
