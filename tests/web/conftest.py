"""A real review app over a copy of the demo's audit store: uvicorn on a thread, real HTTP."""

from __future__ import annotations

import re
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
import uvicorn

from audit import AuditStore
from audit.users import Role, UserDirectory
from audit.web import create_app
from flows.review_app import write_bundle
from schemas.events import EventType, StoredEvent
from tests.flows.conftest import CliRun

PASSWORD = "a long test password"
USERS = {Role.REVIEWER: "rita", Role.AUDITOR: "aldo", Role.ADMIN: "ada"}
DISABLED_USER = "dora"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def copy_demo_db(demo_run: CliRun, target: Path) -> str:
    """A copy of the demo's store with its chain key (and sealed head) beside it, as attest
    looks for them: a copied trail is sealed, and appends to it need the same key."""
    source = demo_run.workdir / "demo" / "out" / "audit.db"
    shutil.copy(source, target)
    for suffix in (".chain-key", ".chain-key.head.json"):
        if source.with_name(source.name + suffix).exists():
            shutil.copy(
                source.with_name(source.name + suffix), target.with_name(target.name + suffix)
            )
    return f"sqlite:///{target}"


def chain_key_of(url: str) -> Path:
    """Where attest keeps the chain key of a SQLite store (flows.settings.chain_key_path)."""
    database = Path(url.removeprefix("sqlite:///"))
    return database.with_name(database.name + ".chain-key")


def csrf_in(html: str) -> str:
    match = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert match, "the page has no form with a CSRF token"
    return match.group(1)


def log_in(base_url: str, username: str, password: str = PASSWORD) -> httpx.Client:
    client = httpx.Client(base_url=base_url, follow_redirects=False, timeout=30)
    token = csrf_in(client.get("/login").text)
    response = client.post(
        "/login", data={"username": username, "password": password, "csrf_token": token}
    )
    assert response.status_code == 303, response.text
    return client


@dataclass(frozen=True)
class ReviewApp:
    base_url: str
    store: AuditStore

    def client(self, role: Role) -> httpx.Client:
        return log_in(self.base_url, USERS[role])

    def decisions(self) -> list[StoredEvent]:
        return self.store.events(event_type=EventType.DECISION_RECORDED)

    def flagged_decision(self) -> StoredEvent:
        return next(d for d in self.decisions() if d.payload["review_reasons"])


@pytest.fixture(scope="session")
def review_app(demo_run: CliRun, tmp_path_factory: pytest.TempPathFactory) -> Iterator[ReviewApp]:
    url = copy_demo_db(demo_run, tmp_path_factory.mktemp("review") / "audit.db")
    store = AuditStore(url, chain_key_file=chain_key_of(url))
    users = UserDirectory(store)
    for role, name in USERS.items():
        users.add(name, PASSWORD, role, actor="tests")
    users.add(DISABLED_USER, PASSWORD, Role.ADMIN, actor="tests")
    users.disable(DISABLED_USER, actor="tests")
    port = free_port()
    app = create_app(store, bundle_writer=write_bundle)
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", access_log=False)
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert time.monotonic() < deadline, "the review app did not start"
        time.sleep(0.05)
    yield ReviewApp(f"http://127.0.0.1:{port}", store)
    server.should_exit = True
    thread.join(timeout=10)
    store.close()
