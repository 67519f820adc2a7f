"""Medical record numbers: after an MRN label, or in the common 'MRN-12345678' form."""

from __future__ import annotations

from presidio_analyzer import Pattern, PatternRecognizer

VERSION = "2"

_LABEL = (
    r"(?:MRN|MR\s*#|Med(?:ical|\.)?\s+Rec(?:ord|\.)?(?:\s+(?:Number|N[o0]\.?|#))?|"
    r"Chart\s+(?:Number|N[o0]\.?|#)|Patient\s+ID|Hospital\s+(?:Number|N[o0]\.?|#)|"
    r"Unit\s+(?:Number|N[o0]\.?|#))"
)

PATTERNS = [
    # The value after a label, e.g. "Medical Record No: A7730192", "MRN: MRN-00482913",
    # "Med Rec #: 4471902", "MR# 009-33-21".
    Pattern(
        "labelled",
        # A lookahead the number implies goes first: most positions fail it before the label
        # lookbehind is tried (same matches, several times faster).
        rf"(?=[A-Z]{{0,4}}-?\d)(?<=\b{_LABEL}\s*[:#]{{0,2}}\s*)[A-Z]{{0,4}}-?\d[\d-]{{4,14}}\d\b",
        0.85,
    ),
    Pattern("prefixed", r"\bMRN-?\d{5,12}\b", 0.85),
]


class MedicalRecordNumberRecognizer(PatternRecognizer):
    def __init__(self) -> None:
        super().__init__(
            supported_entity="MEDICAL_RECORD_NUMBER",
            name="attest.MedicalRecordNumberRecognizer",
            version=VERSION,
            patterns=PATTERNS,
            context=["mrn", "medical record", "chart"],
        )
