"""Vault writes from several workers while the batch appends to the trail: on SQLite none may
fail with "database is locked" (issue 19: 3-4 of 83 documents did)."""

from __future__ import annotations

import threading
from pathlib import Path

from audit import AuditStore
from audit.vault import Vault, stored_rows
from schemas.events import EventType, NewEvent
from tests.audit.test_vault import KEY, _redacted

WRITERS = 4
DOCUMENTS_EACH = 25


def test_concurrent_vault_writes_and_appends_on_sqlite_all_succeed(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'audit.db'}"
    AuditStore(url).close()  # create the schema once
    errors: list[BaseException] = []

    def seal(writer: int) -> None:
        store = AuditStore(url)
        try:
            for number in range(DOCUMENTS_EACH):
                document, originals = _redacted(f"doc-{writer}-{number}")
                Vault(store.engine, KEY).put(document, originals)
        except BaseException as error:
            errors.append(error)
        finally:
            store.close()

    def append() -> None:
        store = AuditStore(url)
        try:
            for number in range(WRITERS * DOCUMENTS_EACH):
                store.append(
                    [
                        NewEvent(
                            event_type=EventType.RUN_STARTED,
                            run_id=f"r{number}",
                            actor="pipeline",
                            payload={},
                        )
                    ]
                )
        except BaseException as error:
            errors.append(error)
        finally:
            store.close()

    threads = [threading.Thread(target=seal, args=(w,)) for w in range(WRITERS)]
    threads.append(threading.Thread(target=append))
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    store = AuditStore(url)
    try:
        assert stored_rows(store.engine) == WRITERS * DOCUMENTS_EACH * 2
    finally:
        store.close()
