"""Dates are read in the forms the recognizers find and written back in the same form."""

from __future__ import annotations

import pytest

from extractors.redact.dates import generalise_to_year, parse_date, shift_date

SHIFTED_BY_40_DAYS = [
    ("December 12, 1974", "January 21, 1975"),
    ("Dec. 12, 1974", "Jan. 21, 1975"),
    ("12 Dec 1974", "21 Jan 1975"),
    ("December 12th, 1974", "January 21st, 1975"),
    ("1974-12-12", "1975-01-21"),
    ("03/14/1958", "04/23/1958"),
    ("3/4/58", "4/13/58"),
    ("14.03.2021", "23.04.2021"),
    ("SEPT 5, 2001", "OCT 15, 2001"),
    ("March 3", "April 12"),
]


@pytest.mark.parametrize(("original", "expected"), SHIFTED_BY_40_DAYS)
def test_a_shifted_date_keeps_the_original_format(original: str, expected: str) -> None:
    assert shift_date(original, 40) == expected


def test_shifting_back_and_forth_returns_the_original() -> None:
    once = shift_date("February 29, 2024", -400)
    assert once is not None
    assert shift_date(once, 400) == "February 29, 2024"


@pytest.mark.parametrize("text", ["Feb 30, 2020", "13/13/2020", "10:30", "next Tuesday", "2020"])
def test_what_is_not_a_readable_date_is_none(text: str) -> None:
    assert parse_date(text) is None
    assert shift_date(text, 10) is None


@pytest.mark.parametrize(
    ("original", "year"),
    [("December 12, 1974", "1974"), ("03/14/58", "1958"), ("2021-03-14", "2021")],
)
def test_a_date_generalises_to_its_year(original: str, year: str) -> None:
    assert generalise_to_year(original) == year


def test_a_date_without_a_year_has_no_year_to_keep() -> None:
    assert generalise_to_year("March 3") is None
