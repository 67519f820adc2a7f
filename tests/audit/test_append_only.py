"""The database itself refuses to change or remove audit rows."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from audit import AuditStore
from tests.audit.helpers import events


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE audit_events SET payload = '{}' WHERE seq = 2",
        "DELETE FROM audit_events WHERE seq = 2",
        "DELETE FROM audit_events",
    ],
    ids=["update", "delete-one", "delete-all"],
)
def test_changing_or_removing_rows_is_refused(store: AuditStore, statement: str) -> None:
    store.append(events(1, 3))
    with pytest.raises(DBAPIError, match="append-only"), store.engine.begin() as conn:
        conn.execute(text(statement))
    assert store.count() == 3 and store.verify().ok


def test_appending_still_works(store: AuditStore) -> None:
    store.append(events(1, 2))
    store.append(events(3, 4))
    assert store.count() == 4
