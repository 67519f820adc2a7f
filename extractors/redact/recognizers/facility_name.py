"""Facility names: capitalised words before Hospital, Institute, Clinic, Medical Center and kin.

"Riverside Heart Institute", "St. Mary's Hospital", "Mercy Medical Center of Springfield": a
facility names the place a patient was treated, which the NER does not always finish. At least
one word must be a proper name (not an ordinary or clinical word): "the Pain Clinic" or
"General Hospital" alone identify nobody.
"""

from __future__ import annotations

import regex
from presidio_analyzer import EntityRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from extractors.redact.clinical_vocabulary import is_clinical_word
from extractors.redact.common_words import is_common_word

VERSION = "2"
NAME = "attest.FacilityNameRecognizer"

_WORD = r"(?:St\.?|Saint|\p{Lu}[\p{L}'’&-]*)"
_KIND = (
    r"(?:Hospital|Hospitals|Institute|Clinic|Clinics|Medical[ \t]+Center|Medical[ \t]+Centre|"
    r"Health[ \t]+Center|Health[ \t]+System|Healthcare|Health[ \t]+Care|Infirmary|Hospice|"
    r"Medical[ \t]+Group|Surgery[ \t]+Center|Nursing[ \t]+Home|Rehabilitation[ \t]+Center|"
    r"Cancer[ \t]+Center|Children['’]s[ \t]+Hospital)"
)
_FACILITY = regex.compile(
    rf"(?<![\p{{L}}'’-])(?:{_WORD}[ \t]+){{1,5}}{_KIND}"
    rf"(?:[ \t]+(?:of|at)[ \t]+\p{{Lu}}[\p{{L}}'’-]*(?:[ \t]+\p{{Lu}}[\p{{L}}'’-]*)?)?"
)
_LEADING = regex.compile(r"^(?:The|A|An|At|In|To|From|Of)[ \t]+")
_NAME_WORD = regex.compile(r"\p{L}[\p{L}'’-]*")


def is_proper_word(word: str) -> bool:
    """A word that names something: not an ordinary or clinical one ("Children's" is one)."""
    word = word.removesuffix("'s").removesuffix("’s")
    return not (is_common_word(word) or is_clinical_word(word))


class FacilityNameRecognizer(EntityRecognizer):  # type: ignore[misc]
    def __init__(self) -> None:
        super().__init__(
            supported_entities=["ORGANIZATION"],
            name=NAME,
            version=VERSION,
        )

    def load(self) -> None:  # nothing to load: one pattern
        return None

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        if "ORGANIZATION" not in entities:
            return []
        results: list[RecognizerResult] = []
        for match in _FACILITY.finditer(text):
            start = match.start()
            leading = _LEADING.match(match.group(0))
            if leading:
                start += leading.end()
            if not any(is_proper_word(w) for w in _NAME_WORD.findall(text[start : match.end()])):
                continue
            results.append(
                RecognizerResult(
                    "ORGANIZATION",
                    start,
                    match.end(),
                    0.7,
                    recognition_metadata={
                        RecognizerResult.RECOGNIZER_NAME_KEY: NAME,
                        RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id,
                    },
                )
            )
        return results
