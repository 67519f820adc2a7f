"""Red flags in lay, screening and OCR-damaged wording; history and negation read in one place."""

from __future__ import annotations

import pytest

from extractors.negation import opens_negated
from extractors.triage import criteria, meaning
from extractors.triage.esi import assess
from extractors.triage.findings import asserted
from extractors.triage.history import historical, is_history_line, is_history_part
from extractors.triage.ocr_text import restore
from extractors.triage.vitals import extract


def kinds(text: str) -> set[str]:
    return {flag.kind for flag in assess(text).flags}


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        pytest.param("Daughter says she does not know where she is.", "Altered Mental Status"),
        pytest.param("A&O x1 at triage, new since this morning.", "Altered Mental Status"),
        pytest.param("Keeps dozing off mid-sentence.", "Altered Mental Status"),
        pytest.param("Wishes she was dead.", "Suicidal Ideation", id="c-ssrs-wish-dead"),
        pytest.param("Says his family would be better off without him.", "Suicidal Ideation"),
        pytest.param("Has been saving up her tablets.", "Suicidal Ideation", id="preparatory"),
        pytest.param("Bleeding will not stop despite pressure.", "Severe Bleeding"),
        pytest.param("Soaked through two towels.", "Severe Bleeding"),
        pytest.param("Keeled over at work, came to on the floor.", "Syncope"),
        pytest.param("His smile went lopsided.", "Stroke Symptoms"),
        pytest.param("Gasping for air.", "Shortness Of Breath"),
        pytest.param("Stools black like tar.", "GI Bleeding"),
        pytest.param("34 weeks, the baby is not moving since yesterday.", "Obstetric Emergency"),
    ],
)
def test_a_red_flag_in_lay_or_screening_words_is_found(text: str, kind: str) -> None:
    assert kind in kinds(text)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        pytest.param("Pt c0nfused and dis0riented.", "Altered Mental Status", id="zero-for-o"),
        pytest.param("Suicida1 thoughts.", "Suicidal Ideation", id="one-for-l"),
        pytest.param("Stab wound, bIeeding heavily.", "Severe Bleeding", id="capital-i-for-l"),
        pytest.param("Rnelena x2.", "GI Bleeding", id="rn-for-m"),
        pytest.param("Drowsy and disorien-\nted.", "Altered Mental Status", id="hyphen-break"),
    ],
)
def test_a_red_flag_damaged_by_ocr_is_found(text: str, kind: str) -> None:
    assert kind in kinds(text)


def test_a_negated_lay_finding_is_not_a_red_flag() -> None:
    assert "Suicidal Ideation" not in kinds("Low mood, denies thoughts of harming herself.")


def test_bleeding_stopped_by_pressure_is_not_severe() -> None:
    assert "Severe Bleeding" not in kinds("Cut finger, bled a little, stopped with pressure.")


def test_an_ocr_repair_keeps_the_quote_verbatim() -> None:
    note = "C/O: c0nfused since am"
    [found] = asserted(criteria.CONFUSION, note)
    assert found.evidence == note
    assert note[found.start : found.end] == "c0nfused"


def test_ocr_repair_leaves_words_the_rules_do_not_know() -> None:
    assert restore("turned at 0900, G1P0, HR l32").text == "turned at 0900, G1P0, HR l32"


def test_a_word_the_rules_know_is_restored_from_its_ocr_damage() -> None:
    assert restore("haernatemesis, c0nfused").text == "haematemesis, confused"


def test_a_head_injury_on_an_anticoagulant_is_high_risk() -> None:
    assert assess("Fell and hit his head, he takes warfarin.").level == 2


def test_a_threat_to_harm_someone_else_is_high_risk() -> None:
    assert assess("Threatening to stab his neighbour, pacing.").level == 2


def test_a_history_cue_makes_the_rest_of_its_clause_part_history() -> None:
    clause = "h/o CVA, now slurred speech"
    assert historical(clause, clause.index("CVA"))
    assert not historical(clause, clause.index("slurred"))


def test_an_age_and_prior_to_arrival_are_not_history() -> None:
    assert not historical("72 year old chest pain", 17)
    assert not historical("vomited prior to arrival blood", 25)


def test_a_part_that_opens_or_closes_with_history_is_history() -> None:
    assert is_history_part("history of overdose in 2015")
    assert is_history_part("overdose 3 years ago")
    assert not is_history_part("vomiting for the past 2 days")


def test_a_history_section_line_is_history() -> None:
    assert is_history_line("PMH: CVA, MI")
    assert is_history_line("Meds: warfarin")
    assert not is_history_line("Medication refill, ran out")


def test_a_piece_that_opens_with_a_negation_is_negated() -> None:
    assert opens_negated("ROS: denies fever")
    assert opens_negated("the patient has not fallen")
    assert not opens_negated("fever and cough")


@pytest.mark.parametrize(
    ("text", "name", "value"),
    [
        pytest.param("RR 2B", "respiratory_rate", 28.0, id="B-for-8"),
        pytest.param("Sp02 8B% RA", "spo2", 88.0, id="B-for-8-percent"),
        pytest.param("sats 9S% RA", "spo2", 95.0, id="S-for-5"),
        pytest.param("pu1se 140", "heart_rate", 140.0, id="one-in-a-label"),
        pytest.param("T 39.l", "temperature", 39.1, id="l-after-the-point"),
    ],
)
def test_a_vital_sign_damaged_by_ocr_is_read(text: str, name: str, value: float) -> None:
    [reading] = [reading for reading in extract(text) if reading.name == name]
    assert reading.value == value
    assert reading.evidence in text


def test_a_letter_beside_a_number_that_is_no_vital_sign_stays_a_letter() -> None:
    assert extract("B12 low, G1P0, 3 days") == []


def test_confusion_the_note_calls_the_patients_baseline_is_not_new() -> None:
    assert "Altered Mental Status" not in kinds("Known dementia, confused at baseline, skin tear.")


def test_confusion_worse_than_baseline_is_new() -> None:
    assert "Altered Mental Status" in kinds("More confused than baseline since this morning.")


def test_a_fall_from_a_ladder_is_high_risk_whatever_stands_between() -> None:
    assert assess("Fell off the top of a tall ladder, back pain.").level == 2
    assert assess("c/o fall from <LOCATION_1> ladder, back pain.").level == 2


def test_the_reader_of_meaning_reads_a_piece_as_written_before_ocr_damage() -> None:
    damaged = meaning.high_risk("Wants to end his 1ife, suicida1.")
    clean = meaning.high_risk("Wants to end his life, suicidal.")
    assert damaged
    assert [match.exemplar for match in damaged] == [match.exemplar for match in clean]
    assert damaged[0].evidence == "Wants to end his 1ife, suicida1."


def test_a_negated_stop_asserts_what_goes_on() -> None:
    assert "Severe Bleeding" in kinds("Cut his thigh, they cannot stop the bleeding.")


def test_a_wish_to_harm_oneself_is_suicidal_ideation_and_an_accident_is_not() -> None:
    assert "Suicidal Ideation" in kinds("Threatening to hurt herself tonight.")
    assert "Suicidal Ideation" not in kinds("Fell off his bike and hurt himself, knee pain.")


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Cough for two days. Mini-stroke in 2016, fully recovered.", id="in-a-year"),
        pytest.param("Cut finger. Hx CVA 2018, no residual weakness.", id="hx-and-a-bare-year"),
        pytest.param("Cut forehead. Fainted once at a blood test years ago.", id="years-ago"),
    ],
)
def test_a_red_flag_in_a_part_that_closes_with_a_date_is_history(text: str) -> None:
    assert not kinds(text) & {"Stroke Symptoms", "Syncope"}
    assert assess(text).level >= 3


def test_fever_as_the_label_of_a_normal_temperature_is_no_fever() -> None:
    text = "41 M, 2 cm lac to palm, bleeding stopped.\nWhen I check: fever 36.6, pulse 64."

    assert assess(text).level == 4
