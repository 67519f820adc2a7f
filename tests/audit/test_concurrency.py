"""Separate writer processes appending to one store at once: one gap-free, unbroken chain.

Each writer is a real process (`tests/audit/_writer.py`), so the serialisation under test is the
database's (SQLite's write lock, PostgreSQL's advisory lock), not anything inside one Python.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

from audit import AuditStore
from tests.audit._writer import BATCH_SIZE

WRITERS = 4
BATCHES = 50
REPO = Path(__file__).resolve().parents[2]
TIMEOUT_S = 120


def _run_writers(url: str, batches: int) -> dict[int, list[dict[str, Any]]]:
    """Start every writer, release them together, and return what each one reported."""
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "tests.audit._writer", url, str(w), str(batches)],
            cwd=REPO,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for w in range(WRITERS)
    ]
    try:
        for w, proc in enumerate(procs):
            assert proc.stdout is not None
            if proc.stdout.readline() != "ready\n":
                proc.kill()
                raise AssertionError(f"writer {w} did not start:\n{proc.communicate()[1]}")
        for proc in procs:  # the starting gun
            assert proc.stdin is not None
            proc.stdin.write("go\n")
            proc.stdin.flush()
        reports: dict[int, list[dict[str, Any]]] = {}
        for w, proc in enumerate(procs):
            out, err = proc.communicate(timeout=TIMEOUT_S)
            assert proc.returncode == 0, f"writer {w} failed:\n{err}"
            reports[w] = [json.loads(line) for line in out.splitlines()]
        return reports
    finally:
        for proc in procs:
            if proc.poll() is None:
                proc.kill()
            proc.communicate()


def _assert_one_chain_of_whole_batches(
    store: AuditStore, reports: dict[int, list[dict[str, Any]]], batches: int
) -> None:
    total = WRITERS * batches * BATCH_SIZE
    assert store.count() == total
    stored = store.events()
    assert [e.seq for e in stored] == list(range(1, total + 1))  # no gaps, no duplicates

    # Each batch is one transaction: its events are contiguous and in order.
    seen: set[tuple[int, int]] = set()
    for start in range(0, total, BATCH_SIZE):
        group = [e.payload for e in stored[start : start + BATCH_SIZE]]
        worker, batch = group[0]["worker"], group[0]["batch"]
        assert group == [{"worker": worker, "batch": batch, "i": i} for i in range(BATCH_SIZE)]
        assert (worker, batch) not in seen
        seen.add((worker, batch))
    assert seen == {(w, b) for w in range(WRITERS) for b in range(batches)}

    # What each writer's append() returned is where its events are, and each writer's own
    # batches are in the order it appended them.
    by_seq = {e.seq: e.payload for e in stored}
    for w, reported in reports.items():
        assert [r["batch"] for r in reported] == list(range(batches))
        for r in reported:
            assert [by_seq[s] for s in r["seqs"]] == [
                {"worker": w, "batch": r["batch"], "i": i} for i in range(BATCH_SIZE)
            ]

    report = store.verify()
    assert report.ok, report
    assert report.checked == total


def test_concurrent_writer_processes_build_one_gap_free_chain(store: AuditStore) -> None:
    # The `store` fixture has created the tables, so the writers mostly append.
    reports = _run_writers(store.url, BATCHES)

    _assert_one_chain_of_whole_batches(store, reports, BATCHES)


def test_writer_processes_opening_a_new_database_at_once(store_url: str) -> None:
    """No tables yet: every writer creates the schema (migrations) as it opens, all at once."""
    reports = _run_writers(store_url, 5)

    store = AuditStore(store_url)
    try:
        _assert_one_chain_of_whole_batches(store, reports, 5)
    finally:
        store.close()
