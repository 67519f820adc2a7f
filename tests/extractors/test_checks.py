"""Checks on a backend's output: schema, verbatim grounding, negated flags, review routing."""

from __future__ import annotations

import json
from typing import Any

import pytest

from extractors.checks import SchemaViolation, check_output, locate, parse_output
from schemas.decision import CheckedOutput, ReviewReason
from schemas.document import Domain

TEXT = (
    "Patient: <PERSON_1>\n"
    "Chief Complaint: Chest pain radiating to the left arm for two hours.\n"
    "Ms. <PERSON_1> presented with substernal chest pain that began at rest and\n"
    "shortness of breath on exertion.\n"
    "She denies chest pain. She reports rigors.\n"
)
LOW = 60.0


def clinical(*flags: dict[str, str]) -> str:
    return json.dumps(
        {
            "document_type": "discharge_summary",
            "chief_complaint": "Chest pain",
            "diagnoses": [],
            "medications": [],
            "triage_level": 2,
            "red_flags": list(flags),
        }
    )


def flag(kind: str, evidence: str, severity: str = "high") -> dict[str, str]:
    return {"kind": kind, "severity": severity, "evidence": evidence}


def check(
    raw: str,
    text: str = TEXT,
    *,
    domain: Domain = "clinical",
    min_ocr_confidence: float | None = None,
) -> CheckedOutput:
    return check_output(
        domain, raw, text, min_ocr_confidence=min_ocr_confidence, low_ocr_confidence=LOW
    )


def test_evidence_quoted_verbatim_is_grounded_at_its_offsets() -> None:
    evidence = "Chest pain radiating to the left arm for two hours."

    checked = check(clinical(flag("Chest Pain", evidence)))

    (result,) = checked.flags
    assert result.grounded
    assert (result.evidence_start, result.evidence_end) == (
        TEXT.index(evidence),
        TEXT.index(evidence) + len(evidence),
    )


def test_evidence_that_is_not_in_the_text_is_ungrounded() -> None:
    checked = check(clinical(flag("Chest Pain", "Crushing chest pain with diaphoresis.")))

    (result,) = checked.flags
    assert result.grounded is False
    assert result.evidence_start is None
    assert result.evidence_end is None


def test_ungrounded_evidence_sends_the_decision_to_review() -> None:
    checked = check(clinical(flag("Chest Pain", "Crushing chest pain with diaphoresis.")))

    assert ReviewReason.UNGROUNDED_EVIDENCE in checked.review_reasons
    assert checked.needs_review


def test_evidence_joining_a_line_wrap_with_a_space_is_grounded() -> None:
    evidence = "began at rest and shortness of breath on exertion."

    checked = check(clinical(flag("Shortness Of Breath", evidence, "medium")))

    wrapped = "began at rest and\nshortness of breath on exertion."
    (result,) = checked.flags
    assert result.grounded
    assert (result.evidence_start, result.evidence_end) == (
        TEXT.index(wrapped),
        TEXT.index(wrapped) + len(wrapped),
    )


def test_evidence_with_a_different_whitespace_run_is_grounded() -> None:
    assert locate("substernal  chest pain", TEXT) == locate("substernal chest pain", TEXT)


@pytest.mark.parametrize(
    "evidence",
    [
        pytest.param("substernal chest pains", id="changed-word"),
        pytest.param("SUBSTERNAL CHEST PAIN", id="changed-case"),
        pytest.param("presented with chest pain", id="words-left-out"),
        pytest.param("chest pain substernal", id="words-reordered"),
    ],
)
def test_evidence_differing_in_anything_but_whitespace_is_ungrounded(evidence: str) -> None:
    checked = check(clinical(flag("Chest Pain", evidence)))

    assert checked.flags[0].grounded is False


def test_a_clinical_flag_whose_evidence_only_negates_the_finding_is_suppressed() -> None:
    checked = check(clinical(flag("Chest Pain", "She denies chest pain.")))

    assert checked.flags == ()
    assert [(s.kind, s.evidence, s.reason) for s in checked.suppressed] == [
        ("Chest Pain", "She denies chest pain.", "negated: denies")
    ]


def test_a_suppressed_flag_is_removed_from_the_checked_output() -> None:
    checked = check(
        clinical(
            flag("Chest Pain", "She denies chest pain."),
            flag("Sepsis Signs", "She reports rigors."),
        )
    )

    assert [f["kind"] for f in checked.output["red_flags"]] == ["Sepsis Signs"]


def test_a_flag_whose_evidence_also_asserts_the_finding_is_kept() -> None:
    evidence = "presented with substernal chest pain that began at rest"

    checked = check(clinical(flag("Chest Pain", evidence)))

    assert checked.suppressed == ()
    assert [f.kind for f in checked.flags] == ["Chest Pain"]


def test_negation_of_one_finding_does_not_suppress_another_in_the_same_quote() -> None:
    checked = check(clinical(flag("Sepsis Signs", "She denies chest pain. She reports rigors.")))

    assert checked.suppressed == ()
    assert checked.flags[0].grounded


def test_negation_is_only_applied_to_clinical_flags() -> None:
    text = "5. Assignment. Neither party may assign this Agreement without consent."
    raw = json.dumps(
        {
            "contract_type": "services_agreement",
            "parties": [],
            "governing_law": None,
            "term": None,
            "clause_flags": [
                flag("Anti-Assignment", "Neither party may assign this Agreement", "low")
            ],
        }
    )

    checked = check(raw, text, domain="legal")

    assert checked.suppressed == ()
    assert checked.flags[0].grounded


@pytest.mark.parametrize(
    ("raw", "where"),
    [
        pytest.param("{not json", "(top level)", id="not-json"),
        pytest.param(json.dumps({"document_type": "discharge_summary"}), "", id="missing-fields"),
        pytest.param(
            clinical(flag("Headache", "Chest pain radiating to the left arm.")),
            "red_flags",
            id="unknown-flag-kind",
        ),
        pytest.param(clinical(flag("Chest Pain", "")), "red_flags", id="empty-evidence"),
        pytest.param(
            clinical().replace('"triage_level": 2', '"triage_level": 7'),
            "triage_level",
            id="triage-out-of-range",
        ),
    ],
)
def test_output_that_does_not_fit_the_schema_raises_schema_violation(raw: str, where: str) -> None:
    with pytest.raises(SchemaViolation) as caught:
        check(raw)

    assert where in str(caught.value)


def test_a_schema_violation_is_retryable() -> None:
    with pytest.raises(SchemaViolation) as caught:
        parse_output("clinical", "{}")

    assert caught.value.retryable is True


def test_output_with_extra_fields_raises_schema_violation() -> None:
    raw: dict[str, Any] = json.loads(clinical())
    raw["patient_name"] = "<PERSON_1>"

    with pytest.raises(SchemaViolation):
        check(json.dumps(raw))


@pytest.mark.parametrize("confidence", [0.0, 42.5, 59.99])
def test_ocr_confidence_below_the_threshold_sends_the_decision_to_review(
    confidence: float,
) -> None:
    checked = check(clinical(), min_ocr_confidence=confidence)

    assert checked.review_reasons == (ReviewReason.LOW_OCR_CONFIDENCE,)


@pytest.mark.parametrize("confidence", [None, 60.0, 96.2])
def test_ocr_confidence_at_or_above_the_threshold_or_absent_needs_no_review(
    confidence: float | None,
) -> None:
    checked = check(clinical(), min_ocr_confidence=confidence)

    assert checked.review_reasons == ()
    assert not checked.needs_review


def test_a_grounded_high_severity_flag_sends_the_decision_to_review() -> None:
    checked = check(clinical(flag("Sepsis Signs", "She reports rigors.", "high")))

    assert checked.review_reasons == (ReviewReason.HIGH_SEVERITY_FLAG,)


def test_a_grounded_medium_severity_flag_needs_no_review() -> None:
    checked = check(clinical(flag("Sepsis Signs", "She reports rigors.", "medium")))

    assert checked.review_reasons == ()


def test_an_ungrounded_high_severity_flag_is_routed_as_ungrounded_only() -> None:
    checked = check(clinical(flag("Sepsis Signs", "Septic shock on arrival.", "high")))

    assert checked.review_reasons == (ReviewReason.UNGROUNDED_EVIDENCE,)


def test_every_review_reason_is_reported_together() -> None:
    raw = json.loads(
        clinical(
            flag("Sepsis Signs", "She reports rigors."),
            flag("Chest Pain", "Crushing chest pain."),
        )
    )
    raw["medications"] = ["Metformin 500 mg"]  # not in the note: an ungrounded field
    checked = check(json.dumps(raw), min_ocr_confidence=12.0)

    assert set(checked.review_reasons) == {
        ReviewReason.UNGROUNDED_EVIDENCE,
        ReviewReason.LOW_OCR_CONFIDENCE,
        ReviewReason.HIGH_SEVERITY_FLAG,
        ReviewReason.UNGROUNDED_FIELD,
    }
