"""Appending: consecutive seq from 1, each record linked to its predecessor, batches atomic."""

from __future__ import annotations

from itertools import pairwise
from types import SimpleNamespace

import pytest
from sqlalchemy.exc import IntegrityError

import audit.store
from audit import GENESIS_HASH, AuditStore
from tests.audit.helpers import event, events, rehash, rows


def test_append_assigns_consecutive_seq_from_one_and_links_prev_hash(store: AuditStore) -> None:
    first = store.append(events(1, 3))
    second = store.append(events(4, 5))

    stored = first + second
    assert [e.seq for e in stored] == [1, 2, 3, 4, 5]
    assert stored[0].prev_hash == GENESIS_HASH
    for before, after in pairwise(stored):
        assert after.prev_hash == before.hash
    # What append returned is what is in the table.
    table = rows(store)
    assert [r["seq"] for r in table] == [1, 2, 3, 4, 5]
    assert [(r["event_id"], r["prev_hash"], r["hash"]) for r in table] == [
        (e.event_id, e.prev_hash, e.hash) for e in stored
    ]
    assert [e.payload for e in store.events()] == [{"n": n} for n in range(1, 6)]


def test_each_hash_covers_the_record_and_its_predecessor(store: AuditStore) -> None:
    store.append(events(1, 3))

    for row in rows(store):
        assert row["hash"] == rehash(row)


def test_appending_nothing_writes_nothing(store: AuditStore) -> None:
    assert store.append([]) == []
    assert store.count() == 0


@pytest.mark.parametrize(
    ("bad_payload", "error"),
    [
        pytest.param({"x": float("nan")}, ValueError, id="nan-not-json"),
        pytest.param({"x": object()}, TypeError, id="object-not-json"),
    ],
)
def test_a_batch_with_an_unserialisable_event_appends_nothing(
    store: AuditStore, bad_payload: dict[str, object], error: type[Exception]
) -> None:
    """The last event of the batch cannot be canonical JSON: the first two are not kept either."""
    store.append(events(1, 2))
    batch = [event(3), event(4), event(5, payload=bad_payload)]

    with pytest.raises(error):
        store.append(batch)

    assert store.count() == 2
    # The chain carries on after the failure as if the batch had never been tried.
    assert [e.seq for e in store.append(events(3, 4))] == [3, 4]
    assert store.verify().ok


def test_a_batch_the_database_rejects_mid_insert_appends_nothing(
    store: AuditStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The tail has been read and the rows built when the INSERT fails: still nothing lands."""
    store.append(events(1, 2))
    taken = rows(store)[0]["event_id"]
    fresh = iter(["6a1b0f5e-0000-4000-8000-000000000003", taken])
    # The batch's second event reuses an event_id already in the chain (a unique column).
    monkeypatch.setattr(audit.store, "uuid", SimpleNamespace(uuid4=lambda: next(fresh)))

    with pytest.raises(IntegrityError):
        store.append(events(3, 4))

    monkeypatch.undo()
    assert store.count() == 2
    assert [e.seq for e in store.append(events(3, 4))] == [3, 4]
    assert store.verify().ok
