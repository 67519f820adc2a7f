"""attest.CalendarDateRecognizer: dates with month names, and ISO dates."""

from __future__ import annotations

import pytest

from extractors.redact import Redactor


def _found(redactor: Redactor, text: str) -> list[str]:
    return [text[r.start : r.end] for r in redactor.analyze(text) if r.entity_type == "DATE_TIME"]


@pytest.mark.parametrize(
    "date",
    [
        "December 12, 1974",
        "Dec. 12, 1974",
        "Dec 12 1974",
        "12 Dec 1974",
        "12th of December, 1974",
        "1974-12-12",
        "March 2021",
        "March 3",
    ],
)
def test_a_written_date_is_found_whole(redactor: Redactor, date: str) -> None:
    assert _found(redactor, f"Seen on {date} in clinic.") == [date]


@pytest.mark.parametrize("text", ["You may 5 times retry.", "The 2021 budget", "Mar 45 units"])
def test_what_only_looks_like_a_date_is_not(redactor: Redactor, text: str) -> None:
    assert _found(redactor, text) == []
