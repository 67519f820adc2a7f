"""attest.AgeRecognizer: the number of an age written as one, nothing else."""

from __future__ import annotations

import pytest

from extractors.redact import Redactor


@pytest.mark.parametrize(
    ("text", "age"),
    [
        ("a 92-year-old man", "92"),
        ("a 92 years old man", "92"),
        ("age 93", "93"),
        ("aged 95", "95"),
        ("a 93 y/o man", "93"),
        ("Age: 91", "91"),
    ],
)
def test_an_age_is_found(redactor: Redactor, text: str, age: str) -> None:
    found = [text[r.start : r.end] for r in redactor.analyze(text) if r.entity_type == "AGE"]
    assert found == [age]


@pytest.mark.parametrize("text", ["page 93 of 120", "stage 4 disease", "93 mg daily"])
def test_other_numbers_are_not_ages(redactor: Redactor, text: str) -> None:
    assert "AGE" not in {r.entity_type for r in redactor.analyze(text)}
