"""Plain `attest verify` (no options) on a trail sealed with the chain key, as the pipeline,
the review app and `attest users` write it: a forger with database access and no key fails it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import text

from audit import AuditStore
from audit.checkpoints import generate_key
from audit.users import Role, UserDirectory
from flows.cli import EXIT_CHAIN_BROKEN, EXIT_OK, main
from flows.settings import Settings
from flows.stores import open_store
from schemas.events import EventType
from tests.audit.helpers import event, events, rehash, rows, tamper


@pytest.fixture
def settings(store_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Settings:
    """SQLite: the key beside the database, where attest looks by default; PostgreSQL: a key
    file named by ATTEST_CHAIN_KEY_FILE."""
    monkeypatch.chdir(tmp_path)
    if not store_url.startswith("sqlite"):
        monkeypatch.setenv("ATTEST_CHAIN_KEY_FILE", str(tmp_path / "keys" / "chain.key"))
    return Settings(db=store_url)  # type: ignore[arg-type]


@pytest.fixture
def sealed(settings: Settings) -> AuditStore:
    store = open_store(settings)
    store.append(events(1, 3))
    store.append(
        [
            event(
                4,
                event_type=EventType.DECISION_REVIEWED,
                actor="rita",
                decision_id="dec_4",
                payload={"action": "override", "reason": "checked", "output": {"total": "1"}},
            )
        ]
    )
    store.append(events(5, 7))
    return store


def _verify(settings: Settings, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(["verify", "--db", settings.db_url()])
    return code, capsys.readouterr().out


def test_an_intact_sealed_trail_verifies_and_says_what_that_proves(
    sealed: AuditStore, settings: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out = _verify(settings, capsys)

    assert code == EXIT_OK
    assert "OK: 7 audit records verified" in out
    assert "Sealed: the chain key" in out and "7 records sealed at the last append" in out
    assert settings.chain_key_path().exists()
    sealed.close()


def test_an_edited_override_with_the_chain_rehashed_fails_plain_verify(
    sealed: AuditStore, settings: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    trail = rows(sealed)
    statements = []
    prev = trail[2]["hash"]
    for row in trail[3:]:
        if row["seq"] == 4:
            payload = json.loads(row["payload"])
            payload["output"] = {"total": "1000000"}
            row["payload"] = json.dumps(payload, separators=(",", ":"), sort_keys=True)
        row["prev_hash"], row["hash"] = prev, ""
        row["hash"] = prev = rehash(row)
        statements.append(
            (
                "UPDATE audit_events SET payload = :payload, prev_hash = :prev_hash, "
                "hash = :hash WHERE seq = :seq",
                {k: row[k] for k in ("payload", "prev_hash", "hash", "seq")},
            )
        )
    tamper(sealed, *statements)  # drops the triggers first, as the intruder must

    code, out = _verify(settings, capsys)

    assert code == EXIT_CHAIN_BROKEN
    assert "FAILED: audit record seq 4" in out and "MAC mismatch" in out
    sealed.close()


def test_records_deleted_from_the_end_fail_plain_verify(
    sealed: AuditStore, settings: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    tamper(sealed, ("DELETE FROM audit_events WHERE seq >= 6", {}))

    code, out = _verify(settings, capsys)

    assert code == EXIT_CHAIN_BROKEN and "truncated" in out
    sealed.close()


def test_a_role_raised_in_the_users_table_fails_verify(
    sealed: AuditStore, settings: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    UserDirectory(sealed).add("rita", "a long test password", Role.REVIEWER, actor="tests")
    with sealed.engine.begin() as conn:
        conn.execute(text("UPDATE users SET role = 'admin' WHERE username = 'rita'"))

    code, out = _verify(settings, capsys)

    assert code == EXIT_CHAIN_BROKEN
    assert "users table: user 'rita' has role 'admin' but the trail gives 'reviewer'" in out
    sealed.close()


def test_checkpoint_takes_its_key_from_the_setting(
    sealed: AuditStore,
    settings: Settings,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    private, public = generate_key(tmp_path / "signing")
    monkeypatch.setenv("ATTEST_CHECKPOINT_KEY", private.read_text())
    head = tmp_path / "head.json"

    assert main(["checkpoint", "--db", settings.db_url(), "--output", str(head)]) == EXIT_OK
    code = main(
        [
            "verify",
            "--db",
            settings.db_url(),
            "--checkpoint",
            str(head),
            "--public-key",
            str(public),
        ]
    )

    assert code == EXIT_OK
    assert "extends the checkpoint of 7 records" in capsys.readouterr().out
    sealed.close()
