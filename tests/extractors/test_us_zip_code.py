"""attest.UsZipCodeRecognizer: ZIP codes after a state or a ZIP label only."""

from __future__ import annotations

import pytest

from extractors.redact import Redactor


@pytest.mark.parametrize(
    ("text", "zip_code"),
    [
        ("Boston, MA 02134", "02134"),
        ("Boston MA 02134-1234", "02134-1234"),
        ("ZIP: 62704", "62704"),
        ("Zip Code 62704", "62704"),
        ("Postal code: 05901", "05901"),
    ],
)
def test_a_zip_code_is_found(redactor: Redactor, text: str, zip_code: str) -> None:
    found = [
        text[r.start : r.end] for r in redactor.analyze(text) if r.entity_type == "US_ZIP_CODE"
    ]
    assert found == [zip_code]


@pytest.mark.parametrize("text", ["Invoice 12345 is due.", "we met in 30305 ways"])
def test_a_bare_five_digit_number_is_not_a_zip_code(redactor: Redactor, text: str) -> None:
    assert "US_ZIP_CODE" not in {r.entity_type for r in redactor.analyze(text)}
