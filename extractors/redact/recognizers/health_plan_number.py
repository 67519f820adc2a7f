"""Health plan beneficiary numbers: Medicare Beneficiary Identifiers and labelled plan numbers.

An MBI has 11 characters in a fixed shape ("1EG4-TE5-MK73": digit 1-9, letters without S, L,
O, I, B and Z, digits in set places), so it is matched anywhere; other plans' member numbers
only after a label (the PolicyNumberRecognizer takes "Member ID:" and "Policy No:").
"""

from __future__ import annotations

from presidio_analyzer import Pattern, PatternRecognizer

VERSION = "1"

_A = "[AC-HJKMNP-RT-Y]"
_AN = "[AC-HJKMNP-RT-Y0-9]"
_LABEL = (
    r"(?:Medicare|Medicaid|health[ \t]+plan|beneficiary|HICN|MBI|plan[ \t]+member)"
    r"(?:[ \t]+(?:ID|number|no\.?|#))?"
)

PATTERNS = [
    Pattern("mbi", rf"\b[1-9]{_A}{_AN}\d-?{_A}{_AN}\d-?{_A}{{2}}\d{{2}}\b", 0.7),
    Pattern(
        "labelled",
        # A lookahead the number implies goes first: most positions fail it before the label
        # lookbehind is tried (same matches, several times faster).
        rf"(?=[A-Z0-9][A-Z0-9-]{{5,18}}[A-Z0-9]\b)"
        rf"(?<=\b{_LABEL}[ \t]*[:#]?[ \t]*)[A-Z0-9][A-Z0-9-]{{5,18}}[A-Z0-9]\b",
        0.8,
    ),
]


class HealthPlanNumberRecognizer(PatternRecognizer):
    def __init__(self) -> None:
        super().__init__(
            supported_entity="HEALTH_PLAN_NUMBER",
            name="attest.HealthPlanNumberRecognizer",
            version=VERSION,
            patterns=PATTERNS,
            context=["medicare", "medicaid", "beneficiary", "plan", "member", "insurance"],
        )

    def validate_result(self, pattern_text: str) -> bool | None:
        # A plan number has digits; "Medicare ID: pending" is not one.
        return None if any(c.isdigit() for c in pattern_text) else False
