"""Vehicle identifiers: 17-character VINs (no I, O or Q), and licence plates after a label."""

from __future__ import annotations

from presidio_analyzer import Pattern, PatternRecognizer

VERSION = "3"

_PLATE_LABEL = r"(?:licen[cs]e[ \t]+plate|plate(?:[ \t]+(?:number|no\.?|#))?|registration|reg\.)"

PATTERNS = [
    # Letters and digits mixed: a 17-letter word is not a VIN.
    Pattern(
        "vin", r"\b(?=[A-HJ-NPR-Z0-9]*\d)(?=[A-HJ-NPR-Z0-9]*[A-HJ-NPR-Z])[A-HJ-NPR-Z0-9]{17}\b", 0.6
    ),
    Pattern(
        "plate",
        # The label ends a word: "platelets 303" is a lab value, not plate "lets 303". The
        # plate is written in capitals with a digit in it, and is no spinal level: an operative
        # note's "plate was then", "plate from C3" or "plate C3-C5" names no vehicle.
        rf"(?<=\b{_PLATE_LABEL}(?![A-Za-z])[ \t]*[:#]?[ \t]*)"
        r"(?-i:(?![CTLS]\d{1,2}(?:[ -]|\b))(?=[A-Z0-9]*[ -]?[A-Z0-9]*\d)[A-Z0-9]{1,4}[ -]?[A-Z0-9]{2,5})\b",
        0.75,
    ),
]


class VehicleIdentifierRecognizer(PatternRecognizer):
    def __init__(self) -> None:
        super().__init__(
            supported_entity="VEHICLE_ID",
            name="attest.VehicleIdentifierRecognizer",
            version=VERSION,
            patterns=PATTERNS,
            context=["vin", "vehicle", "plate", "registration"],
        )
