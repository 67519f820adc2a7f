"""Web addresses and e-mail addresses: Presidio's patterns, run only where one can be.

URLs: Presidio's URL patterns, matched only where a URL can be, and only ending at a word's end.

Presidio's `UrlRecognizer` scans the whole text with a pattern of some 600 top-level domains
and no word boundaries, so a numbered list without spaces ("1.Anterior", "3.Moderate") or an
ellipsis ("...this") reads as a web address ending in ".an", ".mo" or ".th": the note loses a
finding. Here a match whose domain ends inside a word is not a URL. The same patterns run
only on the runs of non-space characters that hold a dot before a letter (a URL holds no
space), which finds the same URLs in a fraction of the time.

E-mail addresses: Presidio's `EmailRecognizer` unchanged, run only on the runs of non-space
characters that hold an "@" (the same findings: its pattern holds no space and starts and
ends at word boundaries, which a run's edges keep).
"""

from __future__ import annotations

from typing import Any

import regex
from presidio_analyzer import RecognizerResult
from presidio_analyzer.predefined_recognizers import EmailRecognizer, UrlRecognizer

VERSION = "1"
NAME = "attest.UrlRecognizer"

# A run of non-space characters with a dot and then a letter: where a URL can be.
_CANDIDATE = regex.compile(r"\S*\.[A-Za-z]\S*")
_AT = regex.compile(r"\S*@\S*")


class WebUrlRecognizer(UrlRecognizer):  # type: ignore[misc]
    def __init__(self) -> None:
        super().__init__(name=NAME)
        self.version = VERSION

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: Any = None, regex_flags: Any = None
    ) -> list[RecognizerResult]:
        results: list[RecognizerResult] = []
        for candidate in _CANDIDATE.finditer(text):
            offset, chunk = candidate.start(), candidate.group()
            for result in super().analyze(chunk, entities, nlp_artifacts, regex_flags):
                if result.end < len(chunk) and chunk[result.end].isalnum():
                    continue  # "1.An|terior": the domain would end inside a word
                result.start += offset
                result.end += offset
                results.append(result)
        return results


class CandidateEmailRecognizer(EmailRecognizer):  # type: ignore[misc]
    """Presidio's e-mail recognizer (same name, patterns and findings) on "@" runs only."""

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: Any = None, regex_flags: Any = None
    ) -> list[RecognizerResult]:
        results: list[RecognizerResult] = []
        for candidate in _AT.finditer(text):
            for result in super().analyze(candidate.group(), entities, nlp_artifacts, regex_flags):
                result.start += candidate.start()
                result.end += candidate.start()
                results.append(result)
        return results
