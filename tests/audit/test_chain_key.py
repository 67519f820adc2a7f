"""The chain key: records sealed with an HMAC key kept outside the database.

The attack each test plays: someone with write access to the database (and the table owner's
rights, so the triggers come off) but not to the key file rewrites the trail and recomputes
the public SHA-256 chain so that it agrees with itself again.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from audit import AuditStore
from audit.chain_key import create_chain_key, head_path, load_chain_key, write_head
from audit.errors import ChainKeyError
from schemas.events import EventType, NewEvent
from tests.audit.helpers import event, events, rehash, rows, tamper


@pytest.fixture
def key_file(tmp_path: Path) -> Path:
    return tmp_path / "keys" / "audit.chain-key"


@pytest.fixture
def sealed(store_url: str, key_file: Path) -> Iterator[AuditStore]:
    """A store whose appends are sealed with the key in `key_file`."""
    opened = AuditStore(store_url, chain_key_file=key_file)
    try:
        yield opened
    finally:
        opened.close()


def _override(n: int, value: str) -> NewEvent:
    return event(
        n,
        event_type=EventType.DECISION_REVIEWED,
        actor="rita",
        decision_id=f"dec_{n}",
        payload={"action": "override", "reason": "checked", "output": {"total": value}},
    )


def _rewrite_from(store: AuditStore, seq: int, payload: dict[str, object]) -> None:
    """Edit record `seq`'s payload and re-hash it and every record after it, as a forger with
    database access but no key would: the plain chain then agrees with itself."""
    trail = rows(store)
    statements = []
    prev = trail[seq - 2]["hash"] if seq > 1 else "0" * 64
    for row in trail[seq - 1 :]:
        if row["seq"] == seq:
            row["payload"] = json.dumps(payload, separators=(",", ":"), sort_keys=True)
        row["prev_hash"] = prev
        row["hash"] = rehash(row)
        prev = row["hash"]
        statements.append(
            (
                "UPDATE audit_events SET payload = :payload, prev_hash = :prev_hash, "
                "hash = :hash WHERE seq = :seq",
                {k: row[k] for k in ("payload", "prev_hash", "hash", "seq")},
            )
        )
    tamper(store, *statements)


def test_an_override_edited_and_rehashed_fails_verification_with_the_key(
    sealed: AuditStore, store_url: str
) -> None:
    sealed.append([*events(1, 3), _override(4, "100.00"), *events(5, 8)])
    forged = {"action": "override", "reason": "checked", "output": {"total": "999.00"}}

    _rewrite_from(sealed, 4, forged)

    keyless = AuditStore(store_url)
    assert keyless.verify().ok  # the plain chain agrees with itself again...
    keyless.close()
    report = sealed.verify()  # ...the key shows the rewrite
    assert not report.ok
    assert report.first_bad_seq == 4
    assert "MAC mismatch" in report.reason


def test_records_written_before_the_key_are_vouched_for_by_the_first_sealed_one(
    store_url: str, key_file: Path
) -> None:
    older = AuditStore(store_url)  # a store from before the key: no MACs
    older.append(events(1, 3))
    older.close()
    store = AuditStore(store_url, chain_key_file=key_file)
    store.append(events(4, 5))
    assert store.verify().ok

    _rewrite_from(store, 2, {"n": 99})

    report = store.verify()
    assert not report.ok and report.first_bad_seq == 4  # the first record the key sealed
    store.close()


def test_removing_the_macs_is_detected(sealed: AuditStore) -> None:
    sealed.append(events(1, 4))

    tamper(sealed, ("UPDATE audit_events SET mac = NULL", {}))

    report = sealed.verify()
    assert not report.ok and "MACs were removed" in report.reason


def test_a_record_without_a_mac_after_sealed_ones_fails(sealed: AuditStore) -> None:
    sealed.append(events(1, 4))

    tamper(sealed, ("UPDATE audit_events SET mac = NULL WHERE seq = 3", {}))

    report = sealed.verify()
    assert not report.ok and report.first_bad_seq == 3 and "no MAC" in report.reason


def test_records_cut_off_the_end_are_caught_by_the_sealed_head(sealed: AuditStore) -> None:
    sealed.append(events(1, 6))

    tamper(sealed, ("DELETE FROM audit_events WHERE seq > 4", {}))

    report = sealed.verify()
    assert not report.ok and "truncated" in report.reason and "6 records" in report.reason


def test_a_shorter_trails_head_written_late_does_not_replace_a_longer_ones(
    sealed: AuditStore, key_file: Path
) -> None:
    # Two writers commit in chain order but write their heads after the commit, in either
    # order: the one that committed 4 records may write its head after the one that made 6.
    stored = sealed.append(events(1, 4)) + sealed.append(events(5, 6))
    key = load_chain_key(key_file)
    assert key is not None

    write_head(key, stored[3].seq, stored[3].hash)

    assert json.loads(head_path(key).read_text())["size"] == 6
    tamper(sealed, ("DELETE FROM audit_events WHERE seq > 4", {}))
    report = sealed.verify()
    assert not report.ok and "truncated" in report.reason


def test_an_edited_sealed_head_is_refused(sealed: AuditStore, key_file: Path) -> None:
    sealed.append(events(1, 6))
    tamper(sealed, ("DELETE FROM audit_events WHERE seq > 4", {}))
    key = load_chain_key(key_file)
    assert key is not None
    head = json.loads(head_path(key).read_text())
    head_path(key).write_text(json.dumps(head | {"size": 4}))

    report = sealed.verify()
    assert not report.ok and "MAC" in report.reason


def test_the_key_is_created_once_readable_by_its_owner_only(
    sealed: AuditStore, key_file: Path
) -> None:
    sealed.append(events(1, 1))
    first = key_file.read_bytes()
    sealed.append(events(2, 2))

    assert key_file.stat().st_mode & 0o077 == 0
    assert key_file.read_bytes() == first


def test_a_sealed_trail_refuses_appends_without_its_key(
    sealed: AuditStore, store_url: str, tmp_path: Path
) -> None:
    sealed.append(events(1, 2))

    keyless = AuditStore(store_url, chain_key_file=tmp_path / "elsewhere.key")
    with pytest.raises(ChainKeyError, match="no key file"):
        keyless.append(events(3, 3))
    keyless.close()
    assert not (tmp_path / "elsewhere.key").exists()


def test_another_key_neither_appends_nor_verifies(
    sealed: AuditStore, store_url: str, key_file: Path, tmp_path: Path
) -> None:
    sealed.append(events(1, 2))
    other_file = tmp_path / "other.key"
    create_chain_key(other_file)
    other = AuditStore(store_url, chain_key_file=other_file)

    with pytest.raises(ChainKeyError, match="not the key"):
        other.append(events(3, 3))
    report = other.verify()
    assert not report.ok and "sealed with chain key" in report.reason
    other.close()


def test_a_sealed_trail_without_its_key_file_does_not_verify(
    sealed: AuditStore, key_file: Path
) -> None:
    sealed.append(events(1, 2))
    key_file.unlink()

    report = sealed.verify()
    assert not report.ok and "no key file" in report.reason


def test_a_record_cannot_be_replaced_with_the_triggers_in_place(sealed: AuditStore) -> None:
    sealed.append(events(1, 3))
    row = rows(sealed)[1]
    if sealed.dialect == "sqlite":
        statement = (
            "INSERT OR REPLACE INTO audit_events (seq, event_id, created_at, event_type, run_id, "
            "actor, doc_id, decision_id, config_hash, payload, prev_hash, hash, mac) VALUES "
            "(:seq, :event_id, :created_at, :event_type, :run_id, :actor, :doc_id, "
            ":decision_id, :config_hash, :forged, :prev_hash, :hash, :mac)"
        )
    else:
        statement = (
            "INSERT INTO audit_events (seq, event_id, created_at, event_type, run_id, actor, "
            "doc_id, decision_id, config_hash, payload, prev_hash, hash, mac) VALUES "
            "(:seq, :event_id, :created_at, :event_type, :run_id, :actor, :doc_id, "
            ":decision_id, :config_hash, :forged, :prev_hash, :hash, :mac) "
            "ON CONFLICT (seq) DO UPDATE SET payload = EXCLUDED.payload"
        )

    with pytest.raises(DBAPIError, match="append-only"), sealed.engine.begin() as conn:
        conn.execute(text(statement), row | {"forged": '{"n":99}'})

    assert rows(sealed)[1]["payload"] == row["payload"]
    assert sealed.verify().ok


def test_an_append_goes_on_when_the_sealed_head_cannot_be_written(
    sealed: AuditStore, key_file: Path, caplog: pytest.LogCaptureFixture
) -> None:
    # A review app whose output folder is mounted read-only, say: here the head's place is taken.
    sealed.append(events(1, 1))
    key = load_chain_key(key_file)
    assert key is not None
    head_path(key).unlink()
    head_path(key).mkdir()

    sealed.append(events(2, 3))

    assert sealed.count() == 3
    assert "cannot write the sealed head" in caplog.text
    head_path(key).rmdir()
    assert sealed.verify().ok  # sealed records; no head yet to check truncation against


def test_a_key_that_cannot_be_created_is_a_clear_error(store_url: str, tmp_path: Path) -> None:
    (tmp_path / "not-a-folder").write_text("")
    store = AuditStore(store_url, chain_key_file=tmp_path / "not-a-folder" / "chain.key")

    with pytest.raises(ChainKeyError, match=r"cannot (create|read) the chain key"):
        store.append(events(1, 1))
    assert store.count() == 0
    store.close()


def test_a_head_left_half_written_by_a_killed_process_is_cleared(
    sealed: AuditStore, key_file: Path
) -> None:
    sealed.append(events(1, 1))
    key = load_chain_key(key_file)
    assert key is not None
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    host = socket.gethostname()
    stale = key_file.with_name(f".{head_path(key).name}.{host}.{dead.pid}.1.tmp")
    live = key_file.with_name(f".{head_path(key).name}.{host}.{os.getpid()}.1.tmp")
    stale.write_text("{")
    live.write_text("{")

    sealed.append(events(2, 2))

    assert not stale.exists() and live.exists()
    assert sealed.verify().ok
