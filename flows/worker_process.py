"""A worker process's life (flows/workers.py starts them): load the parts that read, parse
and redact once, then prepare one document per message from the batch, telling it each stage
as it starts, and send back the `Prepared` (no original text) or the error.

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
    from extractors.ocr.tesseract import TesseractOcr
    from extractors.redact import Redactor
    from flows.stages import StageName
    from schemas.document import Ingested

# Test hook: a worker stalls in the parse stage of a file whose name contains this marker
# (set in the environment of the `attest run` under test), standing in for a hanging parser.
STALL_MARKER_ENV = "ATTEST_TEST_STALL_PARSE_ON"
_WARM_UP = "Dr. Ann Lee saw John Smith (MRN 12345678) on 01/02/2020; call 555-201-3344."


@dataclass
class _WorkerParts:
    """What a worker process needs to prepare documents: no model backend, no Prefect run."""

    settings: Settings
    limits: ParseLimits
    ocr: TesseractOcr
    redactor: Redactor

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
    """A worker process's life: load once, then prepare one document per message."""
    os.setpgrp()
    _exit_with_parent()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the batch decides when its workers stop
    _without_torch()
    try:
        from extractors.ocr.tesseract import TesseractOcr
        from extractors.parse import parser_description
        from flows.components import build_redactor, parse_limits
        from flows.memory import release_free_memory
        from flows.stages import prepare_document

        parts = _WorkerParts(
            settings, parse_limits(settings), TesseractOcr(), build_redactor(settings)
        )
        # The first redaction compiles patterns and loads metadata (seconds): not on a document's
        # clock.
        parts.redactor.redact("warm-up", _WARM_UP)
        conn.send(("ready", parts.redactor.config, parser_description(), parts.ocr.version()))
    except AttestError as error:
        conn.send(("failed", error.message, error.hint))
        return
    except Exception as error:  # reported to the batch, which stops
        conn.send(("failed", type(error).__name__, "run with ATTEST_PROCESSES=0 to see it"))
        return
    stall_on = os.environ.get(STALL_MARKER_ENV)

    def starting(stage: StageName, ingested: Ingested | None) -> None:
        conn.send(("stage", stage, ingested))
        if stage == "parse" and stall_on and stall_on in Path(path).name:
            time.sleep(24 * 3600)

    while True:
        try:
            path = conn.recv()
        except EOFError:
            return  # the batch is gone
        if path is None:
            return
        try:
            conn.send(("done", prepare_document(path, parts, starting)))
        except Exception as error:  # sent back: the task decides on retries
            # Third-party messages may quote document text: only attest's own ones travel.
            if isinstance(error, AttestError):
                said = (error.message, error.hint, error.retryable)
            else:
                said = ("", "", isinstance(error, OSError | TimeoutError))
            conn.send(("error", type(error).__name__, *said))
        release_free_memory()
