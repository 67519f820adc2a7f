"""Drop findings that would erase clinical meaning and identify no one.

Run on the analyzer's findings before overlaps are resolved and names propagated, so a dropped
false name is not searched for in the rest of the document. Dropped:

- a name, place, organisation, date, phone or ZIP inside a measurement ("BP 84/56",
  "pain 10/10", "K 6.1 mmol/L"; extractors.redact.measurements);
- a name, place or organisation the statistical NER found (not one after a title or a label:
  that is an identifier context) when it
  - starts inside a word ("ca|n't|"), or is a person of one letter ("Dr. Y"),
  - is a drug name ("Lactated Ringer's", "Zyrtec"),
  - is made only of clinical words (drug, device, abbreviation, heading words; for people
    also ordinary English words: "Sweating", "SOB"),
  - stands before an eponym noun ("Achilles tendon", "Foley catheter", "Babinski sign") or
    after one and "of" ("the white line of Toldt"),
  - is an upper-case heading before its colon ("TRIAGE NOTE:"),
  - ends in an eponym noun itself ("Boston Naming Test", "Wolff-Parkinson-White Syndrome"),
  - is part of a hyphenated clinical word ("Steri" of "Steri-Strips"),
  - is a facility of ordinary words ("Community Hospital", "Glaucoma Clinic"),
  - is a list of drugs or devices ("Pulmicort, Allegra": a drug that is also a first name
    is still a drug in a list of drugs);
- a place that is only a US state or a country ("Kentucky", "Nigeria"): Safe Harbor keeps
  states and countries, and the note keeps where a patient travelled or was born.
"""

from __future__ import annotations

from functools import cache

import regex
from faker.providers.address.en import Provider as EnglishAddresses
from faker.providers.address.en_US import Provider as UsAddresses
from presidio_analyzer import RecognizerResult

from extractors.redact.clinical_supplement import EPONYM_HEADS
from extractors.redact.clinical_vocabulary import (
    is_clinical_name_word,
    is_clinical_word,
    is_drug_phrase,
    is_lexicon_word,
    is_listed_drug,
)
from extractors.redact.common_words import is_common_word
from extractors.redact.measurements import PROTECTED_FROM, measurement_spans
from extractors.redact.recognizers.facility_name import is_proper_word

# The last word of a facility or a department: with no proper name before it, a kind of
# place ("the Glaucoma Clinic", "Behavioral Health"), as FacilityNameRecognizer reads it.
_FACILITY_KINDS = frozenset(
    [
        "hospital",
        "clinic",
        "center",
        "centre",
        "service",
        "services",
        "system",
        "unit",
        "floor",
        "ward",
        "department",
        "health",
        "healthcare",
        "surgery",
        "school",
        "program",
    ]
)
NER_TYPES = frozenset({"PERSON", "LOCATION", "ORGANIZATION"})
# Names after a title ("Dr.") or a label ("Patient:") are an identifier context: kept.
_IN_IDENTIFIER_CONTEXT = frozenset({"attest.TitledPersonRecognizer"})
_WORD = regex.compile(r"[\p{L}\p{N}][\p{L}\p{N}'’/-]*")
_NEXT_WORD = regex.compile(r"(?:['’]s)?[ \t]+([\p{L}-]+)")
_COLON_NEXT = regex.compile(r"[ \t]*:")
_OF_BEFORE = regex.compile(r"([\p{L}-]+)[ \t]+of[ \t]+(?:the[ \t]+)?\Z")
_HYPHENATED_BEFORE = regex.compile(r"[\p{L}\p{N}]+-\Z")
_HYPHENATED_AFTER = regex.compile(r"-[\p{L}\p{N}][\p{L}\p{N}-]*")


@cache
def regions() -> frozenset[str]:
    """Lower-case US states and countries (Faker's English address lists)."""
    return frozenset(n.lower() for n in (*UsAddresses.states, *EnglishAddresses.countries))


def keep_clinical_meaning(text: str, results: list[RecognizerResult]) -> list[RecognizerResult]:
    """The findings that still identify someone, in the order given."""
    measurements = measurement_spans(text)
    kept: list[RecognizerResult] = []
    for result in results:
        if result.entity_type in PROTECTED_FROM and _inside(result, measurements):
            continue
        if (
            result.entity_type == "LOCATION"
            and text[result.start : result.end].strip(" .,;:").lower() in regions()
        ):
            continue  # a state or a country: no smaller subdivision than Safe Harbor keeps
        if (
            result.entity_type in NER_TYPES
            and _recognizer(result) not in _IN_IDENTIFIER_CONTEXT
            and _is_clinical_term(text, result)
        ):
            continue
        kept.append(result)
    return kept


def _recognizer(result: RecognizerResult) -> str:
    metadata = result.recognition_metadata or {}
    return str(metadata.get(RecognizerResult.RECOGNIZER_NAME_KEY, ""))


def _inside(result: RecognizerResult, spans: list[tuple[int, int]]) -> bool:
    # Overlap, not containment: "BP 84/56" found as a place may run past the value.
    return any(start < result.end and result.start < end for start, end in spans)


def _is_clinical_term(text: str, result: RecognizerResult) -> bool:
    start, end = result.start, result.end
    if start > 0 and (text[start - 1].isalpha() or text[start - 1] in "'’"):
        return True  # a name never starts inside a word
    phrase = text[start:end]
    tokens = _WORD.findall(phrase)
    words = [t for t in tokens if any(ch.isalpha() for ch in t)]
    if not words:
        return True
    if result.entity_type == "PERSON" and len(words) < len(tokens):
        return True  # "0 Vicryl", "Gleason 6", "x 3": a name holds no number
    if result.entity_type == "PERSON" and sum(ch.isalpha() for ch in phrase) < 2:
        return True  # a lone initial ("Dr. Y", transcripts' stand-in) names no one
    if is_drug_phrase(phrase.strip(" .,;:")):
        return True
    if _in_hyphenated_clinical_word(text, start, end):
        return True
    items = [item.strip() for item in phrase.split(",") if item.strip()]
    if len(items) >= 2 and all(is_listed_drug(i) or is_drug_phrase(i) for i in items):
        return True
    if len(words) >= 2 and words[-1].lower() in EPONYM_HEADS:
        return True  # "Boston Naming Test", "Wolff-Parkinson White Syndrome"
    after = _NEXT_WORD.match(text, end)
    if len(words) <= 2 and after and after.group(1).lower() in EPONYM_HEADS:
        return True
    before = _OF_BEFORE.search(text, max(0, start - 40), start)
    if len(words) <= 2 and before and before.group(1).lower() in EPONYM_HEADS:
        return True  # "the white line of Toldt", "the space of Retzius"
    if phrase.isupper() and len(phrase) > 3 and _COLON_NEXT.match(text, end):
        return True
    if result.entity_type == "PERSON":
        return all(is_clinical_name_word(w) or is_common_word(w) for w in words)
    if words[-1].lower() in _FACILITY_KINDS and not any(is_proper_word(w) for w in words):
        return True  # "Community Hospital", "Glaucoma Clinic": no facility in particular
    ordinary = all(is_clinical_word(w) or is_common_word(w) for w in words)
    if len(words) == 1:
        return ordinary
    # Places and organisations of ordinary words keep them capitalised ("Union City",
    # "American Heart Association"): only an all-lower-case one is dropped for that.
    return (ordinary and not any(w[0].isupper() for w in words)) or all(
        is_lexicon_word(w) for w in words
    )


def _in_hyphenated_clinical_word(text: str, start: int, end: int) -> bool:
    """Part of a hyphenated word that is a clinical one: "Steri" of "Steri-Strips"."""
    before = _HYPHENATED_BEFORE.search(text, max(0, start - 30), start)
    after = _HYPHENATED_AFTER.match(text, end)
    if before is None and after is None:
        return False
    word = (before.group() if before else "") + text[start:end] + (after.group() if after else "")
    return is_clinical_name_word(word)
