"""The components of one batch run, built once at its start, and the configuration hash.

The configuration hash covers everything that determines a decision's output: backend and
model identity, instructions (prompt or rule set), output schemas, redaction configuration,
parser and OCR engine, summary templates and the checks' settings. Two runs with equal hashes
must produce equal decisions, so a re-run skips what is already decided; a change of any of
these makes new decisions that name the ones they supersede.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import threading
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ConfigDict

from audit import AuditStore
from extractors.limits import ParseLimits
from extractors.llm.base import Backend
from extractors.llm.registry import create_backend
from extractors.ocr.tesseract import TesseractOcr
from extractors.parse import parser_description
from extractors.redact import Redactor
from extractors.redact.ner import default_model_path
from extractors.render import template_ref
from flows.errors import ConfigError
from flows.redaction_keys import load_or_create_secret
from flows.settings import Settings
from flows.stores import open_store
from schemas.canonical import sha256_of
from schemas.document import DOMAINS
from schemas.generation import DecodingParams, InstructionsRef, ModelIdentity
from schemas.outputs import SchemaRef, schema_ref
from schemas.redaction import RedactionConfig

if TYPE_CHECKING:
    from flows.workers import DocumentWorkers

_PACKAGES = ("schemas", "extractors", "audit", "flows")


@cache
def code_version() -> str:
    """Package version plus a digest of the installed sources, so edits show up in the trail."""
    try:
        version = importlib.metadata.version("attest")
    except importlib.metadata.PackageNotFoundError:
        version = "0+unknown"
    digest = hashlib.sha256()
    root = Path(__file__).resolve().parent.parent
    for package in _PACKAGES:
        for path in sorted((root / package).rglob("*")):
            if path.suffix in {".py", ".j2"} and "__pycache__" not in path.parts:
                digest.update(path.relative_to(root).as_posix().encode())
                digest.update(path.read_bytes())
    return f"{version}+src.{digest.hexdigest()[:12]}"


class RunConfig(BaseModel):
    """What a run records in its `run_started` event and hashes into `config_hash`."""

    model_config = ConfigDict(frozen=True)

    run_id: str
    started_at: str
    code_version: str
    domain_setting: str
    identity: ModelIdentity
    instructions: dict[str, InstructionsRef]
    schemas: dict[str, SchemaRef]
    summary_templates: dict[str, str]
    redaction: RedactionConfig
    parser: str
    ocr_engine: str
    ocr_dpi: int
    low_ocr_confidence: float

    @property
    def config_hash(self) -> str:
        determining = self.model_dump(mode="json", exclude={"run_id", "started_at", "code_version"})
        return sha256_of(determining)

    def decision_id(self, doc_id: str) -> str:
        return "dec_" + hashlib.sha256(f"{doc_id}:{self.config_hash}".encode()).hexdigest()[:24]


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
    settings and run configuration only; each worker process builds its own components once
    per run and checks that they make the same configuration hash.
    """

    def close(self) -> None:
        """Stop the worker processes and close the audit store."""
        if self.workers is not None:
            self.workers.close()
        self.store.close()

    settings: Settings
    limits: ParseLimits
    ocr: TesseractOcr
    redactor: Redactor
    backend: Backend
    store: AuditStore
    config: RunConfig
    dirs: OutputDirs
    # Worker processes that read, parse and redact (flows/workers.py); None: in this process.
    workers: DocumentWorkers | None = None

    def __reduce__(self) -> tuple[Any, tuple[Settings, RunConfig]]:
        return (pipeline_in_this_process, (self.settings, self.config))


_PROCESS_PIPELINES: dict[str, Pipeline] = {}
_PROCESS_LOCK = threading.Lock()


def pipeline_in_this_process(settings: Settings, config: RunConfig) -> Pipeline:
    """The run's pipeline in a worker process, built on first use."""
    with _PROCESS_LOCK:
        pipeline = _PROCESS_PIPELINES.get(config.run_id)
        if pipeline is None:
            components = build_components(settings)
            local = _run_config(settings, components, config.run_id, config.started_at)
            if local.config_hash != config.config_hash:
                raise ConfigError(
                    "this worker would make different decisions than the run's configuration "
                    f"({local.config_hash[:12]} != {config.config_hash[:12]})",
                    hint="install the same attest, Tesseract and model settings on every worker",
                )
            pipeline = Pipeline(
                settings,
                components.limits,
                components.ocr,
                components.redactor,
                components.backend,
                open_store(settings),
                config,
                OutputDirs(settings.out),
            )
            _PROCESS_PIPELINES[config.run_id] = pipeline
        return pipeline


def build_backend(settings: Settings) -> Backend:
    key = settings.llm_api_key.get_secret_value() if settings.llm_api_key else None
    return create_backend(
        settings.backend,
        url=settings.llm_url,
        model=settings.model,
        api_key=key,
        expected_root=settings.expect_root,
        model_dir=settings.model_dir,
        adapter_dir=settings.adapter_dir,
        decoding=DecodingParams(
            temperature=0.0, seed=settings.seed, max_tokens=settings.max_tokens
        ),
        timeout_s=settings.llm_timeout_s,
        attempts=1 + settings.retries,
    )


@dataclass(frozen=True)
class Components:
    """What works on one document, without the audit store: shared by the batch and eval."""

    limits: ParseLimits
    ocr: TesseractOcr
    redactor: Redactor
    backend: Backend


def build_components(settings: Settings) -> Components:
    limits = ParseLimits(
        max_bytes=settings.max_bytes,
        max_pages=settings.max_pages,
        max_chars=settings.max_chars,
        ocr_dpi=settings.ocr_dpi,
        low_ocr_confidence=settings.low_ocr_confidence,
    )
    redactor = Redactor(nlp_model=ner_model_path(settings), secret=load_or_create_secret(settings))
    return Components(limits, TesseractOcr(), redactor, build_backend(settings))


def ner_model_path(settings: Settings) -> Path | None:
    """The NER model the redactor loads, None when turned off; a missing model stops the run."""
    if settings.ner_model is not None and settings.ner_model.lower() == "none":
        return None
    path = Path(settings.ner_model) if settings.ner_model else default_model_path()
    if not (path / "meta.json").is_file():
        raise ConfigError(
            f"the NER model for names, places and organisations is missing: {path}",
            hint="build it with `make ner-model` (or `python -m extractors.redact.ner.train`, "
            "about 3 minutes, offline), point ATTEST_NER_MODEL at a model directory, or set "
            "ATTEST_NER_MODEL=none to run without it (names would then not be redacted)",
        )
    return path


def _run_config(
    settings: Settings, components: Components, run_id: str, started_at: str
) -> RunConfig:
    backend, domains = components.backend, DOMAINS
    return RunConfig(
        run_id=run_id,
        started_at=started_at,
        code_version=code_version(),
        domain_setting=settings.domain,
        identity=backend.identity(),
        instructions={d: backend.instructions(d) for d in domains},
        schemas={d: schema_ref(d) for d in domains},
        summary_templates={d: template_ref(d) for d in domains},
        redaction=components.redactor.config,
        parser=parser_description(),
        ocr_engine=components.ocr.version(),
        ocr_dpi=settings.ocr_dpi,
        low_ocr_confidence=settings.low_ocr_confidence,
    )


def new_run_id() -> str:
    return "run_" + uuid.uuid4().hex[:16]


def build_pipeline(settings: Settings, run_id: str | None = None) -> Pipeline:
    from flows.workers import spawn_workers

    dirs = OutputDirs(settings.out)
    dirs.create()
    # The workers load their redactor and NER while this process loads its own.
    workers = spawn_workers(settings)
    try:
        components = build_components(settings)
        store = open_store(settings)
        config = _run_config(
            settings,
            components,
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
        components.limits,
        components.ocr,
        components.redactor,
        components.backend,
        store,
        config,
        dirs,
        workers,
    )
    with _PROCESS_LOCK:
        _PROCESS_PIPELINES[config.run_id] = pipeline
    return pipeline
