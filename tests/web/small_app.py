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

from audit import AuditStore
from audit.logins import LoginPolicy
from audit.users import Role, UserDirectory
from audit.web import create_app
from schemas.events import EventType, NewEvent
from tests.web.conftest import PASSWORD, free_port

RUN_ID = "run_small"
IDENTITY = {"backend": "rules", "model_id": "rules", "revision": "1"}


def run_started(documents: int) -> NewEvent:
    return NewEvent(
        event_type=EventType.RUN_STARTED,
        run_id=RUN_ID,
        actor="pipeline",
        payload={"identity": IDENTITY, "documents_found": documents},
    )


def decision_recorded(n: int) -> NewEvent:
    """Decision `n`, routed to review, with one flag."""
    return NewEvent(
        event_type=EventType.DECISION_RECORDED,
        run_id=RUN_ID,
        actor="pipeline",
        doc_id=f"{n:064x}",
        decision_id=f"dec_{n:04d}",
        payload={
            "domain": "finance",
            "identity": IDENTITY,
            "flags": [{"kind": "late_payment", "severity": "high"}],
            "review_reasons": ["high_severity_flag"],
            "config_hash": "c" * 64,
            "output": {"total": "10.00"},
            "output_sha256": "0" * 64,
            "summary": "a summary",
            "redacted_text_sha256": "1" * 64,
        },
    )


def add_users(store: AuditStore) -> None:
    users = UserDirectory(store)
    users.add("rita", PASSWORD, Role.REVIEWER, actor="tests")
    users.add("aldo", PASSWORD, Role.AUDITOR, actor="tests")


@contextmanager
def serving(store: AuditStore, policy: LoginPolicy | None = None) -> Iterator[str]:
    """The app over `store` on a free port; yields its base URL."""
    app = create_app(store, login_policy=policy)
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
