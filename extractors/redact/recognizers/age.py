"""Ages: "92-year-old", "age 93", "aged 95", "93 y/o", "Age: 91". The span is the number only.

Safe Harbor removes ages over 89 (and every date element that would reveal one); the policy's
`age_cap` operator keeps ages up to 89 and turns the rest into "90+".
"""

from __future__ import annotations

from presidio_analyzer import Pattern, PatternRecognizer

VERSION = "1"

_NUMBER = r"\b(?:1[0-4]\d|\d{1,2})\b"

PATTERNS = [
    Pattern("year-old", rf"{_NUMBER}(?=[\s-]*(?:years?|yrs?)[\s-]*old\b)", 0.85),
    Pattern("labelled", rf"(?<=\bage[ds]?\b\s*:?\s*){_NUMBER}(?!\s*(?:%|percent))", 0.75),
    Pattern("y/o", rf"{_NUMBER}(?=\s*(?:y/o|y\.o\.|yo)(?!\w))", 0.85),
]


class AgeRecognizer(PatternRecognizer):
    def __init__(self) -> None:
        super().__init__(
            supported_entity="AGE",
            name="attest.AgeRecognizer",
            version=VERSION,
            patterns=PATTERNS,
            context=["age", "old", "patient"],
        )
