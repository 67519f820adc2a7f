"""The append-only audit store: one hash chain per database.

Serialising appends: the chain is a linked list, so two writers must never both read the same
"last record" and append after it. Each append runs in one transaction that first takes the
database's write lock (SQLite: `BEGIN IMMEDIATE`, which takes the single writer lock up front
instead of on the first write, so two appenders cannot both read the tail; PostgreSQL: a
transaction-scoped advisory lock, which serialises appenders across processes and machines
without locking readers out), then reads the tail, then inserts. A document's events go in one
such transaction, so a crash leaves either all of them or none.
"""

from __future__ import annotations

import json
import logging
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event, func, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError, SQLAlchemyError

from audit.chain import GENESIS_HASH, event_hash
from audit.chain_key import ChainKey, create_chain_key, load_chain_key, mac_key_id, write_head
from audit.errors import ChainKeyError, StoreUnavailable
from audit.migrate import upgrade
from audit.models import AuditEventRow
from audit.verification import VerifyReport, indexed_config_hash, verify_chain
from schemas.canonical import canonical_json
from schemas.events import EventType, NewEvent, StoredEvent

_log = logging.getLogger(__name__)

# Any constant works; it only has to be the same for every attest process on the database.
_PG_APPEND_LOCK_KEY = 0x61747465  # "atte"


@dataclass(frozen=True)
class Recorded:
    """An event already in the trail: its type and whichever of its ids are given."""

    event_type: EventType
    doc_id: str | None = None
    decision_id: str | None = None
    run_id: str | None = None

    def query(self) -> Any:
        query = select(AuditEventRow.seq).where(AuditEventRow.event_type == str(self.event_type))
        for column, value in (
            (AuditEventRow.doc_id, self.doc_id),
            (AuditEventRow.decision_id, self.decision_id),
            (AuditEventRow.run_id, self.run_id),
        ):
            if value is not None:
                query = query.where(column == value)
        return query.limit(1)


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def ensure_schema(engine: Engine) -> None:
    """Create or upgrade the tables through the Alembic migrations."""
    upgrade(engine)


def _sqlite_engine(url: str) -> Engine:
    engine = create_engine(url, connect_args={"timeout": 60})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy's "begin" below issue BEGIN itself (the documented pysqlite recipe).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA busy_timeout=60000")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        immediate = connection.get_execution_options().get("attest_append", False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


class AuditStore:
    """One audit database. With `chain_key_file`, every appended record is sealed with the key
    in that file (created on the first append to a trail that has no sealed records yet), and
    `verify` checks the seals and the sealed head written beside the key after each append."""

    def __init__(self, url: str, *, chain_key_file: Path | None = None) -> None:
        self.url = url
        self.chain_key_file = chain_key_file
        self._chain_key: ChainKey | None = None
        self._head_unwritable = False
        self.dialect = make_url(url).get_backend_name()
        try:
            if self.dialect == "sqlite":
                self.engine = _sqlite_engine(url)
            else:
                self.engine = create_engine(url, pool_pre_ping=True)
            ensure_schema(self.engine)
        except (OperationalError, SQLAlchemyError) as error:
            shown = make_url(url).render_as_string(hide_password=True)
            raise StoreUnavailable(
                f"cannot open the audit store {shown}: {type(error).__name__}"
            ) from error

    def close(self) -> None:
        self.engine.dispose()

    # -- writing -----------------------------------------------------------------------------

    def append(
        self, events: Sequence[NewEvent], *, unless: Recorded | None = None
    ) -> list[StoredEvent]:
        """Append `events` in order, in one transaction, after the current tail of the chain.

        With `unless`, nothing is appended (and [] returned) when the trail already holds such
        an event: checked under the write lock, so a retried or concurrent writer of the same
        document's record cannot append it twice.
        """
        if not events:
            return []
        payloads = [canonical_json(e.payload) for e in events]  # fail before touching the db
        key = self._append_key()
        stored: list[StoredEvent] = []
        with self.engine.connect().execution_options(attest_append=True) as conn, conn.begin():
            if self.dialect == "postgresql":
                conn.execute(
                    text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_APPEND_LOCK_KEY}
                )
            if unless is not None and conn.execute(unless.query()).first() is not None:
                return []
            tail = conn.execute(
                select(AuditEventRow.seq, AuditEventRow.hash)
                .order_by(AuditEventRow.seq.desc())
                .limit(1)
            ).first()
            seq, prev = (tail[0], tail[1]) if tail is not None else (0, GENESIS_HASH)
            rows = []
            for new, payload_json in zip(events, payloads, strict=True):
                seq += 1
                fields: dict[str, Any] = {
                    "seq": seq,
                    "event_id": str(uuid.uuid4()),
                    "created_at": _now(),
                    "event_type": str(new.event_type),
                    "run_id": new.run_id,
                    "actor": new.actor,
                    "doc_id": new.doc_id,
                    "decision_id": new.decision_id,
                    "payload_json": payload_json,
                    "prev_hash": prev,
                }
                digest = event_hash(**fields)
                row = dict(fields, payload=fields.pop("payload_json"), hash=digest)
                row["config_hash"] = indexed_config_hash(new.event_type, new.payload)
                row["mac"] = key.seal(digest) if key is not None else None
                rows.append(row)
                stored.append(_stored(row, new.payload))
                prev = digest
            conn.execute(AuditEventRow.__table__.insert(), rows)  # type: ignore[attr-defined]
        if key is not None:
            try:
                write_head(key, stored[-1].seq, stored[-1].hash)
            except OSError as error:
                # The records are committed and sealed; only the truncation check lags behind
                # (a review app with the output folder mounted read-only, say). Said once.
                if not self._head_unwritable:
                    self._head_unwritable = True
                    _log.warning(
                        "cannot write the sealed head beside %s: %s", key.path, error.strerror
                    )
        return stored

    def _append_key(self) -> ChainKey | None:
        """The key to seal new records with; created once, for a trail nobody has sealed yet."""
        if self.chain_key_file is None:
            return None
        if self._chain_key is not None:
            return self._chain_key
        key = load_chain_key(self.chain_key_file)
        sealed_by = self._last_sealing_key_id()
        if key is None:
            if sealed_by is not None:
                raise ChainKeyError(
                    f"the audit trail is sealed with chain key {sealed_by}, but there is no key "
                    f"file at {self.chain_key_file}",
                    hint="restore the key file (or point ATTEST_CHAIN_KEY_FILE at it); a new key "
                    "could not vouch for the records already sealed",
                )
            try:
                key = create_chain_key(self.chain_key_file)
            except FileExistsError:
                key = load_chain_key(self.chain_key_file)  # another process made it just now
            except OSError as error:
                raise ChainKeyError(
                    f"cannot create the chain key {self.chain_key_file}: {error.strerror}",
                    hint="let a process that may write there append first (attest run), or "
                    "point ATTEST_CHAIN_KEY_FILE at a writable place",
                ) from error
        elif sealed_by is not None and sealed_by != key.key_id:
            raise ChainKeyError(
                f"the chain key {self.chain_key_file} ({key.key_id}) is not the key the audit "
                f"trail is sealed with ({sealed_by})",
                hint="point ATTEST_CHAIN_KEY_FILE at the key this store was sealed with",
            )
        self._chain_key = key
        return key

    def _last_sealing_key_id(self) -> str | None:
        query = (
            select(AuditEventRow.mac)
            .where(AuditEventRow.mac.is_not(None))
            .order_by(AuditEventRow.seq.desc())
            .limit(1)
        )
        with self.engine.connect() as conn:
            mac = conn.scalar(query)
        return mac_key_id(mac) if mac else None

    # -- reading -----------------------------------------------------------------------------

    def _rows(self, statement: Any) -> Iterator[AuditEventRow]:
        with self.engine.connect() as conn:
            result = conn.execution_options(yield_per=2000).execute(statement)
            yield from result  # type: ignore[misc]

    def events(
        self,
        *,
        run_id: str | None = None,
        doc_id: str | None = None,
        decision_id: str | None = None,
        event_type: EventType | str | None = None,
        limit: int | None = None,
    ) -> list[StoredEvent]:
        query = select(AuditEventRow.__table__).order_by(AuditEventRow.seq)  # type: ignore[arg-type]
        if run_id is not None:
            query = query.where(AuditEventRow.run_id == run_id)
        if doc_id is not None:
            query = query.where(AuditEventRow.doc_id == doc_id)
        if decision_id is not None:
            query = query.where(AuditEventRow.decision_id == decision_id)
        if event_type is not None:
            query = query.where(AuditEventRow.event_type == str(event_type))
        if limit is not None:
            query = query.limit(limit)
        return [_stored(row._asdict(), json.loads(row.payload)) for row in self._rows(query)]  # type: ignore[attr-defined]

    def chain_hashes(self) -> list[tuple[str, bytes]]:
        """(event_id, chain hash) of every event in chain order: the Merkle tree's leaves."""
        query = select(AuditEventRow.event_id, AuditEventRow.hash).order_by(AuditEventRow.seq)
        with self.engine.connect() as conn:
            return [(row[0], bytes.fromhex(row[1])) for row in conn.execute(query)]

    def last_event_of(self, doc_id: str, event_types: Sequence[EventType]) -> StoredEvent | None:
        query = (
            select(AuditEventRow.__table__)  # type: ignore[arg-type]
            .where(AuditEventRow.doc_id == doc_id)
            .where(AuditEventRow.event_type.in_([str(t) for t in event_types]))
            .order_by(AuditEventRow.seq.desc())
            .limit(1)
        )
        for row in self._rows(query):
            return _stored(row._asdict(), json.loads(row.payload))  # type: ignore[attr-defined]
        return None

    def decision_ids_for_config(self, config_hash: str) -> dict[str, str]:
        """doc_id -> decision_id for every decision made under `config_hash`."""
        query = select(AuditEventRow.doc_id, AuditEventRow.decision_id).where(
            AuditEventRow.config_hash == config_hash,
            AuditEventRow.event_type == str(EventType.DECISION_RECORDED),
        )
        with self.engine.connect() as conn:
            return {doc: dec for doc, dec in conn.execute(query) if doc and dec}

    def doc_ids_with_prefix(self, prefix: str) -> list[str]:
        query = (
            select(AuditEventRow.doc_id)
            .where(AuditEventRow.doc_id.startswith(prefix.lower(), autoescape=True))
            .distinct()
            .limit(5)
        )
        with self.engine.connect() as conn:
            return [doc for (doc,) in conn.execute(query) if doc]

    def run_ids(self) -> list[str]:
        query = (
            select(AuditEventRow.run_id)
            .where(AuditEventRow.event_type == str(EventType.RUN_STARTED))
            .order_by(AuditEventRow.seq)
        )
        with self.engine.connect() as conn:
            return [run for (run,) in conn.execute(query)]

    def count(self) -> int:
        with self.engine.connect() as conn:
            return int(conn.execute(select(func.count()).select_from(AuditEventRow)).scalar_one())

    # -- verification ------------------------------------------------------------------------

    def verify(self) -> VerifyReport:
        """Recompute the chain from the first record; report the first that does not fit
        (audit.verification says what is checked, the seals included)."""
        query = select(AuditEventRow.__table__).order_by(AuditEventRow.seq)  # type: ignore[arg-type]
        return verify_chain(self._rows(query), self.chain_key_file)


def _stored(row: dict[str, Any], payload: dict[str, Any]) -> StoredEvent:
    return StoredEvent(
        seq=row["seq"],
        event_id=row["event_id"],
        created_at=row["created_at"],
        event_type=EventType(row["event_type"]),
        run_id=row["run_id"],
        actor=row["actor"],
        doc_id=row["doc_id"],
        decision_id=row["decision_id"],
        payload=payload,
        prev_hash=row["prev_hash"],
        hash=row["hash"],
    )
