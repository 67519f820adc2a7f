"""US street addresses: number, street name and suffix, optionally unit, city, state and ZIP."""

from __future__ import annotations

import regex
from presidio_analyzer import Pattern, PatternRecognizer

VERSION = "3"

_SUFFIX = (
    r"(?:Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr|Court|Ct|Way|Place|Pl|"
    r"Terrace|Ter|Circle|Cir|Parkway|Pkwy|Highway|Hwy|Square|Sq|Trail|Trl)\.?"
)
# Street names from anywhere: "Chácara Rodrigues Drive", "Długosza Rd.", "O'Rafferty Street".
# Numbered streets too: "5th Avenue", "W 3rd St", "42nd Street".
_WORD = r"(?:\p{Lu}[\p{L}'’-]*|\d{1,3}(?:st|nd|rd|th)|da|de|do|dos|das|del|der|la|van|von)"
_STREET = rf"\b\d{{1,6}}[ \t]+(?:[NSEW]\.?[ \t]+)?(?:{_WORD}[ \t]+){{1,5}}{_SUFFIX}"
_UNIT = r"(?:,?[ \t]+(?:Apt|Apartment|Suite|Ste|Unit|#)\.?[ \t]*[\w-]+)?"
_CITY_STATE_ZIP = (
    r"(?:,[ \t]*\p{Lu}[\p{L}'’-]*(?:[ \t]\p{L}[\p{L}'’-]*){0,2},[ \t]*[A-Z]{2}[ \t]+\d{5}"
    r"(?:-\d{4})?)?"
)

PATTERNS = [Pattern("street", _STREET + _UNIT + _CITY_STATE_ZIP, 0.7)]


class UsStreetAddressRecognizer(PatternRecognizer):
    def __init__(self) -> None:
        super().__init__(
            supported_entity="ADDRESS",
            name="attest.UsStreetAddressRecognizer",
            version=VERSION,
            patterns=PATTERNS,
            global_regex_flags=regex.MULTILINE,
        )
