"""Certificate and licence numbers after their label: driver's licences, professional
licences, DEA registrations, certificates. Presidio's own US licence recognizer matches any
short alphanumeric word and is not loaded; a label is what makes these numbers findable.
"""

from __future__ import annotations

from presidio_analyzer import Pattern, PatternRecognizer

VERSION = "1"

_LABEL = (
    r"(?:driver'?s?[ \t]+licen[cs]e(?:[ \t]+(?:number|no\.?|#))?|"
    r"(?:state[ \t]+|medical[ \t]+|professional[ \t]+)?licen[cs]e[ \t]+(?:number|no\.?|#)|"
    r"lic\.?[ \t]*(?:no\.?|#)|DL[ \t]*(?:#|no\.?)?|DEA(?:[ \t]+(?:number|no\.?|#))?|"
    r"certificate[ \t]+(?:number|no\.?|#))"
)

PATTERNS = [
    Pattern(
        "labelled",
        # A lookahead the number implies goes first: most positions fail it before the label
        # lookbehind is tried (same matches, several times faster).
        rf"(?=[A-Z]{{0,2}}\d)(?<=\b{_LABEL}[ \t]*[:#]?[ \t]*)[A-Z]{{0,2}}\d[\dA-Z-]{{3,16}}\b",
        0.8,
    ),
]


class LicenseNumberRecognizer(PatternRecognizer):
    def __init__(self) -> None:
        super().__init__(
            supported_entity="LICENSE_NUMBER",
            name="attest.LicenseNumberRecognizer",
            version=VERSION,
            patterns=PATTERNS,
            context=["license", "licence", "dea", "certificate"],
        )
