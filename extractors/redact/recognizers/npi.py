"""US National Provider Identifiers: ten digits, Luhn check over the '80840' prefix."""

from __future__ import annotations

from presidio_analyzer import Pattern, PatternRecognizer

VERSION = "1"


def npi_checksum_ok(digits: str) -> bool:
    if len(digits) != 10 or not digits.isdigit():
        return False
    total = 0
    for index, char in enumerate(reversed("80840" + digits)):
        value = int(char)
        if index % 2 == 1:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total % 10 == 0


class NpiRecognizer(PatternRecognizer):
    def __init__(self) -> None:
        super().__init__(
            supported_entity="NPI",
            name="attest.NpiRecognizer",
            version=VERSION,
            patterns=[Pattern("npi", r"\b[12]\d{9}\b", 0.3)],
            context=["npi", "provider", "prescriber", "national provider"],
        )

    def validate_result(self, pattern_text: str) -> bool:
        return npi_checksum_ok(pattern_text)
