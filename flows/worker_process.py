"""A worker process's life (flows/workers.py starts them): load the parts that read, parse
and redact once, then answer one request per message from the batch: prepare a document
(telling the batch each stage as it starts) and send back the `Prepared` (no original text),
or, with the `rules` backend, generate a prepared document's output from its redacted text
(`generate_stage`, the same function the batch process runs for a model backend); or the error.

Why the rules generate here: they are CPU-bound Python on this machine (the clinical rules'
triage reader encodes sentences, ~0.2 CPU s a report, many times its redaction), and in the
batch process they held a whole batch to one core. A model backend stays in the batch process:
a model server is I/O (threads wait for it), and a local model is loaded once, not per worker.

A worker runs in its own process group, so killing it also stops the Tesseract it started,
and a Ctrl-C on the terminal reaches the batch (which stops its workers) rather than each
worker mid-document. The stages are imported after `_without_torch`: a spawned worker imports
this module first, and Presidio would otherwise pull in torch.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
import time
from dataclasses import dataclass
from functools import cached_property
from multiprocessing.connection import Connection
from pathlib import Path
from typing import TYPE_CHECKING

from flows.settings import Settings
from schemas.errors import AttestError

if TYPE_CHECKING:
    from audit import AuditStore
    from extractors.limits import ParseLimits
    from extractors.llm.base import Backend, GenerationRequest
    from extractors.ocr.tesseract import TesseractOcr
    from extractors.redact import Redactor
    from flows.stages import StageName
    from schemas.document import Domain, Ingested
    from schemas.generation import GenerationResult, InstructionsRef, ModelIdentity

# Test hook: a worker stalls in the parse stage of a file whose name contains this marker
# (set in the environment of the `attest run` under test), standing in for a hanging parser.
STALL_MARKER_ENV = "ATTEST_TEST_STALL_PARSE_ON"
# Test hooks: a worker appends its process id and its parent's to the file this names for every
# document it generates; and it fails (a bug in the rules, as it were) to generate a document
# whose redacted text contains the marker the other names.
GENERATION_LOG_ENV = "ATTEST_TEST_GENERATION_LOG"
GENERATION_FAILS_ENV = "ATTEST_TEST_FAIL_GENERATION_ON"
_WARM_UP = "Dr. Ann Lee saw John Smith (MRN 12345678) on 01/02/2020; call 555-201-3344."
# A complaint the clinical rules' triage reader reads: its encoder loads (seconds) at start-up.
_WARM_UP_COMPLAINT = "Chief complaint: feeling weak and dizzy since this morning."

Generator = tuple["ModelIdentity", dict["Domain", "InstructionsRef"]]
"""What a worker generates with: the backend's identity and its instructions per domain."""


def generates_in_workers(settings: Settings) -> bool:
    """Whether the worker processes also generate: with the `rules` backend (CPU-bound, local),
    when there are worker processes at all."""
    return settings.backend == "rules"


@dataclass
class _WorkerParts:
    """What a worker process needs to prepare documents: no model backend, no Prefect run."""

    settings: Settings
    limits: ParseLimits
    ocr: TesseractOcr
    redactor: Redactor
    backend: Backend | None
    """The `rules` backend, when workers generate (`generates_in_workers`); else None."""

    @cached_property
    def store(self) -> AuditStore:
        # Only the vault (a vault key is set) writes from a worker.
        from audit import AuditStore

        return AuditStore(self.settings.db_url())


def _without_torch() -> None:
    """Presidio and thinc import torch and transformers when installed (~300 MB, seconds):
    a worker uses neither (its NER is spaCy's CNN), so it makes them unimportable."""
    for name in ("torch", "transformers"):
        sys.modules.setdefault(name, None)  # type: ignore[arg-type]


def _generator(settings: Settings) -> Backend | None:
    """The run's backend when workers generate, warmed up on every domain, else None."""
    if not generates_in_workers(settings):
        return None
    from extractors.llm.base import generation_request
    from flows.components import build_backend
    from schemas.document import DOMAINS

    backend = build_backend(settings)
    # The rules' first pass compiles patterns and loads the triage reader (seconds): not on a
    # document's clock; only the domain the settings name, where they name one.
    for domain in DOMAINS if settings.domain == "auto" else (settings.domain,):
        backend.generate(generation_request(domain, f"{_WARM_UP_COMPLAINT}\n{_WARM_UP}"))
    return _HookedBackend(backend) if _hooked() else backend


def _hooked() -> bool:
    return bool(os.environ.get(GENERATION_LOG_ENV) or os.environ.get(GENERATION_FAILS_ENV))


@dataclass(frozen=True)
class _HookedBackend:
    """The backend under the test hooks (`GENERATION_LOG_ENV`, `GENERATION_FAILS_ENV`)."""

    backend: Backend

    def identity(self) -> ModelIdentity:
        return self.backend.identity()

    def instructions(self, domain: Domain) -> InstructionsRef:
        return self.backend.instructions(domain)

    def generate(self, request: GenerationRequest) -> GenerationResult:
        if log := os.environ.get(GENERATION_LOG_ENV):
            with open(log, "a") as sink:
                sink.write(f"{os.getpid()} {os.getppid()}\n")
        marker = os.environ.get(GENERATION_FAILS_ENV)
        if marker and marker in request.redacted_text:
            raise RuntimeError("the test hook fails this document's generation")
        return self.backend.generate(request)


def _exit_with_parent() -> None:
    """A batch killed outright (SIGKILL, out of memory) cannot stop its workers: each notices
    it has a new parent and kills its own process group, so nothing stays behind parsing."""
    parent = os.getppid()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1.0)
        os.killpg(0, signal.SIGKILL)

    threading.Thread(target=watch, name="attest-parent-watch", daemon=True).start()


def serve(conn: Connection, settings: Settings) -> None:
    """A worker process's life: load once, then answer one request per message:
    `("prepare", path)` or `("generate", redacted, classified)`; None stops it."""
    os.setpgrp()
    _exit_with_parent()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the batch decides when its workers stop
    _without_torch()
    try:
        from extractors.ocr.tesseract import TesseractOcr
        from extractors.parse import parser_description
        from flows.components import build_redactor, parse_limits
        from flows.memory import release_free_memory
        from flows.stages import generate_stage, prepare_document
        from schemas.document import DOMAINS

        parts = _WorkerParts(
            settings,
            parse_limits(settings),
            TesseractOcr(),
            build_redactor(settings),
            _generator(settings),
        )
        # The first redaction compiles patterns and loads metadata (seconds): not on a document's
        # clock.
        parts.redactor.redact("warm-up", _WARM_UP)
        backend = parts.backend
        generator: Generator | None = None
        if backend is not None:
            generator = (backend.identity(), {d: backend.instructions(d) for d in DOMAINS})
        ready = parts.redactor.config, parser_description(), parts.ocr.version(), generator
        conn.send(("ready", *ready))
    except AttestError as error:
        conn.send(("failed", error.message, error.hint))
        return
    except Exception as error:  # reported to the batch, which stops
        conn.send(("failed", type(error).__name__, "run with ATTEST_PROCESSES=0 to see it"))
        return
    stall_on = os.environ.get(STALL_MARKER_ENV)
    path = ""

    def starting(stage: StageName, ingested: Ingested | None) -> None:
        conn.send(("stage", stage, ingested))
        if stage == "parse" and stall_on and stall_on in Path(path).name:
            time.sleep(24 * 3600)

    while True:
        try:
            request = conn.recv()
        except EOFError:
            return  # the batch is gone
        if request is None:
            return
        try:
            if request[0] == "prepare":
                path = request[1]
                conn.send(("done", prepare_document(path, parts, starting)))
            else:
                assert parts.backend is not None, "the batch asks only workers that generate"
                _, redacted, classified = request
                conn.send(("done", generate_stage(redacted, classified, parts.backend)))
        except Exception as error:  # sent back: the task decides on retries
            # Third-party messages may quote document text: only attest's own ones travel.
            if isinstance(error, AttestError):
                said = (error.message, error.hint, error.retryable)
            else:
                said = ("", "", isinstance(error, OSError | TimeoutError))
            conn.send(("error", type(error).__name__, *said))
        release_free_memory()
