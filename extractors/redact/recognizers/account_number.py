"""Bank and card account numbers written after an account label."""

from __future__ import annotations

from presidio_analyzer import Pattern, PatternRecognizer

VERSION = "1"

_LABEL = (
    r"(?:(?:Checking|Savings|Bank|Loan|Card|Deposit)\s+)?"
    r"(?:Account|Acct\.?|A/C)(?:\s+(?:Number|No\.?|#))?"
)

PATTERNS = [
    Pattern("labelled", rf"(?<={_LABEL}\s*[:#]?\s*)\d[\d\- ]{{4,22}}\d\b", 0.85),
    Pattern("masked", r"\b(?:x{2,}|\*{2,})\d{4}\b", 0.6),
]


class AccountNumberRecognizer(PatternRecognizer):
    def __init__(self) -> None:
        super().__init__(
            supported_entity="ACCOUNT_NUMBER",
            name="attest.AccountNumberRecognizer",
            version=VERSION,
            patterns=PATTERNS,
            context=["account", "acct", "checking", "savings"],
        )
