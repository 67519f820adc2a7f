"""Worker processes that read, parse/OCR and redact documents, and with the `rules` backend
generate their outputs: every core busy, and a document that overruns its time budget
abandoned by killing the process that works on it.

Why processes: redaction (Presidio and spaCy) is pure Python, and under the `threads` task
runner every document shares one interpreter lock: real batches used 94-131% CPU of 200%.
Here each of N processes (one per core by default) loads the redactor and NER model once and
takes one document at a time; the Prefect task that waits for it holds a thread, not a core.
Why not only Dask: its local cluster can run tasks in processes too, but cannot stop a task
that hangs; and it costs a scheduler and a nanny per worker (bench/scaling.py measures both).

Privacy: a worker receives a file path, runs `prepare_document` (flows/stages/prepare.py:
ingest, parse, classify, redact) and sends back its `Prepared`, whose parse result is facts
only (`ParsedFacts`) and whose redaction result holds the redacted text: the original text
never leaves the worker process. Messages travel over a pipe, never through Prefect.

Generation (`rules` backend only, see flows/worker_process.py): the generate task sends a
worker the document's redacted text and domain and gets back the stage's `Staged` result, as
`generate_stage` in the batch process would have returned it; a worker that generates has
shown at start-up that its rules are the run's (identity and instructions per domain).

The stages are imported inside the worker, after `_without_torch`: a spawned worker imports
this module first, and Presidio would otherwise pull in torch.

This module is the batch's side; a worker process's own life is in flows/worker_process.py.
"""

from __future__ import annotations

import contextlib
import os
import queue
import signal
import threading
import time
from dataclasses import dataclass, field
from multiprocessing import get_context
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from typing import TYPE_CHECKING, Any

from flows.errors import ConfigError, WorkerError
from flows.settings import Settings
from flows.worker_process import Generator, generates_in_workers, serve

if TYPE_CHECKING:
    from flows.components import RunConfig
    from flows.stages import Classified, Prepared, Staged, StageName, Stop
    from schemas.document import Ingested
    from schemas.generation import GenerationResult
    from schemas.redaction import RedactedDocument, RedactionConfig

# How long a new worker may take to import its libraries and load the NER model. Generous:
# on a loaded machine that is tens of seconds, and no document's budget runs meanwhile.
STARTUP_TIMEOUT_S = 300.0


def process_count(settings: Settings) -> int:
    """How many worker processes a run starts: 0 when the work stays in the flow's process."""
    if settings.task_runner != "threads":
        return 0
    if settings.processes is not None:
        return settings.processes
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def thread_count(settings: Settings) -> int:
    """Prefect threads: one per worker process (it waits for its document), plus `workers`
    for the rest (model calls, checks and recording)."""
    return settings.workers + process_count(settings)


def spawn_workers(settings: Settings) -> DocumentWorkers | None:
    """The run's worker processes, loading (see `wait_ready`), or None when there are none."""
    count = process_count(settings)
    return DocumentWorkers(settings, count) if count else None


@dataclass(frozen=True)
class _Loaded:
    """What a worker redacts, parses and generates with, once it has loaded."""

    redaction: RedactionConfig
    parser: str
    ocr_engine: str
    generator: Generator | None


@dataclass(eq=False)
class _Worker:
    process: BaseProcess
    conn: Connection
    loaded: _Loaded | None = None
    ready: bool = False
    reaped: bool = False


@dataclass
class _InFlight:
    """What the parent knows of a document while a worker has it."""

    stage: StageName
    ingested: Ingested | None = None
    stage_started: float = field(default_factory=time.perf_counter)
    timings: dict[str, float] = field(default_factory=dict)


class DocumentWorkers:
    """A fixed number of worker processes; `prepare` is called from many threads at once."""

    def __init__(self, settings: Settings, count: int) -> None:
        self.settings = settings
        self.config: RunConfig | None = None
        self.count = count
        self.generates = generates_in_workers(settings)
        """Whether the generate task sends its documents here too (`generate`)."""
        self._idle: queue.SimpleQueue[_Worker] = queue.SimpleQueue()
        self._all: set[_Worker] = set()
        self._lock = threading.Lock()
        self._closed = False
        self._context = get_context("spawn")  # never fork a process that runs threads
        for _ in range(count):
            self._idle.put(self._spawn())

    def _spawn(self) -> _Worker:
        parent, child = self._context.Pipe()
        process = self._context.Process(
            target=serve, args=(child, self.settings), name="attest-worker", daemon=True
        )
        process.start()
        child.close()
        worker = _Worker(process, parent)
        with self._lock:
            self._all.add(worker)
        return worker

    def wait_ready(self, config: RunConfig) -> None:
        """Wait until every worker has loaded its components (they load side by side) and
        check that they redact and parse as the run's configuration says."""
        self.config = config
        workers = [self._idle.get() for _ in range(self.count)]
        try:
            for worker in workers:
                self._ready(worker)
        finally:
            for worker in workers:
                self._idle.put(worker)

    def redaction_config(self) -> RedactionConfig:
        """The redaction configuration of a loaded worker (waiting for one to load): the run's,
        so the flow's process need not load a redactor and NER model of its own."""
        worker = self._idle.get()
        try:
            return self._loaded(worker).redaction
        except BaseException:
            self._replace(worker)
            raise
        finally:
            if not worker.reaped:
                self._idle.put(worker)

    def _loaded(self, worker: _Worker) -> _Loaded:
        if worker.loaded is not None:
            return worker.loaded
        if not worker.conn.poll(STARTUP_TIMEOUT_S):
            raise WorkerError(
                f"a worker process did not start within {STARTUP_TIMEOUT_S:g} s",
                hint="the machine may be overloaded; try fewer ATTEST_PROCESSES",
                retryable=True,
            )
        try:
            message = worker.conn.recv()
        except EOFError:
            raise WorkerError(
                f"a worker process exited while starting (exit code {worker.process.exitcode})",
                hint="run with ATTEST_PROCESSES=0 to see the error in this process",
            ) from None
        if message[0] == "failed":
            raise ConfigError(f"a worker process could not start: {message[1]}", hint=message[2])
        worker.loaded = _Loaded(*message[1:])
        return worker.loaded

    def _ready(self, worker: _Worker) -> None:
        if worker.ready:
            return
        loaded = self._loaded(worker)
        config = self.config
        assert config is not None, "wait_ready comes first"
        expected = (config.redaction, config.parser, config.ocr_engine)
        if (loaded.redaction, loaded.parser, loaded.ocr_engine) != expected:
            raise ConfigError(
                "a worker process would redact or parse differently from the run's configuration",
                hint="the NER model, redaction secret or Tesseract changed while the run started; "
                "run again",
            )
        generator = (config.identity, config.instructions) if self.generates else None
        if loaded.generator != generator:
            raise ConfigError(
                "a worker process would generate differently from the run's configuration",
                hint="the rules or the triage reader's model changed while the run started; "
                "run again",
            )
        worker.ready = True

    def prepare(self, path: str) -> Prepared:
        """Read, parse and redact `path` in a worker process within the document budget."""
        prepared: Prepared = self._request(("prepare", path), "ingest")
        return prepared

    def generate(
        self, redacted: Staged[RedactedDocument], classified: Staged[Classified]
    ) -> Staged[GenerationResult]:
        """`generate_stage` in a worker process (`generates`), within the document budget."""
        assert self.generates, "only a run whose workers generate sends them documents"
        generated: Staged[GenerationResult] = self._request(
            ("generate", redacted, classified), "generate"
        )
        return generated

    def _request(self, request: tuple[Any, ...], first: StageName) -> Any:
        """Send `request` to an idle worker and wait for its answer: the stage's value, or the
        document abandoned in stage `first` or a later one the worker reported."""
        worker = self._idle.get()
        try:
            self._ready(worker)
        except BaseException:
            self._replace(worker)
            raise
        try:
            outcome = self._converse(worker, request, _InFlight(first))
        except BaseException:
            self._replace(worker)  # in an unknown state: mid-message, or this thread stopped
            raise
        if not worker.reaped:
            self._idle.put(worker)
        if isinstance(outcome, WorkerError):
            raise outcome  # the worker reported it in order and takes the next document
        return outcome

    def _converse(self, worker: _Worker, request: tuple[Any, ...], state: _InFlight) -> Any:
        budget = self.settings.document_budget_s or None
        started = time.perf_counter()
        deadline = started + budget if budget else None
        worker.conn.send(request)
        while True:
            left = None if deadline is None else max(0.0, deadline - time.perf_counter())
            if not worker.conn.poll(left):
                return self._abandon(worker, state, _over_budget(state, budget or 0.0))
            try:
                message = worker.conn.recv()
            except EOFError:
                return self._abandon(worker, state, _died(state, worker))
            kind = message[0]
            if kind == "stage":
                now = time.perf_counter()
                state.timings[state.stage] = now - state.stage_started
                state.stage, state.ingested, state.stage_started = message[1], message[2], now
            elif kind == "done":
                return message[1]
            elif kind == "error":
                _, name, text, hint, retryable = message
                doing = (
                    "generating the output"
                    if request[0] == "generate"
                    else "preparing the document"
                )
                return WorkerError(text or f"{name} while {doing}", hint=hint, retryable=retryable)
            else:  # pragma: no cover - the protocol has no other messages
                raise WorkerError(f"unexpected message from a worker process: {kind!r}")

    def _abandon(self, worker: _Worker, state: _InFlight, stop: Stop) -> Any:
        """Kill the worker (its document is given up) and make the document's outcome: the
        stage it was in stopped, the ones before it keep their times, the later ones pass."""
        from flows.stages import Loaded, Prepared, Staged

        self._kill(worker)
        self._replace(worker)
        spent = time.perf_counter() - state.stage_started
        if state.stage == "generate":
            return Staged(None, stop, spent)
        order = ("ingest", "parse", "classify", "redact")
        current = order.index(state.stage) if state.stage in order else len(order) - 1
        staged: list[Staged[Any]] = []
        for number, name in enumerate(order):
            seconds = state.timings.get(name, 0.0) if number < current else 0.0
            staged.append(Staged(None, stop, spent if number == current else seconds))
        if state.ingested is not None:
            ingest_s = state.timings.get("ingest", 0.0)
            staged[0] = Staged(Loaded(state.ingested, b""), None, ingest_s)
        return Prepared(*staged)

    def _kill(self, worker: _Worker) -> None:
        """SIGKILL the worker and its process group (Tesseract), once, before it is reaped:
        until then its id cannot belong to anyone else."""
        if worker.reaped:
            return
        worker.reaped = True
        if worker.process.pid is not None and worker.process.exitcode is None:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(worker.process.pid, signal.SIGKILL)
        worker.process.kill()
        worker.process.join(10)
        worker.conn.close()

    def _replace(self, worker: _Worker) -> None:
        """Put a fresh worker in place of one that is gone or in an unknown state."""
        self._kill(worker)
        with self._lock:
            self._all.discard(worker)
            closed = self._closed
        if not closed:
            self._idle.put(self._spawn())

    def close(self) -> None:
        """Stop every worker: idle ones finish at once, busy ones are killed."""
        with self._lock:
            self._closed = True
            workers = list(self._all)
            self._all.clear()
        for worker in workers:
            with contextlib.suppress(OSError):
                worker.conn.send(None)
        deadline = time.monotonic() + 5
        for worker in workers:
            worker.process.join(max(0.0, deadline - time.monotonic()))
            self._kill(worker)


def _over_budget(state: _InFlight, budget: float) -> Stop:
    from flows.stages import Stop

    doing = "generating" if state.stage == "generate" else "reading, parsing and redacting"
    return Stop(
        state.stage,
        "rejected",
        "time_budget",
        f"{doing} took longer than the {budget:g} s budget per document (stopped in the "
        f"{state.stage} stage)",
        "if the document is legitimate (very long, many scanned pages) or the machine was "
        "busy, raise ATTEST_DOCUMENT_BUDGET_S and move the file back into the inbox",
    )


def _died(state: _InFlight, worker: _Worker) -> Stop:
    from flows.stages import Stop

    worker.process.join(5)
    code = worker.process.exitcode
    how = f"signal {-code}" if code is not None and code < 0 else f"exit code {code}"
    doing = "generating the output of" if state.stage == "generate" else "reading"
    return Stop(
        state.stage,
        "failed",
        "WorkerDied",
        f"the worker process {doing} this document died ({how}) in the {state.stage} stage",
        "signal 9 is often the kernel's out-of-memory killer; the document stays in the inbox "
        "and is retried by the next run",
        retryable=True,
    )
