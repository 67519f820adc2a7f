"""The review projection over a trail holding the same decision twice (older stores wrote such
duplicates when a record stage was retried): it catches up, once, and never loops."""

from __future__ import annotations

import threading

from audit import AuditStore
from audit.review import DecisionFilters, ReviewProjection
from schemas.events import EventType, NewEvent

IDENTITY = {"backend": "rules", "model_id": "rules", "revision": "1"}


def _decision(n: int) -> NewEvent:
    return NewEvent(
        event_type=EventType.DECISION_RECORDED,
        run_id="run_t",
        actor="pipeline",
        doc_id=f"{n:064x}",
        decision_id=f"dec_{n}",
        payload={
            "domain": "legal",
            "identity": IDENTITY,
            "flags": [{"kind": "auto_renewal"}],
            "review_reasons": ["high_severity_flag"],
        },
    )


def _sync_within(ledger: ReviewProjection, seconds: float) -> int:
    """Sync on a thread; fail (instead of hanging the suite) when it does not return."""
    result: list[int] = []
    worker = threading.Thread(target=lambda: result.append(ledger.sync()), daemon=True)
    worker.start()
    worker.join(seconds)
    assert result, f"ReviewProjection.sync() did not return within {seconds} s"
    return result[0]


def test_a_decision_recorded_twice_is_projected_once(store: AuditStore) -> None:
    store.append([_decision(1), _decision(2)])
    store.append([_decision(1), _decision(3), _decision(2)])
    ledger = ReviewProjection(store)

    _sync_within(ledger, 30)

    page = ledger.decisions(DecisionFilters())
    assert sorted(row.decision_id for row in page.rows) == ["dec_1", "dec_2", "dec_3"]
    first = store.events(decision_id="dec_1")[0]
    assert next(r for r in page.rows if r.decision_id == "dec_1").seq == first.seq


def test_duplicates_arriving_after_a_sync_are_skipped_too(store: AuditStore) -> None:
    store.append([_decision(1)])
    ledger = ReviewProjection(store)
    _sync_within(ledger, 30)

    store.append([_decision(1), _decision(2)])

    assert _sync_within(ledger, 30) == 2
    assert len(ledger.decisions(DecisionFilters()).rows) == 2
    assert ledger.review_queue().rows[0].decision_id == "dec_1"
