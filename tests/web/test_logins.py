"""Logins: throttled per account and per client address, every attempt in the audit trail, no
weak passwords, and the trail (not the users table) decides who is who."""

from __future__ import annotations

import io
import json
import time
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import httpx
import pytest
from sqlalchemy import text

from audit import AuditStore
from audit.errors import AccessError
from audit.logins import LoginPolicy
from audit.users import Role, UserDirectory
from audit.web.app import SESSION_COOKIE
from flows.cli import EXIT_USAGE, main
from schemas.events import EventType
from tests.web.conftest import PASSWORD, csrf_in
from tests.web.small_app import add_users, serving, sqlite_store

STORM = 30
POLICY = LoginPolicy(max_failures=5, max_client_failures=1000, lock_s=60)
SHORT = LoginPolicy(max_failures=3, max_client_failures=1000, lock_s=0.5, max_lock_s=5)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[AuditStore]:
    opened = sqlite_store(tmp_path)
    add_users(opened)
    yield opened
    opened.close()


def _try(client: httpx.Client, username: str, password: str) -> httpx.Response:
    token = csrf_in(client.get("/login").text)
    return client.post(
        "/login", data={"username": username, "password": password, "csrf_token": token}
    )


def _events(store: AuditStore, event_type: EventType) -> list[dict[str, object]]:
    return [e.payload for e in store.events(event_type=event_type)]


def test_a_login_storm_locks_the_account_and_the_right_password_is_then_refused(
    store: AuditStore,
) -> None:
    with serving(store, POLICY) as url, httpx.Client(base_url=url) as client:
        codes = [_try(client, "rita", f"guess number {i}").status_code for i in range(STORM)]
        right = _try(client, "rita", PASSWORD)

    assert codes[:4] == [401] * 4
    assert 429 in codes
    assert right.status_code == 429 and "too many failed logins" in right.text
    assert int(right.headers["retry-after"]) >= 1
    assert SESSION_COOKIE not in right.cookies


def test_every_failure_and_lock_of_a_storm_is_in_the_trail_without_the_password(
    store: AuditStore,
) -> None:
    with serving(store, POLICY) as url, httpx.Client(base_url=url) as client:
        for i in range(STORM):
            _try(client, "rita", f"guess number {i}")

    failed = _events(store, EventType.LOGIN_FAILED)
    locked = _events(store, EventType.LOGIN_LOCKED)
    assert len(failed) == STORM
    assert {f["username"] for f in failed} == {"rita"}
    assert {f["reason"] for f in failed} == {"wrong_password", "locked"}
    assert locked and all(lock["scope"] == "account" for lock in locked)
    trail = json.dumps([e.payload for e in store.events()])
    assert "guess number" not in trail
    assert store.verify().ok


def test_each_further_lock_lasts_longer(store: AuditStore) -> None:
    with serving(store, SHORT) as url, httpx.Client(base_url=url) as client:
        for round_ in range(2):
            for i in range(SHORT.max_failures):
                _try(client, "rita", f"round {round_} guess {i}")
            time.sleep(SHORT.lock_s * 2**round_ + 0.1)  # the lock ends

    locks = [lock["locked_s"] for lock in _events(store, EventType.LOGIN_LOCKED)]
    assert locks == [SHORT.lock_s, SHORT.lock_s * 2]


def test_after_the_lock_the_right_password_opens_a_recorded_session(store: AuditStore) -> None:
    with serving(store, SHORT) as url, httpx.Client(base_url=url) as client:
        for i in range(SHORT.max_failures):
            _try(client, "rita", f"guess {i}")
        time.sleep(SHORT.lock_s + 0.1)
        response = _try(client, "rita", PASSWORD)
        runs = client.get("/runs")

    assert response.status_code == 303
    assert runs.status_code == 200
    [success] = _events(store, EventType.LOGIN_SUCCEEDED)
    assert success["username"] == "rita" and success["client"] == "127.0.0.1"


def test_one_client_trying_many_accounts_is_locked(store: AuditStore) -> None:
    policy = LoginPolicy(max_failures=100, max_client_failures=4, lock_s=60)
    with serving(store, policy) as url, httpx.Client(base_url=url) as client:
        for i in range(4):
            _try(client, ("rita", "aldo", "nobody")[i % 3], f"guess {i}")
        right = _try(client, "aldo", PASSWORD)

    assert right.status_code == 429
    [lock] = _events(store, EventType.LOGIN_LOCKED)
    assert lock["scope"] == "client" and lock["client"] == "127.0.0.1"


def test_a_name_that_is_no_users_is_not_recorded(store: AuditStore) -> None:
    with serving(store, POLICY) as url, httpx.Client(base_url=url) as client:
        _try(client, "my-secret-password", "x")

    [failed] = _events(store, EventType.LOGIN_FAILED)
    assert failed["username"] is None and failed["reason"] == "unknown_user"
    assert "my-secret-password" not in json.dumps([e.model_dump() for e in store.events()])


@pytest.mark.parametrize("weak", ["aaaaaaaaaaaa", " " * 12, "password1234", "short"])
def test_weak_passwords_are_refused(store: AuditStore, weak: str) -> None:
    with pytest.raises(AccessError, match="password is too"):
        UserDirectory(store).add("wendy", weak, Role.REVIEWER, actor="tests")
    assert UserDirectory(store).get("wendy") is None


def test_the_cli_refuses_a_weak_password(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    db = f"sqlite:///{tmp_path / 'audit.db'}"
    monkeypatch.setattr("sys.stdin", io.StringIO("aaaaaaaaaaaa\n"))

    code = main(["users", "add", "wendy", "--role", "admin", "--password-stdin", "--db", db])

    assert code == EXIT_USAGE
    assert "too weak" in capsys.readouterr().out
    opened = AuditStore(db)
    assert UserDirectory(opened).all() == []
    opened.close()


# -- the trail decides who is who --------------------------------------------------------------


def test_a_role_raised_in_the_users_table_is_not_honoured(store: AuditStore) -> None:
    with store.engine.begin() as conn:
        conn.execute(text("UPDATE users SET role = 'admin' WHERE username = 'rita'"))

    with serving(store, POLICY) as url, httpx.Client(base_url=url) as client:
        assert _try(client, "rita", PASSWORD).status_code == 303
        token = csrf_in(client.get("/runs").text)
        export = client.post("/runs/run_small/export.csv", data={"csrf_token": token})

    assert export.status_code == 403
    assert UserDirectory(store).get("rita").role == Role.REVIEWER  # type: ignore[union-attr]
    [problem] = UserDirectory(store).discrepancies()
    assert "rita" in problem and "'admin'" in problem


def test_a_role_changed_through_attest_is_honoured(store: AuditStore) -> None:
    UserDirectory(store).set_role("rita", Role.ADMIN, actor="tests")

    assert UserDirectory(store).get("rita").role == Role.ADMIN  # type: ignore[union-attr]
    assert UserDirectory(store).discrepancies() == []
    [changed] = _events(store, EventType.USER_ROLE_CHANGED)
    assert changed == {"username": "rita", "role": "admin"}


def test_a_user_inserted_into_the_table_cannot_log_in(store: AuditStore) -> None:
    with store.engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO users (username, password_hash, role, created_at, disabled) "
                "SELECT 'mallory', password_hash, 'admin', created_at, 0 FROM users "
                "WHERE username = 'rita'"
            )
        )

    with serving(store, POLICY) as url, httpx.Client(base_url=url) as client:
        assert _try(client, "mallory", PASSWORD).status_code == 401
    assert any("mallory" in p for p in UserDirectory(store).discrepancies())


def test_a_password_hash_swapped_in_the_table_cannot_log_in(store: AuditStore) -> None:
    # aldo's hash (whose password the intruder knows) copied over rita's.
    with store.engine.begin() as conn:
        conn.execute(
            text(
                "UPDATE users SET password_hash = "
                "(SELECT password_hash FROM users WHERE username = 'aldo') "
                "WHERE username = 'rita'"
            )
        )

    with serving(store, POLICY) as url, httpx.Client(base_url=url) as client:
        assert _try(client, "rita", PASSWORD).status_code == 401
    [failed] = _events(store, EventType.LOGIN_FAILED)
    assert failed["reason"] == "not_in_trail"


def test_a_session_inserted_into_the_table_is_refused(store: AuditStore) -> None:
    users = UserDirectory(store)
    rita = users.get("rita")
    assert rita is not None
    token, _ = users.open_session(rita, lifetime=timedelta(minutes=5))

    with serving(store, POLICY) as url:
        response = httpx.get(url + "/runs", cookies={SESSION_COOKIE: token})

    assert response.status_code == 303 and response.headers["location"] == "/login"
