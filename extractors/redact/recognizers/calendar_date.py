"""Dates written with a month name ("December 12, 1974", "12 Dec 1974") and ISO dates.

Presidio's DateRecognizer knows numeric dates only. Every element of a date except the year
is an identifier under HIPAA Safe Harbor, so a month with a year ("March 2021") counts too.
"""

from __future__ import annotations

from presidio_analyzer import Pattern, PatternRecognizer

VERSION = "1"

MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_DAY = r"(?:0?[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?"
_YEAR = r"(?:1[89]\d\d|20\d\d)"

PATTERNS = [
    # December 12, 1974 / Dec. 12 1974 / December 12th, 1974
    Pattern("month-day-year", rf"\b{MONTH}\s+{_DAY},?\s+{_YEAR}\b", 0.85),
    # 12 Dec 1974 / 12th of December, 1974
    Pattern("day-month-year", rf"\b{_DAY}\s+(?:of\s+)?{MONTH},?\s+{_YEAR}\b", 0.85),
    # 1974-12-12
    Pattern("iso", rf"\b{_YEAR}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])\b", 0.85),
    # March 2021: the month is an identifier, the year alone is not.
    Pattern("month-year", rf"\b{MONTH},?\s+{_YEAR}\b", 0.6),
    # March 3 (no year): capitalised month only, so "may 5" in prose is left alone.
    Pattern("month-day", rf"(?-i:\b{MONTH}\s+{_DAY})\b(?!,?\s*\d)", 0.5),
]


class CalendarDateRecognizer(PatternRecognizer):
    def __init__(self) -> None:
        super().__init__(
            supported_entity="DATE_TIME",
            name="attest.CalendarDateRecognizer",
            version=VERSION,
            patterns=PATTERNS,
            context=["date", "born", "dob", "admitted", "discharged", "signed", "dated"],
        )
