"""NegEx-style negation: is a finding in a sentence negated, and by which cue?"""

from __future__ import annotations

import pytest

from extractors.negation import WINDOW_WORDS, negation_cue


def cue_for(sentence: str, finding: str) -> str | None:
    start = sentence.lower().index(finding.lower())
    return negation_cue(sentence, start, start + len(finding))


@pytest.mark.parametrize(
    ("sentence", "finding", "cue"),
    [
        pytest.param("denies chest pain", "chest pain", "denies", id="denies"),
        pytest.param("Denied chest pain.", "chest pain", "denied", id="denied-capitalised"),
        pytest.param(
            "no evidence of stroke symptoms", "stroke symptoms", "no evidence of", id="no-evidence"
        ),
        pytest.param("has no suicidal ideation", "suicidal ideation", "no", id="has-no"),
        pytest.param(
            "Negative for shortness of breath.", "shortness of breath", "negative for", id="neg-for"
        ),
        pytest.param("free of chest pain", "chest pain", "free of", id="free-of"),
        pytest.param("Patient reports no chest pain.", "chest pain", "no", id="reports-no"),
        pytest.param("The patient has not had chest pain.", "chest pain", "not", id="not"),
        pytest.param(
            "No chest pain or shortness of breath.", "shortness of breath", "no", id="no-x-or-y"
        ),
    ],
)
def test_a_finding_after_a_negation_cue_is_negated(sentence: str, finding: str, cue: str) -> None:
    assert cue_for(sentence, finding) == cue


@pytest.mark.parametrize(
    ("sentence", "finding", "cue"),
    [
        pytest.param("chest pain was ruled out", "chest pain", "ruled out", id="was-ruled-out"),
        pytest.param("Chest pain is absent.", "chest pain", "absent", id="is-absent"),
        pytest.param("Chest pain resolved.", "chest pain", "resolved", id="resolved"),
        pytest.param("Sepsis was negative.", "sepsis", "was negative", id="was-negative"),
    ],
)
def test_a_finding_followed_by_a_post_negation_cue_is_negated(
    sentence: str, finding: str, cue: str
) -> None:
    assert cue_for(sentence, finding) == cue


@pytest.mark.parametrize(
    ("sentence", "finding"),
    [
        pytest.param("reports chest pain", "chest pain", id="reports"),
        pytest.param("denies fever but reports chest pain", "chest pain", id="but-reports"),
        pytest.param("Chest pain. Denies shortness of breath.", "chest pain", id="cue-after"),
        pytest.param(
            "Troponin not elevated; chest pain persists.", "chest pain", id="cue-in-other-clause"
        ),
        pytest.param("Knowles has chest pain.", "chest pain", id="cue-letters-inside-a-word"),
    ],
)
def test_an_asserted_finding_has_no_negation_cue(sentence: str, finding: str) -> None:
    assert cue_for(sentence, finding) is None


@pytest.mark.parametrize(
    ("sentence", "finding"),
    [
        pytest.param("Denies fever, chills, chest pain.", "chest pain", id="denies-list"),
        pytest.param(
            "She denies chest pain, shortness of breath or palpitations.",
            "shortness of breath",
            id="denies-x-comma-y",
        ),
    ],
)
def test_every_item_of_a_comma_separated_negated_list_is_negated(
    sentence: str, finding: str
) -> None:
    assert cue_for(sentence, finding) == "denies"


def test_a_finding_that_has_resolved_is_negated() -> None:
    assert cue_for("Chest pain has resolved.", "chest pain") is not None


def test_a_cue_further_back_than_the_window_does_not_negate() -> None:
    filler = " ".join(["word"] * WINDOW_WORDS)

    assert cue_for(f"She did not sleep {filler} before the chest pain", "chest pain") is None


def test_a_cue_just_inside_the_window_negates() -> None:
    filler = " ".join(["word"] * (WINDOW_WORDS - 1))

    assert cue_for(f"She denies {filler} chest pain", "chest pain") == "denies"


@pytest.mark.parametrize(
    "sentence",
    [
        pytest.param("No known drug allergies, complains of chest pain.", id="nkda-complains"),
        pytest.param("She is not diabetic, has substernal chest pain.", id="not-diabetic-has"),
        pytest.param("Denies fever, has had chest pain for two days.", id="denies-fever-has-had"),
        pytest.param("No fever, positive for chest pain.", id="no-fever-positive-for"),
    ],
)
def test_a_finding_asserted_after_a_negated_item_and_a_comma_is_asserted(sentence: str) -> None:
    assert cue_for(sentence, "chest pain") is None


@pytest.mark.parametrize(
    ("sentence", "finding", "cue"),
    [
        pytest.param("Nil chest pain, nil SOB.", "SOB", "nil", id="nil"),
        pytest.param("Neg for syncope, haematemesis, melaena.", "melaena", "neg for", id="neg-for"),
        pytest.param("Ø CP/DIB/syncope.", "syncope", "ø", id="null-sign"),
    ],
)
def test_a_british_or_charting_negation_cue_negates_its_list(
    sentence: str, finding: str, cue: str
) -> None:
    assert cue_for(sentence, finding) == cue


@pytest.mark.parametrize(
    ("sentence", "finding"),
    [
        pytest.param("R sided weakness, can't grip cup, speech muddled", "speech muddled"),
        pytest.param("Doesn't know where she is, muddled since yesterday", "muddled"),
        pytest.param("Inhaler not helping, talking in short sentences", "short sentences"),
    ],
)
def test_a_negated_verb_negates_only_its_own_clause_part(sentence: str, finding: str) -> None:
    assert cue_for(sentence, finding) is None


def test_a_negated_verb_of_having_still_negates_a_list() -> None:
    assert cue_for("Does not have fever, chills or cough.", "chills") == "not"


@pytest.mark.parametrize(
    "sentence",
    [
        pytest.param("Nebs at home no better, retractions", id="no-better"),
        pytest.param("Daughter says not herself and drowsy", id="not-herself"),
    ],
)
def test_a_finding_worded_with_a_negation_negates_nothing_after_it(sentence: str) -> None:
    finding = "retractions" if "retractions" in sentence else "drowsy"

    assert cue_for(sentence, finding) is None
