"""What redaction removes that it need not have: placeholders per 1,000 words, the words most
often redacted, and how many vital-sign/lab values and lexicon drug names survive.

On an unannotated, already de-identified corpus (MTSamples) nearly every placeholder is a
false positive, so the rate is a direct measure of lost clinical meaning. The vital-sign and
lab detector here is written apart from the redactor's own measurement rule
(extractors/redact/measurements.py) so the two can disagree: it names the value after a vital
sign or a lab test; the value survives when none of its digits is redacted. Drug names are the
words of the drug lexicon the redactor uses (the issue defines the figure on that lexicon).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

import regex

from extractors.redact.clinical_vocabulary import drug_names
from schemas.redaction_policy import RedactionPolicy

# A vital sign or a lab test, then its value: "BP 84/56", "SpO2 96%", "potassium of 6.1".
_VITAL_OR_LAB = regex.compile(
    r"\b(?:BP|blood pressure|HR|heart rate|pulse|RR|respiratory rate|respirations|"
    r"temp|temperature|T|SpO2|O2 sat|oxygen saturation|saturation|sats|GCS|"
    r"sodium|potassium|chloride|bicarbonate|BUN|creatinine|glucose|calcium|magnesium|"
    r"hemoglobin|hematocrit|white count|WBC|platelets?|INR|troponin|lactate|Na|K|Cl|Hgb|Hct|"
    r"Cr)\b[ \t]*(?:[:=][ \t]*|(?:of|was|is|at)[ \t]+)?"
    r"(\d{1,4}(?:\.\d{1,2})?(?:/\d{1,3})?)(?![/-]?\d)",  # not a date: "HCT 11/4/92" is a head CT
    regex.IGNORECASE,
)
_WORD = regex.compile(r"\p{L}[\p{L}'’-]*")
_COUNTED = regex.compile(r"\S+")


@dataclass
class OverRedaction:
    documents: int = 0
    words: int = 0
    placeholders: Counter[str] = field(default_factory=Counter)
    transformed: Counter[str] = field(default_factory=Counter)  # shifted, masked, capped
    redacted_words: Counter[str] = field(default_factory=Counter)
    values: int = 0
    values_kept: int = 0
    drugs: int = 0
    drugs_kept: int = 0
    lost_values: list[str] = field(default_factory=list)
    lost_drugs: Counter[str] = field(default_factory=Counter)

    @property
    def per_thousand_words(self) -> float:
        return 1000 * sum(self.placeholders.values()) / self.words if self.words else 0.0

    def rate(self, entity_type: str) -> float:
        return 1000 * self.placeholders[entity_type] / self.words if self.words else 0.0

    @property
    def values_kept_share(self) -> float:
        return self.values_kept / self.values if self.values else 1.0

    @property
    def drugs_kept_share(self) -> float:
        return self.drugs_kept / self.drugs if self.drugs else 1.0

    def add(
        self, text: str, found: list[tuple[int, int, str]], policy: RedactionPolicy | None = None
    ) -> None:
        """Count one document; `found` holds (start, end, entity type) of the redactor's
        findings. Each is one placeholder where the policy replaces its type (every type but
        ages, kept up to 89, in the default policy); a clinical policy shifts dates instead."""
        # What stays in the text does not cover a value: an age up to 89 is found and kept.
        covered = [
            (start, end) for start, end, kind in found if not _kept_age(text, start, end, kind)
        ]
        self.documents += 1
        self.words += len(_COUNTED.findall(text))
        for start, end, entity_type in found:
            original = text[start:end]
            if _kept_age(text, start, end, entity_type):
                continue
            if policy is not None and policy.rule(entity_type).operator != "replace":
                self.transformed[entity_type] += 1
                continue
            self.placeholders[entity_type] += 1
            for word in _WORD.findall(original):
                self.redacted_words[word] += 1
        for match in _VITAL_OR_LAB.finditer(text):
            self.values += 1
            if _touches(match.span(1), covered):
                self.lost_values.append(match.group(0))
            else:
                self.values_kept += 1
        lexicon = drug_names()
        for match in _WORD.finditer(text):
            word = match.group(0)
            if len(word) >= 4 and word.lower() in lexicon:
                self.drugs += 1
                if _touches(match.span(), covered):
                    self.lost_drugs[word] += 1
                else:
                    self.drugs_kept += 1


def _kept_age(text: str, start: int, end: int, entity_type: str) -> bool:
    original = text[start:end]
    return entity_type == "AGE" and original.isdigit() and int(original) <= 89


def _touches(span: tuple[int, int], covered: list[tuple[int, int]]) -> bool:
    return any(start < span[1] and span[0] < end for start, end in covered)
