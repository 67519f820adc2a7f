"""The pipeline of one batch run: its components, audit store, configuration and output
folders, built once at its start (`build_pipeline`), and found again by every task.

The components and the configuration hash are built in flows/components.py; the stages that
use them are in flows/stages/; the Prefect tasks that run those stages in flows/tasks.py.
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from audit import AuditStore
from extractors.limits import ParseLimits
from extractors.llm.base import Backend
from extractors.ocr.tesseract import TesseractOcr
from extractors.redact import Redactor
from flows.components import (
    Components,
    RunConfig,
    build_backend,
    build_components,
    build_redactor,
    code_version,
    ner_model_path,
    parse_limits,
    run_config,
)
from flows.errors import ConfigError
from flows.redaction_keys import load_or_create_secret
from flows.run_start import new_run_id, take_early_workers, workers_started_early
from flows.settings import Settings
from flows.stages import PrepareParts
from flows.stores import open_store
from flows.workers import DocumentWorkers, spawn_workers

# Still importable from here, where they lived before flows/components.py.
__all__ = [
    "PIPELINES",
    "Components",
    "OutputDirs",
    "Pipeline",
    "ProcessPipelines",
    "RunConfig",
    "build_backend",
    "build_components",
    "build_pipeline",
    "code_version",
    "ner_model_path",
    "new_run_id",
    "workers_started_early",
]


@dataclass(frozen=True)
class OutputDirs:
    root: Path

    @property
    def summaries(self) -> Path:
        return self.root / "summaries"

    @property
    def decisions(self) -> Path:
        return self.root / "decisions"

    @property
    def processed(self) -> Path:
        return self.root / "processed"

    @property
    def rejected(self) -> Path:
        return self.root / "rejected"

    def create(self) -> None:
        for path in (self.summaries, self.decisions, self.processed, self.rejected):
            path.mkdir(parents=True, exist_ok=True)
            # Half-written temporary files of a run that was killed; their documents are
            # redone (no events) or restored from the trail (events committed).
            for stale in path.glob(".*.tmp"):
                stale.unlink(missing_ok=True)


@dataclass(frozen=True)
class Pipeline:
    """Long-lived components shared by every document of a run (thread-safe).

    Pickled (as Dask does to ship tasks to worker processes), a pipeline travels as its
    settings, run configuration and model-limit decision only; each worker process builds its
    own components once per run (`PIPELINES`) and checks that they make the same
    configuration hash.
    """

    def close(self) -> None:
        """Stop the worker processes and close the audit store."""
        if self.workers is not None:
            self.workers.close()
        self.store.close()

    settings: Settings
    limits: ParseLimits
    ocr: TesseractOcr
    # None when worker processes redact: this process then loads no redactor or NER model.
    redactor: Redactor | None
    backend: Backend
    store: AuditStore
    config: RunConfig
    dirs: OutputDirs
    # Worker processes that read, parse and redact (flows/workers.py); None: in this process.
    workers: DocumentWorkers | None = None
    # Whether model calls share the Prefect server's cap on requests in flight (a server is
    # configured: PREFECT_API_URL); decided once, when the run starts.
    shared_model_limit: bool = False

    def __reduce__(self) -> tuple[Any, tuple[Settings, RunConfig, bool]]:
        return (_pipeline_here, (self.settings, self.config, self.shared_model_limit))

    def prepare_parts(self) -> PrepareParts:
        """This process's parts for `prepare_document`, when no worker processes do it."""
        assert self.redactor is not None, "the worker processes prepare this run's documents"
        return _PrepareHere(self.settings, self.limits, self.ocr, self.redactor, self.store)


@dataclass(frozen=True)
class _PrepareHere:
    settings: Settings
    limits: ParseLimits
    ocr: TesseractOcr
    redactor: Redactor
    store: AuditStore


class ProcessPipelines:
    """The pipelines this process holds, by run id: the one the flow built (`build_pipeline`
    registers it), or, in a Dask worker process, one built there on first use, so that each
    worker loads its redactor, NER model and backend once per run rather than per task."""

    def __init__(self) -> None:
        self._by_run: dict[str, Pipeline] = {}
        self._lock = threading.Lock()

    def register(self, pipeline: Pipeline) -> None:
        with self._lock:
            self._by_run[pipeline.config.run_id] = pipeline

    def get(self, settings: Settings, config: RunConfig, shared_model_limit: bool) -> Pipeline:
        """The run's pipeline in this process, built (and checked) on first use."""
        with self._lock:
            pipeline = self._by_run.get(config.run_id)
            if pipeline is None:
                pipeline = _rebuild(settings, config, shared_model_limit)
                self._by_run[config.run_id] = pipeline
            return pipeline


PIPELINES = ProcessPipelines()
"""This process's pipelines: the only mutable state in flows shared between a run's tasks."""


def _pipeline_here(settings: Settings, config: RunConfig, shared_model_limit: bool) -> Pipeline:
    return PIPELINES.get(settings, config, shared_model_limit)


def _rebuild(settings: Settings, config: RunConfig, shared_model_limit: bool) -> Pipeline:
    """The run's pipeline built again in another process, which must decide alike."""
    components = build_components(settings)
    local = run_config(
        settings,
        components.backend,
        components.ocr,
        components.redactor.config,
        config.run_id,
        config.started_at,
    )
    if local.config_hash != config.config_hash:
        raise ConfigError(
            "this worker would make different decisions than the run's configuration "
            f"({local.config_hash[:12]} != {config.config_hash[:12]})",
            hint="install the same attest, Tesseract and model settings on every worker",
        )
    return Pipeline(
        settings,
        components.limits,
        components.ocr,
        components.redactor,
        components.backend,
        open_store(settings),
        config,
        OutputDirs(settings.out),
        shared_model_limit=shared_model_limit,
    )


def build_pipeline(settings: Settings, run_id: str | None = None) -> Pipeline:
    dirs = OutputDirs(settings.out)
    dirs.create()
    early = take_early_workers(run_id)
    workers = early if early is not None else spawn_workers(settings)
    try:
        limits, ocr = parse_limits(settings), TesseractOcr()
        # With worker processes, only they load a redactor and NER model; this process takes
        # the redaction configuration from them, for the same hash. What the redactor cannot
        # start without is still checked here, first, as it always was.
        ner_model_path(settings)
        load_or_create_secret(settings)
        backend = build_backend(settings)
        store = open_store(settings)
        redactor: Redactor | None = None
        if workers is None:
            redactor = build_redactor(settings)
            redaction = redactor.config
        else:
            redaction = workers.redaction_config()
        config = run_config(
            settings,
            backend,
            ocr,
            redaction,
            run_id=run_id or new_run_id(),
            started_at=datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z"),
        )
        if workers is not None:
            workers.wait_ready(config)
    except BaseException:
        if workers is not None:
            workers.close()
        raise
    pipeline = Pipeline(
        settings,
        limits,
        ocr,
        redactor,
        backend,
        store,
        config,
        dirs,
        workers,
        shared_model_limit=bool(os.environ.get("PREFECT_API_URL")),
    )
    PIPELINES.register(pipeline)
    return pipeline
