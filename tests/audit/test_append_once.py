"""`append(..., unless=Recorded(...))`: a document's record appended again (a retried record
stage, a second writer) adds nothing, on SQLite and PostgreSQL alike."""

from __future__ import annotations

import threading

from audit import AuditStore
from audit.store import Recorded
from schemas.events import EventType
from tests.audit.helpers import event

DECISION = Recorded(EventType.DECISION_RECORDED, decision_id="dec_one")


def _decision(n: int) -> list:  # type: ignore[type-arg]
    return [
        event(n),
        event(n, event_type=EventType.DECISION_RECORDED, decision_id="dec_one"),
    ]


def test_the_first_append_of_a_decision_goes_in(store: AuditStore) -> None:
    assert len(store.append(_decision(1), unless=DECISION)) == 2


def test_appending_a_recorded_decision_again_adds_nothing(store: AuditStore) -> None:
    store.append(_decision(1), unless=DECISION)

    again = store.append(_decision(1), unless=DECISION)

    assert again == [] and store.count() == 2
    assert store.verify().ok


def test_the_guard_matches_only_the_given_fields(store: AuditStore) -> None:
    store.append([event(1, event_type=EventType.DOCUMENT_REJECTED, run_id="run_a")])

    other_run = Recorded(EventType.DOCUMENT_REJECTED, doc_id=f"{1:064x}", run_id="run_b")
    same_run = Recorded(EventType.DOCUMENT_REJECTED, doc_id=f"{1:064x}", run_id="run_a")

    assert len(store.append([event(1)], unless=other_run)) == 1
    assert store.append([event(1)], unless=same_run) == []


def test_concurrent_writers_of_one_decision_append_it_once(store_url: str) -> None:
    stores = [AuditStore(store_url) for _ in range(4)]
    try:
        threads = [
            threading.Thread(target=s.append, args=(_decision(1),), kwargs={"unless": DECISION})
            for s in stores
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        decided = stores[0].events(event_type=EventType.DECISION_RECORDED)
    finally:
        for s in stores:
            s.close()
    assert len(decided) == 1
