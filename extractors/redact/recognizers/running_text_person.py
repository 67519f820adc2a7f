"""Names in running text without a title: a known first name, then a capitalised surname.

"...the lung cancer patient, Mary Jones, who...": the NER usually finds these; this rule makes
sure the common case does not depend on the model. The first word must be a first name of one
of the locales attest reads (Faker's lists) and not an ordinary or clinical word ("Will",
"Grace" and "Mark" stay names only when their neighbour is no ordinary word); the second a
capitalised word that is no ordinary or clinical word, or itself a known name.
"""

from __future__ import annotations

import regex
from presidio_analyzer import EntityRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from extractors.redact.clinical_vocabulary import is_clinical_word
from extractors.redact.common_words import is_common_word, known_first_names, known_names

VERSION = "1"
NAME = "attest.RunningTextPersonRecognizer"

_WORD = r"\p{Lu}(?:['’]\p{Lu})?\p{Ll}+(?:\p{Lu}\p{Ll}+)?(?:-\p{Lu}\p{Ll}+)?"
_PAIR = regex.compile(
    rf"(?<![\p{{L}}'’-])(?P<first>{_WORD})[ \t]+(?:\p{{Lu}}\.[ \t]*)?(?P<last>{_WORD})(?![\p{{L}}'’-])"
)


def _ordinary(word: str) -> bool:
    return is_common_word(word) or is_clinical_word(word)


class RunningTextPersonRecognizer(EntityRecognizer):  # type: ignore[misc]
    def __init__(self) -> None:
        super().__init__(
            supported_entities=["PERSON"],
            name=NAME,
            version=VERSION,
        )

    def load(self) -> None:  # nothing to load: a pattern and Faker's name lists
        return None

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        if "PERSON" not in entities:
            return []
        firsts, names = known_first_names(), known_names()
        results: list[RecognizerResult] = []
        for match in _PAIR.finditer(text, overlapped=True):
            first, last = match.group("first"), match.group("last")
            if first.lower() not in firsts or _ordinary(first):
                continue
            if _ordinary(last) and last.lower() not in names:
                continue
            results.append(
                RecognizerResult(
                    "PERSON",
                    match.start(),
                    match.end(),
                    0.6,
                    recognition_metadata={
                        RecognizerResult.RECOGNIZER_NAME_KEY: NAME,
                        RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id,
                    },
                )
            )
        return results
