"""Stored payloads read as their typed events (`StoredEvent.typed`), including payloads that
earlier versions of attest wrote: the trail is kept for years and must stay readable."""

from __future__ import annotations

import pytest

from audit import AuditStore
from schemas.events import (
    DecisionReviewed,
    EventType,
    NewEvent,
    RunFinished,
    StoredEvent,
)


def _stored(store: AuditStore, event_type: EventType, payload: dict[str, object]) -> StoredEvent:
    store.append([NewEvent(event_type=event_type, run_id="r", actor="pipeline", payload=payload)])
    return store.events(event_type=event_type)[-1]


def test_a_payload_reads_as_its_typed_event(store: AuditStore) -> None:
    event = _stored(
        store,
        EventType.RUN_FINISHED,
        {
            "processed": 3,
            "skipped": 0,
            "rejected": 1,
            "failed": 0,
            "needs_review": 2,
            "elapsed_s": 1.5,
        },
    )

    finished = event.typed(RunFinished)

    assert (finished.processed, finished.rejected, finished.elapsed_s) == (3, 1, 1.5)


def test_an_older_payload_without_later_fields_reads_with_their_defaults(
    store: AuditStore,
) -> None:
    # A review written before four eyes and the safety floor existed.
    event = _stored(
        store,
        EventType.DECISION_REVIEWED,
        {"action": "approve", "role": "reviewer", "reason": "", "replaces_output_sha256": "0"},
    )

    review = event.typed(DecisionReviewed)

    assert review.action == "approve"
    assert not review.needs_second_reviewer and review.routing is None
    assert review.critical_changes == []


def test_a_field_a_later_version_dropped_is_ignored_when_read(store: AuditStore) -> None:
    payload = {
        "processed": 1,
        "skipped": 0,
        "rejected": 0,
        "failed": 0,
        "needs_review": 0,
        "elapsed_s": 0.1,
        "workers": 4,  # written by an older version, no longer part of the event
    }

    finished = _stored(store, EventType.RUN_FINISHED, payload).typed(RunFinished)

    assert finished.processed == 1


def test_reading_an_event_as_another_events_payload_is_refused(store: AuditStore) -> None:
    event = _stored(
        store,
        EventType.DECISION_REVIEWED,
        {"action": "approve", "role": "reviewer", "reason": "", "replaces_output_sha256": "0"},
    )

    with pytest.raises(TypeError, match="decision_reviewed"):
        event.typed(RunFinished)
