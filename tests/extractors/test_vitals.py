"""Vital signs as data, from the ways triage notes write them."""

from __future__ import annotations

import pytest

from extractors.triage.vitals import extract


def values(text: str) -> dict[str, tuple[str, str]]:
    return {r.name: (r.text_value, r.unit) for r in extract(text)}


@pytest.mark.parametrize(
    ("text", "name", "value", "unit"),
    [
        pytest.param("BP 84/56", "systolic_bp", "84", "mmHg", id="bp-slash"),
        pytest.param("BP 84/56", "diastolic_bp", "56", "mmHg", id="bp-diastolic"),
        pytest.param("blood pressure 84 over 56", "systolic_bp", "84", "mmHg", id="bp-over"),
        pytest.param("VS: 84/50, HR 140", "systolic_bp", "84", "mmHg", id="bp-unlabelled"),
        pytest.param("sats 89% RA", "spo2", "89", "%", id="sats-ra"),
        pytest.param("Sp02 88%", "spo2", "88", "%", id="ocr-zero-for-o"),
        pytest.param("T 101.3F", "temperature", "38.5", "°C", id="fahrenheit-converted"),
        pytest.param("Temp 40.1", "temperature", "40.1", "°C", id="celsius"),
        pytest.param("HR: 132", "heart_rate", "132", "/min", id="hr-colon"),
        pytest.param("pulse 48", "heart_rate", "48", "/min", id="pulse"),
        pytest.param("RR 28", "respiratory_rate", "28", "/min", id="rr"),
        pytest.param("GCS 8", "gcs", "8", "points", id="gcs"),
        pytest.param("GCS E2V3M4", "gcs", "9", "points", id="gcs-components"),
        pytest.param("AVPU: P", "avpu", "P", "AVPU", id="avpu"),
        pytest.param("rates pain 8/10", "pain_score", "8", "points", id="pain"),
        pytest.param("67-year-old man", "age", "67", "years", id="age-years"),
        pytest.param("3-month-old girl", "age", "3", "months", id="age-months"),
        pytest.param("10-day-old boy", "age", "10", "days", id="age-days"),
        pytest.param("2 week old infant", "age", "14", "days", id="age-weeks-as-days"),
        pytest.param("90+ y/o F", "age", "90", "years", id="age-capped-by-redaction"),
    ],
)
def test_a_written_vital_sign_is_read_with_its_unit(
    text: str, name: str, value: str, unit: str
) -> None:
    assert values(text)[name] == (value, unit)


def test_each_reading_quotes_the_note_verbatim() -> None:
    text = "Vitals: HR 132, BP 84/56, RR 28, sats 89% RA, T 101.3F."

    readings = extract(text)

    assert readings and all(text[r.start : r.end] == r.evidence for r in readings)


def test_a_temperature_in_fahrenheit_is_not_an_age() -> None:
    assert "age" not in values("Temp 98 F, HR 80")


def test_an_impossible_number_is_dropped_not_clamped() -> None:
    assert "heart_rate" not in values("HR 1320")


def test_a_date_or_a_pain_score_is_not_a_blood_pressure() -> None:
    assert "systolic_bp" not in values("Seen on 12/05, pain 8/10.")


@pytest.mark.parametrize(
    ("text", "name", "value"),
    [
        pytest.param(
            "HR167 BP113/65 RR54 Sat94% T37.4°C", "heart_rate", "167", id="run-together-hr"
        ),
        pytest.param("HR167 BP113/65 RR54 Sat94%", "systolic_bp", "113", id="run-together-bp"),
        pytest.param("HR167 BP113/65 RR54 Sat94%", "spo2", "94", id="run-together-sat"),
        pytest.param("VS 119/69 - 165 - 44 - 92% RA", "heart_rate", "165", id="unlabelled-hr"),
        pytest.param("VS 119/69 - 165 - 44 - 92% RA", "respiratory_rate", "44", id="unlabelled-rr"),
        pytest.param("VS 138/80 - 123 - 32 - 91% RA - 36.6 C", "temperature", "36.6", id="bare-c"),
        pytest.param("pulse l40; resp l6", "heart_rate", "140", id="ocr-l-for-1"),
        pytest.param("BP : ll9/69", "systolic_bp", "119", id="ocr-two-l"),
        pytest.param("Sat 9l% RA", "spo2", "91", id="ocr-l-after-digit"),
    ],
)
def test_run_together_unlabelled_and_ocr_misread_vitals_are_read(
    text: str, name: str, value: str
) -> None:
    assert values(text)[name][0] == value


def test_an_ocr_misread_reading_quotes_the_note_verbatim() -> None:
    (reading,) = [r for r in extract("pulse l40") if r.name == "heart_rate"]

    assert reading.evidence == "pulse l40"


def test_the_age_is_the_first_the_note_states_not_a_duration_ago() -> None:
    assert values("Pt 82F c/o weakness.\nhx of seizures, last one 2 yrs ago")["age"] == (
        "82",
        "years",
    )


@pytest.mark.parametrize(
    ("text", "name", "value"),
    [
        pytest.param("pressure's eighty over fifty", "systolic_bp", "80", id="bp-in-words"),
        pytest.param("pressure's eighty over fifty", "diastolic_bp", "50", id="bp-diastolic-words"),
        pytest.param("BP one hundred and ten over seventy", "systolic_bp", "110", id="bp-hundreds"),
        pytest.param("heart rate one forty", "heart_rate", "140", id="hr-spoken-shorthand"),
        pytest.param("pulse racing at a hundred and thirty", "heart_rate", "130", id="hr-words"),
        pytest.param("resp rate twenty-eight", "respiratory_rate", "28", id="rr-hyphenated"),
        pytest.param("sats are now dropping to 88 percent", "spo2", "88", id="sats-said"),
        pytest.param("sats in the high 80s", "spo2", "88", id="sats-band"),
        pytest.param("temperature thirty-nine point two", "temperature", "39.2", id="temp-words"),
        pytest.param("temp 38,5", "temperature", "38.5", id="temp-decimal-comma"),
        pytest.param("pain eight out of ten", "pain_score", "8", id="pain-out-of-ten"),
        pytest.param("two days old, feeding poorly", "age", "2", id="age-in-words"),
    ],
)
def test_a_vital_sign_said_in_words_is_read(text: str, name: str, value: str) -> None:
    assert values(text)[name][0] == value


def test_a_reading_said_in_words_quotes_the_note_verbatim() -> None:
    text = "ATMIST: pressure's eighty over fifty, heart rate one forty, sats in the high 80s."

    readings = extract(text)

    assert {r.name for r in readings} >= {"systolic_bp", "heart_rate", "spo2"}
    assert all(text[r.start : r.end] == r.evidence for r in readings)
    assert [r.evidence for r in readings if r.name == "heart_rate"] == ["heart rate one forty"]


def test_a_decade_is_not_a_reading() -> None:
    assert values("heart rate in the 30s, pale.\nHR 34 | BP 80/49")["heart_rate"][0] == "34"


@pytest.mark.parametrize(
    ("text", "name", "value"),
    [
        pytest.param("heart going at 131", "heart_rate", "131", id="hr-heart-going"),
        pytest.param("heart is beating 82", "heart_rate", "82", id="hr-heart-beating"),
        pytest.param("pressure 82 on 53", "systolic_bp", "82", id="bp-on"),
        pytest.param("tension 126/86", "diastolic_bp", "86", id="bp-tension"),
        pytest.param("BP 81 on top", "systolic_bp", "81", id="sbp-on-top"),
        pytest.param("breathes 27 in one minute", "respiratory_rate", "27", id="rr-in-a-minute"),
        pytest.param("breathing 30 a minute", "respiratory_rate", "30", id="rr-a-minute"),
        pytest.param("Patient is man of 52 years.", "age", "52", id="age-man-of"),
        pytest.param("Daughter rang ahead. Woman, 30.", "age", "30", id="age-after-sex"),
        pytest.param("HPI: 5y M, raisin in nostril", "age", "5", id="age-y-letter"),
        pytest.param("A: 44 F / T: call 13:02", "age", "44", id="age-atmist"),
    ],
)
def test_a_vital_sign_or_age_in_spoken_or_second_language_forms_is_read(
    text: str, name: str, value: str
) -> None:
    assert values(text)[name][0] == value


def test_weeks_of_pregnancy_after_the_sex_are_not_an_age() -> None:
    assert "age" not in values("Woman, 30 weeks pregnant, headache.")
