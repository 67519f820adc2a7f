"""Small builders shared by the audit store tests."""

from __future__ import annotations

from typing import Any

from sqlalchemy import text

from audit import AuditStore, event_hash
from schemas.events import EventType, NewEvent


def event(
    n: int,
    *,
    event_type: EventType = EventType.DOCUMENT_INGESTED,
    run_id: str = "run_t",
    actor: str = "pipeline",
    decision_id: str | None = None,
    payload: dict[str, Any] | None = None,
) -> NewEvent:
    return NewEvent(
        event_type=event_type,
        run_id=run_id,
        actor=actor,
        doc_id=f"{n:064x}",
        decision_id=decision_id,
        payload={"n": n} if payload is None else payload,
    )


def decision(n: int, config_hash: str) -> NewEvent:
    """A decision on document `n` made under `config_hash` (which the store copies to a column)."""
    return event(
        n,
        event_type=EventType.DECISION_RECORDED,
        decision_id=f"dec_{n}",
        payload={"n": n, "config_hash": config_hash},
    )


def events(first: int, last: int) -> list[NewEvent]:
    """Events numbered first..last (inclusive)."""
    return [event(n) for n in range(first, last + 1)]


def rows(store: AuditStore) -> list[dict[str, Any]]:
    """Every raw row of the audit table, by seq."""
    with store.engine.connect() as conn:
        result = conn.execute(text("SELECT * FROM audit_events ORDER BY seq"))
        return [dict(row._mapping) for row in result]


def tamper(store: AuditStore, *statements: tuple[str, dict[str, Any]]) -> None:
    """Run raw SQL on the audit table in one committed transaction, as an intruder with the
    table owner's rights would: first switching off the append-only triggers."""
    with store.engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(text("ALTER TABLE audit_events DISABLE TRIGGER USER"))
        else:
            triggers = conn.execute(
                text("SELECT name FROM sqlite_master WHERE type = 'trigger'")
            ).scalars()
            for name in list(triggers):
                conn.execute(text(f"DROP TRIGGER {name}"))
        for sql, params in statements:
            conn.execute(text(sql), params)


def rehash(row: dict[str, Any]) -> str:
    """The hash a forger who knows the (public) scheme would compute for `row`."""
    return event_hash(
        seq=row["seq"],
        event_id=row["event_id"],
        created_at=row["created_at"],
        event_type=row["event_type"],
        run_id=row["run_id"],
        actor=row["actor"],
        doc_id=row["doc_id"],
        decision_id=row["decision_id"],
        payload_json=row["payload"],
        prev_hash=row["prev_hash"],
    )
