"""Audit appends per second (SQLite with 1 writer; PostgreSQL with 1 and 4 writer processes),
each without and with the chain key (every record sealed, the sealed head rewritten per append),
and chain verification speed, with document-sized batches (4 events, as the batch appends)."""

from __future__ import annotations

import argparse
import multiprocessing
import tempfile
import time
import uuid
from pathlib import Path

from sqlalchemy import create_engine, text

from audit import AuditStore
from bench.common import print_header, print_table, save
from schemas.events import EventType, NewEvent

PG_ADMIN = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
EVENTS_PER_BATCH = 4
PAYLOAD = {"redacted_text": "Patient: <PERSON_1> denies chest pain. " * 60, "counts": {"PERSON": 1}}


def _batch(worker: int, number: int) -> list[NewEvent]:
    return [
        NewEvent(
            event_type=EventType.DOCUMENT_REDACTED,
            run_id=f"bench_{worker}",
            actor="pipeline",
            doc_id=f"{worker:02d}{number:08d}{i}",
            payload=PAYLOAD,
        )
        for i in range(EVENTS_PER_BATCH)
    ]


def _writer(url: str, worker: int, batches: int, start: float, key: Path | None) -> None:
    store = AuditStore(url, chain_key_file=key)
    while time.time() < start:
        time.sleep(0.001)
    for number in range(batches):
        store.append(_batch(worker, number))
    store.close()


def appends(url: str, writers: int, batches: int, key: Path | None = None) -> dict[str, object]:
    AuditStore(url).close()  # create the schema before the clock starts
    start = time.time() + 1.0
    context = multiprocessing.get_context("spawn")
    processes = [
        context.Process(target=_writer, args=(url, w, batches, start, key)) for w in range(writers)
    ]
    for process in processes:
        process.start()
    for process in processes:
        process.join()
    elapsed = time.time() - start
    store = AuditStore(url, chain_key_file=key)
    began = time.perf_counter()
    report = store.verify()
    verify_s = time.perf_counter() - began
    store.close()
    assert report.ok and report.checked == writers * batches * EVENTS_PER_BATCH
    return {
        "store": url.split(":", 1)[0].split("+")[0],
        "writers": writers,
        "chain_key": key is not None,
        "events": report.checked,
        "events_per_s": report.checked / elapsed,
        "documents_per_s": writers * batches / elapsed,
        "verify_records_per_s": report.checked / verify_s,
    }


def _pg_database() -> tuple[str, str]:
    name = f"attest_bench_{uuid.uuid4().hex[:8]}"
    admin = create_engine(PG_ADMIN, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return name, f"postgresql+psycopg://postgres@127.0.0.1:5432/{name}"


def _drop(name: str) -> None:
    admin = create_engine(PG_ADMIN, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
    admin.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--batches", type=int, default=500)
    args = parser.parse_args()
    print_header("audit store: appends and verification")
    rows = []
    for keyed in (False, True):
        with tempfile.TemporaryDirectory() as tmp:
            key = Path(tmp) / "audit.chain-key" if keyed else None
            rows.append(appends(f"sqlite:///{Path(tmp) / 'audit.db'}", 1, args.batches, key))
            for writers in (1, 4):
                name, url = _pg_database()
                try:
                    rows.append(appends(url, writers, args.batches // writers, key))
                finally:
                    _drop(name)
    print_table(rows)
    save("audit_store", {"rows": rows})


if __name__ == "__main__":
    main()
