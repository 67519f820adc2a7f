"""The nightly batch: a Prefect flow over an inbox folder.

Documents are submitted in windows of a few times the worker count, so memory stays flat
however large the inbox is; each document's stages (flows/stages/: ingest, parse, classify,
redact, generate, check, render, record) run as three tasks (flows/tasks.py: prepare,
generate, record) on a bounded thread pool.
The flow's parameters are the inbox path and the settings (the database URL is a secret
there): no document text is ever a parameter.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from queue import Empty, SimpleQueue
from typing import Any

from prefect import flow
from prefect.context import FlowRunContext
from prefect.task_runners import ThreadPoolTaskRunner

from extractors.errors import InputGone
from extractors.ingest import display_name
from flows import recording
from flows.errors import FileAccessError, InboxError
from flows.files import SkippedEntry, file_sha256, list_inbox
from flows.interrupt import GRACE_S, StopSignals
from flows.memory import limit_arenas, release_free_memory
from flows.pipeline import Pipeline, build_pipeline
from flows.prefect_api import start_embedded_api, stop_embedded_api
from flows.progress import BatchProgress
from flows.recording import DocOutcome
from flows.run_lock import RunLock
from flows.run_start import new_run_id, workers_started_early
from flows.settings import Settings
from flows.stages import Prepared, Staged, Stop
from flows.tasks import Carried, submit_next, submit_prepare
from flows.workers import thread_count
from schemas.events import EventType, RunFinished, RunStarted

_TASKS = ("prepare", "generate", "record")


@dataclass
class DocumentRun:
    """A document in flight: its task futures so far, in task order."""

    path: Path
    futures: list[Any]
    started: float


@dataclass(frozen=True)
class BatchResult:
    run_id: str
    config_hash: str
    db: str
    out: Path
    outcomes: tuple[DocOutcome, ...]
    elapsed_s: float
    skipped_entries: tuple[SkippedEntry, ...] = ()
    """Inbox entries left alone from the start (links, FIFOs, folders, hidden, partial)."""
    interrupted_by: int | None = None
    """The signal that stopped the run early; its unfinished documents stay in the inbox."""
    left_in_inbox: int = 0

    def count(self, status: str) -> int:
        return sum(1 for o in self.outcomes if o.status == status)

    @property
    def needs_review(self) -> int:
        return sum(1 for o in self.outcomes if o.review)


def _failure(path: Path, futures: list[Any], pipeline: Pipeline, elapsed: float) -> DocOutcome:
    """A stage raised even after its retries: record a failure; the file stays for the next run."""
    stage, error = "record", None
    for name, future in zip(_TASKS, futures, strict=False):
        state = future.state
        if not state.is_completed():
            stage = name
            error = state.result(raise_on_failure=False)
            break
    kind = type(error).__name__ if isinstance(error, BaseException) else "Crashed"
    # Third-party messages may quote document content: record the error's class, not its text.
    reason = getattr(error, "message", None) or f"{kind} in stage {stage}"
    hint = (
        getattr(error, "hint", "")
        or "the document stays in the inbox and is retried by the next run"
    )
    stop = Stop(stage, "failed", kind, reason, hint, retryable=True)  # type: ignore[arg-type]
    prepared = (
        futures[0].state.result(raise_on_failure=False) if futures[0].state.is_completed() else None
    )
    staged = (
        prepared.value.loaded
        if isinstance(prepared, Carried) and isinstance(prepared.value, Prepared)
        else Staged(None, None, 0.0)
    )
    try:
        doc_id = staged.value.ingested.doc_id if staged.value is not None else file_sha256(path)
    except InputGone as gone:  # deleted or swapped since: nothing to record it under
        return recording.gone_outcome(path, gone, stage, elapsed)
    except OSError as error:  # unreadable now: reported, and retried by the next run
        return DocOutcome(
            display_name(path),
            "",
            "failed",
            reason=f"{stage}: {kind}: {reason}; then {type(error).__name__} reading the file",
            reason_code=kind,
            elapsed_s=elapsed,
        )
    return recording.record_stop(path, doc_id, staged, stop, pipeline, elapsed)


RELEASE_EVERY = 200


def _forget(run: DocumentRun) -> None:
    """Drop Prefect's per-flow-run links to a finished document's task results.

    Prefect maps every task result to its state for dependency tracking, for the whole flow
    run; over thousands of documents that grows the process. A finished document needs none.
    """
    context = FlowRunContext.get()
    if context is None:
        return
    for future in run.futures:
        if future.state.is_completed():
            context.run_results.pop(id(future.result()), None)


def _run_documents(
    paths: Sequence[Path], pipeline: Pipeline, progress: BatchProgress, stop: StopSignals
) -> tuple[list[DocOutcome], int]:
    """Every document's outcome, and how many were still in flight when a stop signal's grace
    ran out (abandoned: their files stay in the inbox)."""
    outcomes: list[DocOutcome] = []
    decided = pipeline.store.decision_ids_for_config(pipeline.config.config_hash)
    todo: list[Path] = []
    for path in paths:
        if stop.requested.is_set():
            break
        try:
            doc_id = file_sha256(path)
        except InputGone as gone:  # vanished or swapped since the listing: nothing to record
            outcomes.append(recording.gone_outcome(path, gone, "ingest", 0.0))
            progress.advance(outcomes[-1])
            continue
        if doc_id in decided:
            event = pipeline.store.events(
                decision_id=decided[doc_id], event_type=EventType.DECISION_RECORDED
            )
            try:
                outcomes.append(recording.settle_skipped(path, doc_id, event[-1], pipeline))
            except OSError as error:  # cannot move it (yet): reported, retried next run
                reason = FileAccessError("record", error).message
                outcomes.append(
                    DocOutcome(display_name(path), doc_id, "failed", reason=f"record: {reason}")
                )
            progress.advance(outcomes[-1])
        else:
            todo.append(path)
    # A sliding window of documents in flight, each advanced one task at a time: a task is
    # submitted only when its input is ready, so no worker thread sits blocked on an upstream
    # future, and a model server behind the workers stays busy. Memory holds at most `window`
    # documents however large the inbox.
    window = max(2, 2 * thread_count(pipeline.settings))
    queue = iter(todo)
    finished: SimpleQueue[Any] = SimpleQueue()
    running: dict[int, DocumentRun] = {}

    def track(run: DocumentRun) -> None:
        future = run.futures[-1]
        running[id(future)] = run
        # Works for every task runner's futures (threads, Dask): each reports when it is done.
        future.add_done_callback(finished.put)

    def start_next() -> None:
        path = None if stop.requested.is_set() else next(queue, None)
        if path is not None:
            track(DocumentRun(path, [submit_prepare(path, pipeline)], time.perf_counter()))

    for _ in range(window):
        start_next()
    deadline = None
    while running:
        if stop.requested.is_set():
            deadline = deadline or time.monotonic() + GRACE_S
            if time.monotonic() > deadline:
                break  # what is still running is abandoned; its files stay in the inbox
        try:
            # A timeout, so that a stop signal is noticed while every worker is busy.
            current = finished.get(timeout=0.2)
        except Empty:
            continue
        run = running.pop(id(current))
        current.wait()
        if not current.state.is_completed():
            outcome = _failure(run.path, run.futures, pipeline, time.perf_counter() - run.started)
        elif len(run.futures) < len(_TASKS):
            run.futures.append(submit_next(run.path, run.futures, pipeline))
            track(run)
            continue
        else:
            outcome = current.result()
        _forget(run)
        if len(outcomes) % RELEASE_EVERY == 0:
            release_free_memory()
        outcomes.append(outcome)
        progress.advance(outcome)
        start_next()
    return outcomes, len(running)


@flow(name="attest-batch", persist_result=False, log_prints=False, validate_parameters=False)
def batch_flow(inbox: str, settings: Settings, run_id: str | None = None) -> BatchResult:
    """Process every file in `inbox`. The result is returned in memory, never persisted."""
    started = time.perf_counter()
    inbox_dir = Path(inbox)
    if not inbox_dir.is_dir():
        raise InboxError(
            f"inbox {inbox_dir} is not a folder", hint="pass the folder holding the documents"
        )
    paths, skipped_entries = list_inbox(inbox_dir)
    pipeline = build_pipeline(settings, run_id)
    config = pipeline.config
    run_started = RunStarted(
        config_hash=config.config_hash,
        code_version=config.code_version,
        domain_setting=config.domain_setting,
        identity=config.identity,
        instructions=config.instructions,
        schemas=config.schemas,
        redaction=config.redaction,
        parser=config.parser,
        ocr_engine=config.ocr_engine,
        documents_found=len(paths),
    )
    pipeline.store.append([run_started.to_event(EventType.RUN_STARTED, config.run_id)])
    with (
        StopSignals() as stop,
        BatchProgress(len(paths), enabled=settings.progress) as progress,
    ):
        outcomes, in_flight = _run_documents(paths, pipeline, progress, stop)
    elapsed = time.perf_counter() - started
    result = BatchResult(
        run_id=config.run_id,
        config_hash=config.config_hash,
        db=settings.db_display(),
        out=settings.out,
        outcomes=tuple(outcomes),
        elapsed_s=elapsed,
        skipped_entries=tuple(skipped_entries),
        interrupted_by=stop.signum,
        left_in_inbox=len(paths) - len(outcomes),
    )
    finished = RunFinished(
        processed=result.count("processed"),
        skipped=result.count("skipped"),
        rejected=result.count("rejected"),
        failed=result.count("failed"),
        needs_review=result.needs_review,
        elapsed_s=round(elapsed, 3),
        interrupted=stop.signum is not None,
        left_in_inbox=result.left_in_inbox,
    )
    pipeline.store.append([finished.to_event(EventType.RUN_FINISHED, config.run_id)])
    if in_flight:
        _abandon(pipeline, result, in_flight, stop)
    pipeline.close()
    return result


def _abandon(pipeline: Pipeline, result: BatchResult, in_flight: int, stop: StopSignals) -> None:
    """End the process now: the documents still in flight after a stop signal's grace cannot
    be waited for (an OCR call may take minutes) and need not be: each is recorded in one
    transaction or not at all, and their files stay in the inbox for the next run."""
    sys.stderr.write(
        f"attest: stopped by signal {stop.signum}; run {result.run_id} recorded as interrupted "
        f"({len(result.outcomes)} documents done, {result.left_in_inbox} left in the inbox, "
        f"{in_flight} of them abandoned mid-work) — the next run picks them up\n"
    )
    sys.stderr.flush()
    pipeline.close()  # busy worker processes are killed, the store closed
    stop_embedded_api()
    os._exit(stop.exit_code)


def task_runner(settings: Settings) -> Any:
    """Threads in this process, or Dask: a local cluster of worker processes, or a remote one."""
    if settings.task_runner == "threads":
        return ThreadPoolTaskRunner(max_workers=thread_count(settings))
    from prefect_dask.task_runners import DaskTaskRunner

    if settings.dask_address:
        return DaskTaskRunner(address=settings.dask_address)
    return DaskTaskRunner(
        cluster_kwargs={
            "n_workers": settings.workers,
            "threads_per_worker": 1,
            "processes": True,
            "dashboard_address": None,
        }
    )


def run_batch(inbox: Path, settings: Settings, run_id: str | None = None) -> BatchResult:
    """Run the batch flow in this process; its tasks run where `settings.task_runner` says.

    One run at a time per output folder and audit store (flows/run_lock.py): the lock is taken
    before anything else, and the embedded Prefect API is started once, before the flow.
    """
    limit_arenas()
    run_id = run_id or new_run_id()
    with RunLock(settings) as lock:
        lock.name_run(run_id)
        with workers_started_early(settings, run_id):
            start_embedded_api()
            runner = task_runner(settings)
            result: BatchResult = batch_flow.with_options(task_runner=runner)(  # type: ignore[arg-type]
                str(inbox), settings, run_id
            )
    return result
