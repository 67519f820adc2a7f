"""Payment card numbers after a card label, checked with the Luhn digit.

Presidio's CreditCardRecognizer admits first digits 1, 3, 4, 5[0-5] and 6 only: Mastercard's
2-series (2221-2720) and 19-digit numbers are never matched. With a label ("Card number:",
"Card on file:", "Visa") any 12-19 digit Luhn-valid number counts.
"""

from __future__ import annotations

from presidio_analyzer import Pattern, PatternRecognizer

VERSION = "1"

_LABEL = (
    r"(?:(?:credit|debit|payment)?[ \t]*card(?:[ \t]+(?:number|no\.?|#|on[ \t]+file))?|"
    r"Visa|Mastercard|MasterCard|Amex|American[ \t]+Express|Discover|Maestro)"
)

PATTERNS = [
    Pattern("labelled", rf"(?<=\b{_LABEL}[ \t]*[:#]?[ \t]*)\d(?:[ -]?\d){{11,18}}\b", 0.8),
]


def luhn_valid(number: str) -> bool:
    digits = [int(c) for c in number if c.isdigit()]
    total = 0
    for position, digit in enumerate(reversed(digits)):
        if position % 2:
            digit = digit * 2 - 9 if digit > 4 else digit * 2
        total += digit
    return total % 10 == 0


class CardNumberRecognizer(PatternRecognizer):
    def __init__(self) -> None:
        super().__init__(
            supported_entity="CREDIT_CARD",
            name="attest.CardNumberRecognizer",
            version=VERSION,
            patterns=PATTERNS,
            context=["card", "visa", "mastercard", "amex"],
        )

    def validate_result(self, pattern_text: str) -> bool | None:
        return luhn_valid(pattern_text)
