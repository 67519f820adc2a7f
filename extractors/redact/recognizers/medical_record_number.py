"""Medical record numbers: after an MRN label, or in the common 'MRN-12345678' form."""

from __future__ import annotations

from presidio_analyzer import Pattern, PatternRecognizer

VERSION = "1"

_LABEL = (
    r"(?:MRN|Medical\s+Record(?:\s+(?:Number|No\.?|#))?|Chart\s+(?:Number|No\.?|#)|Patient\s+ID)"
)

PATTERNS = [
    # The value after a label, e.g. "Medical Record No: A7730192" or "MRN: MRN-00482913".
    Pattern("labelled", rf"(?<={_LABEL}\s*[:#]{{0,2}}\s*)[A-Z]{{0,4}}-?\d{{5,12}}\b", 0.85),
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
