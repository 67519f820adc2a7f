"""ABA routing transit numbers: nine digits whose weighted sum (3, 7, 1) is a multiple of 10."""

from __future__ import annotations

from presidio_analyzer import Pattern, PatternRecognizer

VERSION = "1"


def aba_checksum_ok(digits: str) -> bool:
    if len(digits) != 9 or not digits.isdigit():
        return False
    d = [int(c) for c in digits]
    total = 3 * (d[0] + d[3] + d[6]) + 7 * (d[1] + d[4] + d[7]) + (d[2] + d[5] + d[8])
    return total % 10 == 0


class AbaRoutingRecognizer(PatternRecognizer):
    def __init__(self) -> None:
        super().__init__(
            supported_entity="ABA_ROUTING_NUMBER",
            name="attest.AbaRoutingRecognizer",
            version=VERSION,
            # A bare valid nine-digit number is weak evidence; the word "routing" nearby is strong.
            patterns=[Pattern("aba", r"\b[0-3]\d{8}\b", 0.3)],
            context=["routing", "aba", "rtn", "transit", "wire"],
        )

    def validate_result(self, pattern_text: str) -> bool:
        return aba_checksum_ok(pattern_text)
