"""A review app over a small hand-built trail, served by uvicorn on a thread (no demo run).

For tests that need their own app: a login storm must not lock the shared app's accounts, and
a trail with duplicate decisions is one the pipeline no longer writes.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import uvicorn
from fastapi import FastAPI

from audit import AuditStore
from audit.logins import LoginPolicy
from audit.users import Role, UserDirectory
from audit.web import create_app
from schemas.decision import CheckedFlag, ReviewReason
from schemas.events import DecisionRecorded, EventType, NewEvent, RunStarted
from schemas.generation import InstructionsRef, ModelIdentity
from schemas.outputs import schema_ref
from schemas.redaction import RedactionConfig
from tests.web.conftest import PASSWORD, free_port

RUN_ID = "run_small"
IDENTITY = ModelIdentity(backend="rules", is_language_model=False, model_id="rules", revision="1")
RULESET = InstructionsRef(kind="ruleset", id="rules", version="1", sha256="2" * 64)
FINANCE_SCHEMA = schema_ref("finance")


def run_started(documents: int) -> NewEvent:
    started = RunStarted(
        config_hash="c" * 64,
        code_version="test",
        domain_setting="finance",
        identity=IDENTITY,
        instructions={"finance": RULESET},
        schemas={"finance": FINANCE_SCHEMA},
        redaction=RedactionConfig(
            policies=(),
            entity_types=(),
            recognizers=(),
            nlp_engine="none",
            presidio_version="test",
            secret_id="test",
        ),
        parser="test",
        ocr_engine="none",
        documents_found=documents,
    )
    return started.to_event(EventType.RUN_STARTED, RUN_ID)


def decision_recorded(n: int) -> NewEvent:
    """Decision `n`, routed to review, with one flag."""
    decided = DecisionRecorded(
        domain="finance",
        domain_source="configured",
        config_hash="c" * 64,
        code_version="test",
        schema_ref=FINANCE_SCHEMA,
        instructions=RULESET,
        identity=IDENTITY,
        decoding=None,
        request_sha256=None,
        redacted_text_sha256="1" * 64,
        raw_output='{"total": "10.00"}',
        output={"total": "10.00"},
        output_sha256="0" * 64,
        flags=[CheckedFlag(kind="late_payment", severity="high", evidence="", grounded=False)],
        suppressed=[],
        review_reasons=[ReviewReason.HIGH_SEVERITY_FLAG],
        summary_template="finance",
        summary_template_version="1",
        summary_template_sha256="3" * 64,
        summary="a summary",
        timings_s={},
    )
    return decided.to_event(
        EventType.DECISION_RECORDED, RUN_ID, doc_id=f"{n:064x}", decision_id=f"dec_{n:04d}"
    )


def add_users(store: AuditStore) -> None:
    users = UserDirectory(store)
    users.add("rita", PASSWORD, Role.REVIEWER, actor="tests")
    users.add("aldo", PASSWORD, Role.AUDITOR, actor="tests")


@contextmanager
def serving(
    store: AuditStore, policy: LoginPolicy | None = None, *, app: FastAPI | None = None
) -> Iterator[str]:
    """The app over `store` (or `app`, built over it) on a free port; yields its base URL."""
    app = app or create_app(store, login_policy=policy)
    server = uvicorn.Server(
        uvicorn.Config(
            app, host="127.0.0.1", port=free_port(), log_level="critical", access_log=False
        )
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert time.monotonic() < deadline, "the review app did not start"
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{server.config.port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def sqlite_store(folder: Path) -> AuditStore:
    """A SQLite store sealed with a chain key beside it, as `attest` opens one."""
    return AuditStore(
        f"sqlite:///{folder / 'audit.db'}", chain_key_file=folder / "audit.db.chain-key"
    )
