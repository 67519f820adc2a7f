"""Recall first: whatever follows an identifier label and holds a digit is an identifier.

The type-specific recognizers know formats ("MRN-00482913", an MBI, a valid SSN); a document
writes whatever its system issued: "MRN #KT-445120", "Medical record 55821QZ", "Member ID:
HP-441209", "Patient ID: WXYZ9876", "Account AC-55667788", and "SSN: 123-45-6789", which
Presidio's SSN recognizer discards as a well-known sample number (a document is not a test
fixture). After one of these labels, a token with a digit (letters, digits and dashes, 4 to 24
characters) is redacted whatever its checksum or shape. A bare "#" is a label too, for a
token of at least 5 characters with 4 digits or with letters and digits ("#KT-445120"; not
"#15 blade" or "#2 Vicryl").
"""

from __future__ import annotations

import regex
from presidio_analyzer import EntityRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

VERSION = "2"
NAME = "attest.LabelledIdentifierRecognizer"

_NUMBER_WORD = r"(?:[ \t]+(?:number|num\.?|no\.?|#|ID|identifier))?"
# Label -> the entity type its value is redacted as. Case-insensitive except the bare "ID".
_LABELS: tuple[tuple[str, str], ...] = (
    (r"(?i:SSN|SS\#|social[ \t]+security" + _NUMBER_WORD + ")", "US_SSN"),
    (
        r"(?i:MRN|MR\#|med(?:ical|\.)?[ \t]+rec(?:ord|\.)?"
        + _NUMBER_WORD
        + r"|record"
        + _NUMBER_WORD
        + r"|chart"
        + _NUMBER_WORD
        + r"|(?:patient|pt\.?)[ \t]+(?:ID|identifier|number|no\.?|\#))"
        + r"|\bI[Dd]"
        + r"(?i:[ \t]+(?:number|no\.?|\#))?",
        "MEDICAL_RECORD_NUMBER",
    ),
    (
        r"(?i:member"
        + _NUMBER_WORD
        + r"|subscriber"
        + _NUMBER_WORD
        + r"|(?:health|insurance|medical)[ \t]+plan"
        + _NUMBER_WORD
        + r"|plan[ \t]+(?:ID|number|no\.?|\#)|beneficiary"
        + _NUMBER_WORD
        + r"|group[ \t]+(?:ID|number|no\.?|\#))",
        "HEALTH_PLAN_NUMBER",
    ),
    (r"(?i:policy" + _NUMBER_WORD + ")", "POLICY_NUMBER"),
    (r"(?i:account|acct\.?|a/c)" + r"(?i:" + _NUMBER_WORD + ")", "ACCOUNT_NUMBER"),
)
_SEPARATOR = r"[ \t]*(?:[:=.\-][ \t]*)?\#?[ \t]*"
_VALUE = r"(?=[A-Za-z0-9-]*\d)[A-Za-z0-9](?:[A-Za-z0-9-]{2,22})[A-Za-z0-9]"
_SSN_VALUE = r"\d{3}[- ]?\d{2}[- ]?\d{4}"
_AFTER = r"(?![\w/.-]*\w)"  # the whole token: not "12-3" of "12-34/56"


def _pattern() -> regex.Pattern[str]:
    parts = []
    for index, (label, _) in enumerate(_LABELS):
        value = _SSN_VALUE if index == 0 else _VALUE
        parts.append(rf"(?<![\w#])(?:{label}){_SEPARATOR}(?P<v{index}>{value}){_AFTER}")
    parts.append(rf"(?<![\w#])\#[ \t]?(?P<hash>{_VALUE}){_AFTER}")
    return regex.compile("|".join(parts))


_PATTERN = _pattern()
_RANGE = regex.compile(r"\d{1,3}-\d{1,3}")


def _looks_like_an_identifier(value: str) -> bool:
    """After a bare "#": 5+ characters with 4 digits, or 3 digits among letters ("#KT-445"),
    never a size ("#5-French", "#10-0 Prolene") or a range ("images #10-22")."""
    if _RANGE.fullmatch(value):
        return False  # "images #10-22": a range of numbers
    digits = sum(ch.isdigit() for ch in value)
    letters = any(ch.isalpha() for ch in value)
    return len(value) >= 5 and (digits >= 4 or (letters and digits >= 3))


class LabelledIdentifierRecognizer(EntityRecognizer):  # type: ignore[misc]
    def __init__(self) -> None:
        super().__init__(
            supported_entities=sorted({entity for _, entity in _LABELS}),
            name=NAME,
            version=VERSION,
        )

    def load(self) -> None:  # nothing to load: one compiled pattern
        return None

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        results: list[RecognizerResult] = []
        for match in _PATTERN.finditer(text):
            group = match.lastgroup
            if group is None:
                continue
            entity = "MEDICAL_RECORD_NUMBER" if group == "hash" else _LABELS[int(group[1:])][1]
            if entity not in entities:
                continue
            start, end = match.span(group)
            if group == "hash" and not _looks_like_an_identifier(match.group(group)):
                continue
            results.append(
                RecognizerResult(
                    entity,
                    start,
                    end,
                    0.8,  # below the type-specific recognizers: they name the finding when both match
                    recognition_metadata={
                        RecognizerResult.RECOGNIZER_NAME_KEY: NAME,
                        RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id,
                    },
                )
            )
        return results
