"""Every text field of an output is grounded in the redacted text, whatever the backend."""

from __future__ import annotations

import json

from extractors.checks import check_output
from extractors.grounding import ungrounded_fields, without_repeats
from schemas.decision import ReviewReason

NOTE = "Chief complaint: crushing chest pain radiating to the jaw.\nMeds: Aspirin 81 mg daily."


def _clinical(**fields: object) -> dict[str, object]:
    output: dict[str, object] = {
        "document_type": "consultation",
        "chief_complaint": "",
        "diagnoses": [],
        "medications": [],
        "triage_level": 2,
        "red_flags": [],
    }
    return {**output, **fields}


def test_a_complaint_not_in_the_note_is_named() -> None:
    output = _clinical(chief_complaint="coughing", medications=["aspirin 81 mg"])
    assert ungrounded_fields("clinical", output, NOTE) == ["chief_complaint"]


def test_case_and_line_wraps_are_the_stated_normalisation() -> None:
    output = _clinical(chief_complaint="Crushing chest PAIN radiating  to the jaw")
    assert ungrounded_fields("clinical", output, NOTE.replace(" to the", "\nto the")) == []


def test_list_items_are_checked_one_by_one() -> None:
    output = _clinical(medications=["Aspirin 81 mg", "Metformin 500 mg"])
    assert ungrounded_fields("clinical", output, NOTE) == ["medications[1]"]


def test_amounts_match_the_numbers_written_in_the_text() -> None:
    text = "Amount requested: $12,500. Stated income 84000 per year."
    output = {
        "amount_requested": "12500.00",
        "stated_annual_income": "84000",
        "verified_annual_income": "90000.00",
        "purpose": "",
        "documents_missing": [],
    }
    assert ungrounded_fields("finance", output, text) == ["verified_annual_income"]


def test_legal_parties_and_law_are_checked() -> None:
    text = "This Agreement between Acme Corp and [ORGANIZATION_1] is governed by Delaware law."
    output = {"parties": ["Acme Corp", "Globex"], "governing_law": "Delaware", "term": None}
    assert ungrounded_fields("legal", output, text) == ["parties[1]"]


def test_repeated_list_items_are_dropped_keeping_the_first() -> None:
    output = _clinical(medications=["Aspirin 81 mg", "aspirin  81 mg", "Aspirin 81 mg"])
    assert without_repeats(output)["medications"] == ["Aspirin 81 mg"]


def test_an_ungrounded_field_sends_the_decision_to_review_naming_it() -> None:
    raw = json.dumps(_clinical(chief_complaint="coughing", medications=["Aspirin 81 mg"] * 3))
    checked = check_output("clinical", raw, NOTE, min_ocr_confidence=None, low_ocr_confidence=60.0)
    assert ReviewReason.UNGROUNDED_FIELD in checked.review_reasons
    assert checked.ungrounded_fields == ("chief_complaint",)
    assert checked.output["medications"] == ["Aspirin 81 mg"]
