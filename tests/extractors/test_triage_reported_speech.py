"""A finding told by someone else asserts as the patient's own words do; a hedge does not.

ConText (Harkema et al., 2009): who reports a finding is not a modifier of it, while a
hypothetical or uncertain trigger ("worried she might", "asking whether") is, within its
clause part.
"""

from __future__ import annotations

import pytest

from extractors.triage import meaning
from extractors.triage.esi import assess
from extractors.triage.hedges import hedged

NORMAL = "\nHR 76, BP 126/78, RR 14, SpO2 98%, T 36.8"


def kinds(text: str) -> set[str]:
    return {flag.kind for flag in assess(text + NORMAL).flags}


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        pytest.param(
            "Her husband says she suddenly couldn't lift her arm.", "Stroke Symptoms", id="husband"
        ),
        pytest.param(
            "The crew report heavy bleeding from the thigh.", "Severe Bleeding", id="crew"
        ),
        pytest.param(
            "According to her daughter she has been talking about ending it.",
            "Suicidal Ideation",
            id="according-to",
        ),
        pytest.param("Per EMS found on the floor, keeled over.", "Syncope", id="per-ems"),
    ],
)
def test_a_finding_told_by_a_third_party_is_asserted(text: str, kind: str) -> None:
    assert kind in kinds("50 F. " + text)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Per crew she suddenly couldn't lift her arm.", id="per-crew"),
        pytest.param("Wife says that he collapsed at dinner.", id="wife-says-that"),
    ],
)
def test_the_reader_of_meaning_reads_a_piece_without_its_attribution(text: str) -> None:
    read = [piece for _, piece in meaning.pieces(text)]

    assert read
    assert not any(word in read[0].lower() for word in ("crew", "wife", "says"))


@pytest.mark.parametrize(
    "clause",
    [
        pytest.param("Daughter worried she might be having a stroke", id="worry-with-a-modal"),
        pytest.param("asking whether it could be a stroke", id="question"),
        pytest.param("here in case it is a stroke", id="in-case"),
    ],
)
def test_a_hedged_finding_is_not_asserted(clause: str) -> None:
    assert hedged(clause, clause.index("stroke"))


def test_a_hedge_ends_at_its_clause_part() -> None:
    clause = "worried she might be having a stroke, her face is drooping"

    assert not hedged(clause, clause.index("drooping"))


def test_a_worry_without_a_modal_is_a_presenting_concern() -> None:
    clause = "Mum worried about his breathing, wheezy"

    assert not hedged(clause, clause.index("breathing"))


def test_a_hedged_stroke_is_no_stroke_symptom() -> None:
    text = "45 F. Sprained ankle, daughter worried she might have had a stroke last year."

    assert "Stroke Symptoms" not in kinds(text)
