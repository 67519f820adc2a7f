"""The safety floor under reviewers' overrides (`attest serve`): an override that makes a
triage less urgent than the deterministic rules' ESI level for the same redacted text never
wins silently. It waits for a second reviewer, even where four eyes is switched off, and the
review records the floor's verdict with both levels."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from audit import AuditStore
from audit.review import AWAITING, ReviewProjection
from extractors.routing import rules_output
from flows.review_app import review_app
from flows.settings import Settings
from schemas.canonical import sha256_of
from schemas.decision import ReviewReason
from schemas.events import DecisionReviewed, DocumentRedacted, EventType
from tests.web.conftest import csrf_in, log_in
from tests.web.small_app import add_users, decision_recorded, run_started, serving, sqlite_store

NOTE = (
    "Chief complaint: crushing chest pain radiating to the jaw for 1 hour, diaphoretic. "
    "HR 132, BP 84/56, SpO2 88% on room air."
)
DECISION_ID = "dec_0001"


def _rules() -> dict[str, Any]:
    return rules_output("clinical", NOTE)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[AuditStore]:
    """One clinical decision the pipeline made at the rules' own triage level."""
    store = sqlite_store(tmp_path)
    add_users(store)
    rules = _rules()
    redacted = DocumentRedacted(
        config_sha256="4" * 64,
        policy_id="clinical",
        policy_version="1",
        counts={},
        redacted_text=NOTE,
        redacted_text_sha256=sha256_of(NOTE),
        spans=[],
        elapsed_s=0.0,
    )
    decided = decision_recorded(1)
    clinical = decided.payload | {
        "domain": "clinical",
        "output": rules,
        "output_sha256": sha256_of(rules),
        "redacted_text_sha256": sha256_of(NOTE),
    }
    store.append(
        [
            run_started(1),
            redacted.to_event(EventType.DOCUMENT_REDACTED, decided.run_id, doc_id=decided.doc_id),
            decided.model_copy(update={"payload": clinical}),
        ]
    )
    yield store
    store.close()


@pytest.fixture
def served(store: AuditStore, tmp_path: Path) -> Iterator[str]:
    """`attest serve`'s app with four eyes switched off for every domain."""
    app = review_app(Settings(out=tmp_path, four_eyes="none"), store)
    with serving(store, app=app) as url:
        yield url


def _override(url: str, store: AuditStore, triage_level: int) -> DecisionReviewed:
    """Rita overrides the decision with the rules' output at `triage_level`."""
    client = log_in(url, "rita")
    token = csrf_in(client.get(f"/decisions/{DECISION_ID}").text)
    output = _rules() | {"triage_level": triage_level}
    response = client.post(
        f"/decisions/{DECISION_ID}/review",
        data={
            "action": "override",
            "reason": "looked stable to me",
            "output": json.dumps(output),
            "csrf_token": token,
        },
    )
    assert response.status_code == 303, response.text
    [review] = store.events(decision_id=DECISION_ID, event_type=EventType.DECISION_REVIEWED)
    return review.typed(DecisionReviewed)


def test_an_override_below_the_floor_waits_for_a_second_reviewer(
    served: str, store: AuditStore
) -> None:
    floor = _rules()["triage_level"]
    assert floor < 5, "the note is critical: the rules must not triage it routine"

    review = _override(served, store, 5)

    assert review.needs_second_reviewer
    assert review.routing is not None
    assert ReviewReason.BELOW_SAFETY_FLOOR in review.routing.review_reasons
    assert (review.routing.rules_triage_level, review.routing.proposed_triage_level) == (floor, 5)
    assert any("below the safety floor" in change for change in review.critical_changes)
    detail = ReviewProjection(store).decision(DECISION_ID)
    assert detail is not None and detail.review_state == AWAITING


def test_the_reviewer_below_the_floor_cannot_confirm_their_own_override(
    served: str, store: AuditStore
) -> None:
    _override(served, store, 5)
    client = log_in(served, "rita")
    token = csrf_in(client.get(f"/decisions/{DECISION_ID}").text)

    response = client.post(
        f"/decisions/{DECISION_ID}/confirm", data={"action": "confirm", "csrf_token": token}
    )

    assert response.status_code == 403


def test_an_override_at_or_above_the_floor_takes_effect_at_once(
    served: str, store: AuditStore
) -> None:
    review = _override(served, store, 1)

    assert not review.needs_second_reviewer
    assert review.routing is not None
    assert ReviewReason.BELOW_SAFETY_FLOOR not in review.routing.review_reasons
    detail = ReviewProjection(store).decision(DECISION_ID)
    assert detail is not None and detail.review_state == "overridden"
