"""`attest verify`: exit 0 on an intact trail; exit 3 naming the first altered record."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

import pytest

from audit import AuditStore
from flows.cli import EXIT_CHAIN_BROKEN, EXIT_OK, main
from schemas.events import EventType, NewEvent


def _trail(path: Path, n: int = 6) -> str:
    url = f"sqlite:///{path}"
    store = AuditStore(url)
    store.append(
        [
            NewEvent(
                event_type=EventType.DOCUMENT_INGESTED,
                run_id="run_t",
                actor="pipeline",
                doc_id=f"{i:064x}",
                payload={"n": i},
            )
            for i in range(1, n + 1)
        ]
    )
    store.close()
    return url


def _alter(db: sqlite3.Connection) -> None:
    db.execute("UPDATE audit_events SET payload = '{\"n\":99}' WHERE seq = 3")


def _delete(db: sqlite3.Connection) -> None:
    db.execute("DELETE FROM audit_events WHERE seq = 3")


def _reorder(db: sqlite3.Connection) -> None:
    db.execute("UPDATE audit_events SET seq = -1 WHERE seq = 3")
    db.execute("UPDATE audit_events SET seq = 3 WHERE seq = 4")
    db.execute("UPDATE audit_events SET seq = 4 WHERE seq = -1")


def test_verify_passes_on_an_intact_trail(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = _trail(tmp_path / "audit.db")
    assert main(["verify", "--db", url]) == EXIT_OK
    assert "OK: 6 audit records verified" in capsys.readouterr().out


@pytest.mark.parametrize(
    "tamper", [_alter, _delete, _reorder], ids=["altered", "deleted", "reordered"]
)
def test_verify_fails_and_names_the_first_bad_record(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], tamper: Callable[[sqlite3.Connection], None]
) -> None:
    url = _trail(tmp_path / "audit.db")
    with closing(sqlite3.connect(tmp_path / "audit.db")) as db:
        # An intruder with the file's rights first drops the append-only triggers.
        for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type='trigger'").fetchall():
            db.execute(f"DROP TRIGGER {name}")
        tamper(db)
        db.commit()
    assert main(["verify", "--db", url]) == EXIT_CHAIN_BROKEN
    out = capsys.readouterr().out
    assert "FAILED" in out
    assert "seq 3" in out or "seq 4" in out
