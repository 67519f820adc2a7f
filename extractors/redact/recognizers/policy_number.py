"""Insurance policy, member and group numbers written after their label."""

from __future__ import annotations

from presidio_analyzer import Pattern, PatternRecognizer

VERSION = "1"

_LABEL = (
    r"(?:Policy|Member(?:\s+ID)?|Group|Subscriber(?:\s+ID)?|Insurance\s+ID|Claim)"
    r"(?:\s+(?:Number|No\.?|#|ID))?"
)

PATTERNS = [
    Pattern(
        "labelled",
        # A lookahead the number implies goes first: most positions fail it before the label
        # lookbehind is tried (same matches, several times faster).
        rf"(?=[A-Z]{{0,5}}-?\d)(?<={_LABEL}\s*[:#]?\s*)[A-Z]{{0,5}}-?\d[\dA-Z\-]{{4,18}}\b",
        0.85,
    ),
]


class PolicyNumberRecognizer(PatternRecognizer):
    def __init__(self) -> None:
        super().__init__(
            supported_entity="POLICY_NUMBER",
            name="attest.PolicyNumberRecognizer",
            version=VERSION,
            patterns=PATTERNS,
            context=["policy", "member", "insurance", "subscriber"],
        )
