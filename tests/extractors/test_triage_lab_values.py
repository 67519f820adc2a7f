"""Critical lab values, read as clinicians write results, as high-risk situations (ESI B)."""

from __future__ import annotations

import pytest

from extractors.llm.rules.clinical import extract
from extractors.triage.lab_values import critical


def readings(text: str) -> list[tuple[str, str, str]]:
    return [(r.analyte, r.limit, r.evidence) for r in critical(text)]


@pytest.mark.parametrize(
    ("text", "analyte", "evidence"),
    [
        pytest.param("K 6.8", "potassium", "K 6.8", id="potassium-symbol"),
        pytest.param("K+ 7.1 on the gas", "potassium", "K+ 7.1", id="potassium-ion"),
        pytest.param("potassium 2.3", "potassium", "potassium 2.3", id="potassium-low"),
        pytest.param("Na 118", "sodium", "Na 118", id="sodium-low"),
        pytest.param("sodium of 162", "sodium", "sodium of 162", id="sodium-words-between"),
        pytest.param("glucose 38 mg/dL", "glucose", "glucose 38 mg/dL", id="glucose-mg"),
        pytest.param("BG 2.1 mmol/L", "glucose", "BG 2.1 mmol/L", id="glucose-mmol"),
        pytest.param("BSL 1.8", "glucose", "BSL 1.8", id="glucose-mmol-by-value"),
        pytest.param("CBG 540", "glucose", "CBG 540", id="glucose-high"),
        pytest.param("Hb 6.2", "haemoglobin", "Hb 6.2", id="hb-g-dl"),
        pytest.param("Hgb 5.9 g/dL", "haemoglobin", "Hgb 5.9 g/dL", id="hgb-unit"),
        pytest.param("Hb 62", "haemoglobin", "Hb 62", id="hb-g-l-by-value"),
        pytest.param("plt 12k", "platelets", "plt 12k", id="platelets-k"),
        pytest.param("platelets 12,000", "platelets", "platelets 12,000", id="platelets-per-ul"),
        pytest.param("INR 8.4", "INR", "INR 8.4", id="inr"),
        pytest.param("lactate 5.2", "lactate", "lactate 5.2", id="lactate"),
        pytest.param("troponin positive", "troponin", "troponin positive", id="troponin-pos"),
        pytest.param("raised trop", "troponin", "raised trop", id="troponin-before"),
        pytest.param("pH 7.05", "pH", "pH 7.05", id="ph-acidaemia"),
        pytest.param("Ca 14.2", "calcium", "Ca 14.2", id="calcium-high"),
        pytest.param("WBC 42", "white cell count", "WBC 42", id="wbc-high"),
        pytest.param("ketones 5.1", "ketones", "ketones 5.1", id="ketones"),
        pytest.param("HCO3 7", "bicarbonate", "HCO3 7", id="bicarbonate"),
        pytest.param("glucometer reads HI", "glucose", "glucometer reads HI", id="meter-hi"),
    ],
)
def test_a_critical_result_is_read_and_quoted_verbatim(
    text: str, analyte: str, evidence: str
) -> None:
    assert [(a, e) for a, _, e in readings(text)] == [(analyte, evidence)]


def test_a_result_said_in_words_is_read_and_quoted_as_said() -> None:
    assert readings("potassium seven point one") == [
        ("potassium", "> 6 mmol/L", "potassium seven point one")
    ]


def test_the_critical_result_in_a_lab_list_is_the_one_read() -> None:
    assert readings("BMP: Na 131, K 6.9, Cr 4.1.") == [("potassium", "> 6 mmol/L", "K 6.9")]


def test_a_result_at_the_end_of_a_sentence_is_read() -> None:
    assert [e for _, _, e in readings("Repeat K 6.8. Awaiting ECG.")] == ["K 6.8"]


def test_results_within_their_limits_are_not_critical() -> None:
    assert readings("K 4.1, Na 138, Hb 13.2, plt 250, INR 1.1, lactate 1.2, pH 7.38") == []


def test_a_stated_unit_decides_over_the_number() -> None:
    assert readings("glucose 20 mg/dL")[0][1] == "< 40 mg/dL"
    assert readings("glucose 20") == []  # 20 mmol/L: high, but under the critical limit


def test_a_negative_troponin_is_not_critical() -> None:
    assert readings("troponin negative") == []
    assert readings("Troponin not elevated") == []


def test_a_negated_result_is_not_critical() -> None:
    assert readings("no raised troponin") == []


def test_a_result_in_a_history_line_is_not_current() -> None:
    assert readings("PMH: CKD, K 6.8 last month") == []
    assert readings("PMH: CKD 4, K 6.8") == []


def test_a_dated_result_is_an_old_one() -> None:
    assert readings("K 6.8 last month, now feels well") == []
    assert readings("Hb 6.5 two weeks ago") == []


def test_a_result_after_a_history_cue_is_not_current() -> None:
    assert readings("h/o K 7.0 on spironolactone") == []


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Vit K 10 mg given", id="vitamin-k-dose"),
        pytest.param("Ca 19-9 pending", id="tumour-marker"),
        pytest.param("last BM 2 days ago", id="bowel-movement"),
        pytest.param("urine pH 7.0", id="urine-ph"),
        pytest.param("ran a 5K 2 days ago", id="a-race"),
        pytest.param("Labs: K 3.5-5.0", id="reference-range"),
        pytest.param("high sensitivity troponin sent", id="assay-name"),
        pytest.param("rates pain 8/10", id="pain-score"),
    ],
)
def test_a_number_that_is_no_result_is_not_read(text: str) -> None:
    assert readings(text) == []


def test_a_critical_lab_value_is_a_high_severity_red_flag_quoting_the_reading() -> None:
    output = extract("Weak for 2 days. Chem: Na 136, Ca 14.2, Cr 1.1. HR 78, BP 132/80.")
    assert {
        "kind": "Critical Lab Value",
        "severity": "high",
        "evidence": "Ca 14.2",
    } in output["red_flags"]


def test_a_critical_lab_value_makes_a_high_risk_situation_named_by_its_reading() -> None:
    output = extract("Sent in by GP, feels tired. Hb 6.2. HR 84, BP 128/76.")
    assert output["triage_level"] == 2
    assert {"rule": "B: high-risk situation", "evidence": "Hb 6.2", "exemplar": ""} in output[
        "triage_reasons"
    ]


def test_a_note_without_critical_results_is_triaged_as_before() -> None:
    output = extract("Twisted ankle playing soccer. HR 84. K 4.2.")
    assert output["triage_level"] == 4
    assert all(flag["kind"] != "Critical Lab Value" for flag in output["red_flags"])
