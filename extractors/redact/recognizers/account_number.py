"""Bank and card account numbers written after an account label."""

from __future__ import annotations

from presidio_analyzer import Pattern, PatternRecognizer

VERSION = "3"

# Scanned letters come through OCR, which reads l as 1 or I and o as 0 ("1oan no.",
# "Acc0unt"): the label words accept those readings, so a scanned label still finds its number.
_OCR_READINGS = {"l": "[l1I|]", "o": "[o0]", "i": "[i1l]"}


def _ocr_word(word: str) -> str:
    return "".join(_OCR_READINGS.get(ch, ch) for ch in word)


_LABEL = (
    rf"(?:(?:(?:Checking|Savings|Bank|{_ocr_word('loan')}|Card|Deposit)\s+)?"
    rf"(?:{_ocr_word('account')}|Acct\.?|A/C)(?:\s+(?:Number|N[o0]\.?|#))?"
    rf"|{_ocr_word('loan')}\s+(?:Number|N[o0]\.?|#))"
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
