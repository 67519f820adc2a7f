"""What a batch run starts before its flow: its id, and its worker processes.

The workers are spawned first, before this process imports Prefect and the stages and starts
the embedded Prefect API, so that their start-up (the redactor, NER and triage reader) runs on
the other cores meanwhile: done one after the other, these start-ups kept a batch on one core
for most of its first half minute. The run's `build_pipeline` takes them by run id. This
module imports no more than flows/workers.py does, so the command line can spawn them before
its heavy imports.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager

from flows.settings import Settings
from flows.workers import DocumentWorkers, spawn_workers

# By run id, until the run's `build_pipeline` takes them.
_EARLY_WORKERS: dict[str, DocumentWorkers] = {}
_STARTED: set[str] = set()


def new_run_id() -> str:
    return "run_" + uuid.uuid4().hex[:16]


@contextmanager
def workers_started_early(settings: Settings, run_id: str) -> Iterator[None]:
    """Spawn the run's worker processes now; any the run did not take are stopped when the
    block ends. Inside a block for the same run id (the command line's), it does nothing."""
    if run_id in _STARTED:
        yield
        return
    _STARTED.add(run_id)
    workers = spawn_workers(settings)
    if workers is not None:
        _EARLY_WORKERS[run_id] = workers
    try:
        yield
    finally:
        _STARTED.discard(run_id)
        left = _EARLY_WORKERS.pop(run_id, None)
        if left is not None:
            left.close()


def take_early_workers(run_id: str | None) -> DocumentWorkers | None:
    """The worker processes spawned early for this run, once; None when there are none."""
    return _EARLY_WORKERS.pop(run_id, None) if run_id is not None else None
