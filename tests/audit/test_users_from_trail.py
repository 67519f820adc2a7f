"""Users, roles and sessions are checked against the trail, on both databases; the login gate
locks and records on both too (the HTTP side is in tests/web/test_logins.py)."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import text

from audit import AuditStore
from audit.logins import LoginGate, LoginPolicy
from audit.users import Role, UserDirectory
from schemas.events import EventType

PASSWORD = "a long test password"


def _directory(store: AuditStore) -> UserDirectory:
    users = UserDirectory(store)
    users.add("rita", PASSWORD, Role.REVIEWER, actor="tests")
    return users


def test_a_role_raised_with_sql_is_reported_and_not_honoured(store: AuditStore) -> None:
    users = _directory(store)
    with store.engine.begin() as conn:
        conn.execute(text("UPDATE users SET role = 'admin' WHERE username = 'rita'"))

    assert users.get("rita").role == Role.REVIEWER  # type: ignore[union-attr]
    assert users.check_login("rita", PASSWORD).user.role == Role.REVIEWER  # type: ignore[union-attr]
    [problem] = users.discrepancies()
    assert "'admin'" in problem and "'reviewer'" in problem


def test_a_user_enabled_again_with_sql_stays_disabled(store: AuditStore) -> None:
    users = _directory(store)
    users.disable("rita", actor="tests")
    with store.engine.begin() as conn:
        conn.execute(text("UPDATE users SET disabled = false WHERE username = 'rita'"))

    assert users.check_login("rita", PASSWORD).reason == "disabled"
    assert any("disabled in the trail" in p for p in users.discrepancies())


def test_only_a_session_a_recorded_login_opened_is_live(store: AuditStore) -> None:
    users = _directory(store)
    gate = LoginGate(users, store)
    rita = gate.attempt("rita", PASSWORD, "10.0.0.7").user
    assert rita is not None
    recorded, _ = users.open_session(rita, timedelta(minutes=5))
    gate.record_success(rita, "10.0.0.7", recorded)
    forged, _ = users.open_session(rita, timedelta(minutes=5))  # a row, no login event

    assert users.session(recorded) is not None
    assert UserDirectory(store).session(forged) is None


def test_the_gate_locks_an_account_and_records_it(store: AuditStore) -> None:
    users = _directory(store)
    now = [1000.0]
    gate = LoginGate(users, store, LoginPolicy(max_failures=3, lock_s=60), clock=lambda: now[0])

    for i in range(3):
        assert gate.attempt("rita", f"wrong {i}", "10.0.0.7").user is None
    locked = gate.attempt("rita", PASSWORD, "10.0.0.7")
    now[0] += 61
    after = gate.attempt("rita", PASSWORD, "10.0.0.7")

    assert locked.user is None and locked.retry_after_s == 60
    assert after.user is not None
    reasons = [e.payload["reason"] for e in store.events(event_type=EventType.LOGIN_FAILED)]
    assert reasons == ["wrong_password"] * 3 + ["locked"]
    [lock] = store.events(event_type=EventType.LOGIN_LOCKED)
    assert lock.payload["username"] == "rita" and lock.payload["failures"] == 3
    assert store.verify().ok
