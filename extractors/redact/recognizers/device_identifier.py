"""Device identifiers and serial numbers: GS1 UDIs ("(01)00843197109817(17)...(21)...") and
serial numbers after a label ("serial no.", "S/N", "SN:", "device ID")."""

from __future__ import annotations

from presidio_analyzer import Pattern, PatternRecognizer

VERSION = "1"

_LABEL = r"(?:serial[ \t]+(?:number|no\.?|#)|serial|S/N|SN|device[ \t]+(?:ID|identifier)|UDI)"

PATTERNS = [
    Pattern("gs1-udi", r"\(01\)\d{14}(?:\(\d{2,4}\)[A-Za-z0-9-]{1,20})*", 0.85),
    Pattern(
        "labelled",
        # A lookahead the number implies goes first: most positions fail it before the label
        # lookbehind is tried (same matches, several times faster).
        rf"(?=[A-Z0-9-]*\d)(?<=\b{_LABEL}[ \t]*[:#]?[ \t]*)[A-Z0-9][A-Z0-9-]{{4,24}}\b",
        0.8,
    ),
]


class DeviceIdentifierRecognizer(PatternRecognizer):
    def __init__(self) -> None:
        super().__init__(
            supported_entity="DEVICE_ID",
            name="attest.DeviceIdentifierRecognizer",
            version=VERSION,
            patterns=PATTERNS,
            context=["serial", "device", "udi", "implant"],
        )
