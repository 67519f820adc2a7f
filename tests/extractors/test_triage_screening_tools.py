"""Red flags as published screening tools ask for them: BE-FAST, the C-SSRS screener,
obstetric danger signs, ACS without the word chest, work of breathing, bleeding through a
dressing. Each is asserted as told by anyone (a crew, a relative), and keeps its negation."""

from __future__ import annotations

import pytest

from extractors.triage.esi import assess

NORMAL = "\nHR 76, BP 126/78, RR 14, SpO2 98%, T 36.8"


def kinds(text: str) -> set[str]:
    return {flag.kind for flag in assess(text + NORMAL).flags}


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("60 M, FAST positive per crew, onset 20 min ago.", id="fast-positive"),
        pytest.param("Wife says his left arm keeps drifting down.", id="arm-drift"),
        pytest.param("One side of the mouth not moving right since lunch.", id="face"),
        pytest.param("F 79 r sided weakness, lkw 1hr ago.", id="sided-with-a-letter"),
        pytest.param("Husband says she suddenly couldn't hold a cup.", id="grip"),
    ],
)
def test_a_be_fast_item_is_a_stroke_symptom(text: str) -> None:
    assert "Stroke Symptoms" in kinds(text)
    assert assess(text + NORMAL).level <= 2


def test_a_negative_fast_screen_is_no_stroke_symptom() -> None:
    assert "Stroke Symptoms" not in kinds("70 F, dizzy on standing, FAST negative per crew.")


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Took approx 20 paracetamol 2 hrs ago, says wanted to die.", id="wish-past"),
        pytest.param("Says will jump off the bridge tonight.", id="intent-future"),
        pytest.param("Crew report she swallowed about thirty tablets, says she meant it.", id="od"),
        pytest.param("Overdose last night, wishes it had worked.", id="intent-after-attempt"),
        pytest.param("Has given the dog away this week.", id="preparatory-either-order"),
        pytest.param("Hearing voices telling them to step off the bridge.", id="command-voices"),
    ],
)
def test_a_c_ssrs_item_is_suicidal_ideation(text: str) -> None:
    assert "Suicidal Ideation" in kinds("30 F. " + text)


def test_a_small_dose_of_a_medicine_is_no_overdose() -> None:
    assert "Suicidal Ideation" not in kinds("30 F, headache, took 2 paracetamol at home.")


def test_denying_a_wish_to_die_is_no_suicidal_ideation() -> None:
    assert "Suicidal Ideation" not in kinds("30 F, low mood, denies wanting to die.")


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Period about six weeks late, sharp pain low on the left.", id="ectopic"),
        pytest.param("Had her baby ten days ago, now soaking pads with clots.", id="postpartum"),
    ],
)
def test_an_obstetric_danger_sign_is_an_obstetric_emergency(text: str) -> None:
    assert "Obstetric Emergency" in kinds("29 F. " + text)


def test_upper_abdominal_pressure_with_a_cold_sweat_is_chest_pain() -> None:
    text = "70 M, diabetic, pressure in the upper tummy and between the shoulder blades, clammy."

    assert "Chest Pain" in kinds(text)


def test_upper_abdominal_pain_without_a_sweat_is_no_chest_pain() -> None:
    assert "Chest Pain" not in kinds("30 M, burning pain in the upper tummy after curry.")


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("SOB walking to the bathroom, cold sweat.", id="dyspnoea-and-sweat"),
        pytest.param("Wheezy, using tummy muscles to breathe.", id="accessory-muscles"),
        pytest.param("Mum says he is talking in short sentences.", id="short-sentences"),
    ],
)
def test_laboured_breathing_in_lay_words_is_shortness_of_breath(text: str) -> None:
    assert "Shortness Of Breath" in kinds("6 y F. " + text)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Still pouring through the pressure bandage.", id="through-a-dressing"),
        pytest.param("Crew report a puddle of blood at the scene.", id="puddle"),
    ],
)
def test_bleeding_through_a_dressing_or_pooling_is_severe(text: str) -> None:
    assert "Severe Bleeding" in kinds("30 F, deep gash to the forearm. " + text)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("13 M, sudden pain in the scrotum with vomiting.", id="pain-in-the-scrotum"),
        pytest.param("16 M, left testicle swollen since football.", id="testicle-swollen"),
    ],
)
def test_testicular_pain_in_other_words_is_a_high_risk_situation(text: str) -> None:
    assert assess(text + NORMAL).level == 2


def test_indigestion_that_will_not_settle_in_a_diabetic_is_a_high_risk_situation() -> None:
    text = "63 F, indigestion that will not go away, nauseated, has diabetes."

    assert assess(text + NORMAL).level == 2


def test_indigestion_without_a_cardiac_risk_is_not_high_risk() -> None:
    assert assess("25 F, indigestion after a curry, otherwise well." + NORMAL).level >= 3


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("81 F from care home, only groans to pain.", id="avpu-pain"),
        pytest.param("22 F, friends think took heroin, unrousable.", id="unrousable"),
    ],
)
def test_a_patient_who_responds_only_to_pain_needs_a_life_saving_intervention(text: str) -> None:
    result = assess(text + NORMAL)

    assert result.level == 1
    assert "Altered Mental Status" in {flag.kind for flag in result.flags}


def test_mumbling_nonsense_is_new_confusion() -> None:
    assert "Altered Mental Status" in kinds("86 F, staff say today just mumbling nonsense.")


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("G2P1 at 36/40 with severe headache and pain under the right ribs.", id="pet"),
        pytest.param(
            "32 weeks with second baby, tearing pain, bump hard as a board.", id="abruption"
        ),
        pytest.param("Had the baby three hours ago, soaking a pad every few minutes.", id="pph"),
    ],
)
def test_a_danger_sign_beside_a_gestation_or_a_birth_is_an_obstetric_emergency(text: str) -> None:
    assert "Obstetric Emergency" in kinds("34 F. " + text)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Two or three words between breaths.", id="words-between-breaths"),
        pytest.param("Can't get a breath walking across the room.", id="cannot-get-a-breath"),
        pytest.param("Breathing fast, pulling in at the neck.", id="tracheal-tug"),
    ],
)
def test_breathlessness_in_more_lay_words_is_shortness_of_breath(text: str) -> None:
    assert "Shortness Of Breath" in kinds("41 M. " + text)
