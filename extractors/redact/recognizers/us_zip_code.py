"""US ZIP codes (5 digits or ZIP+4) after a state abbreviation or a ZIP label.

Only in those places: a bare 5-digit number is as likely an amount or an identifier of another
kind, which other recognizers own.
"""

from __future__ import annotations

from presidio_analyzer import Pattern, PatternRecognizer

VERSION = "1"

_STATE_CODES = (
    "ALAKAZARCACOCTDEDCFLGAHIIDILINIAKSKYLAMEMDMAMIMNMSMOMTNENVNH"
    "NJNMNYNCNDOHOKORPAPRRIRISCSDTNTXUTVTVAVIWAWVWIWYGUASMP"
)
STATES = tuple(dict.fromkeys(_STATE_CODES[i : i + 2] for i in range(0, len(_STATE_CODES), 2)))
_STATE = "(?-i:" + "|".join(STATES) + ")"
_ZIP = r"\d{5}(?:-\d{4})?\b"

PATTERNS = [
    # "Springfield, IL 62704" (the state in capitals, so "in 30305" does not count)
    Pattern("after-state", rf"(?<=\b{_STATE}\.?,?[ \t]{{1,3}}){_ZIP}", 0.75),
    # "ZIP: 62704", "Zip Code 62704-1234", "Postal code: 02134"
    Pattern("labelled", rf"(?<=\b(?:ZIP|Postal)(?:[ \t]+Code)?[ \t]*[:#]?[ \t]*){_ZIP}", 0.85),
]


class UsZipCodeRecognizer(PatternRecognizer):
    def __init__(self) -> None:
        super().__init__(
            supported_entity="US_ZIP_CODE",
            name="attest.UsZipCodeRecognizer",
            version=VERSION,
            patterns=PATTERNS,
            context=["zip", "postal", "address"],
        )
