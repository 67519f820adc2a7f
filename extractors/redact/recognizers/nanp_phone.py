"""North American phone and fax numbers in the forms US documents write them.

Presidio's PhoneRecognizer (US region) keeps only numbers `phonenumbers` considers valid and
misses "(460)200-0532", "+1-357-342-9708" or "1-861-961-0392" when the area code is not
assigned: a leak all the same. This one matches the shape (optional +1 or 1, area code with or
without parentheses, exchange, line, optional extension) without asking whether the number
exists; the separators between groups keep it from firing on plain 10-digit numbers.
"""

from __future__ import annotations

from presidio_analyzer import Pattern, PatternRecognizer

VERSION = "1"

_EXT = r"(?:[ \t]*(?:ext\.?|extension|x)[ \t]*\d{1,5})?"
_SEP = r"[-. \t]"

PATTERNS = [
    Pattern(
        "nanp",
        rf"(?<![\w+.-])(?:\+?1{_SEP}?)?(?:\(\d{{3}}\)[ \t]?|\d{{3}}{_SEP})\d{{3}}{_SEP}\d{{4}}"
        rf"{_EXT}(?![\w-])",
        0.6,
    ),
    # With a country code or a phone/fax label, other groupings: "+353 1 555 0199".
    Pattern(
        "labelled",
        r"(?<=\b(?:phone|tel|telephone|fax|facsimile|mobile|cell|ph)\.?[ \t]*(?:no\.?|number)?"
        r"[ \t]*[:#]?[ \t]*)\+?\d[\d \t().-]{6,18}\d(?![\w-])",
        0.7,
    ),
]


class NanpPhoneRecognizer(PatternRecognizer):
    def __init__(self) -> None:
        super().__init__(
            supported_entity="PHONE_NUMBER",
            name="attest.NanpPhoneRecognizer",
            version=VERSION,
            patterns=PATTERNS,
            context=["phone", "tel", "fax", "call", "cell", "mobile", "reached"],
        )
