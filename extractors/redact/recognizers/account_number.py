"""Bank and card account numbers written after an account label."""

from __future__ import annotations

from presidio_analyzer import Pattern, PatternRecognizer

VERSION = "2"

_LABEL = (
    r"(?:(?:(?:Checking|Savings|Bank|Loan|Card|Deposit)\s+)?"
    r"(?:Account|Acct\.?|A/C)(?:\s+(?:Number|No\.?|#))?"
    r"|Loan\s+(?:Number|No\.?|#))"
)

PATTERNS = [
    Pattern("labelled", rf"(?<=\b{_LABEL}[ \t]*[:#]?[ \t]*)\d[\d\- ]{{4,22}}\d\b", 0.85),
    # "the account ending 8968", "acct. ending in 0042": the last four digits still identify.
    Pattern("ending", rf"(?<=\b{_LABEL}[ \t]+ending(?:[ \t]+in)?[ \t]+)\d{{3,6}}\b", 0.7),
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
