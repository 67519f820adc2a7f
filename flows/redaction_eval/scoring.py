"""Span scoring for redaction: what leaks, and what was removed that need not have been.

Rules (also in the README and `attest eval redaction --help`):

- Recall is type-agnostic: a leak is a leak whatever type the redactor thought it was. A gold
  span is **fully covered** when every letter and digit in it lies inside some predicted span
  (of any entity type); spaces and punctuation do not count. It is **touched** when at least
  one of its letters or digits does. Recall (full) counts fully covered spans; recall (any)
  counts touched ones; the difference is partial redaction, which still leaks part of the value.
- Precision is per predicted entity type: a predicted span is a true positive when it overlaps
  any gold span by at least one character, of any label.
- Leaked characters: the letters and digits of gold spans that no predicted span covers, i.e.
  what is left in the redacted output.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from corpora.annotated import AnnotatedDocument


@dataclass(frozen=True)
class PredictedSpan:
    start: int
    end: int
    entity_type: str


@dataclass
class LabelScore:
    """Recall of one gold label."""

    support: int = 0
    full: int = 0
    touched: int = 0
    characters: int = 0
    leaked_characters: int = 0

    @property
    def recall_full(self) -> float:
        return self.full / self.support if self.support else 0.0

    @property
    def recall_any(self) -> float:
        return self.touched / self.support if self.support else 0.0


@dataclass
class TypeScore:
    """Precision of one predicted entity type."""

    predicted: int = 0
    true_positive: int = 0

    @property
    def precision(self) -> float:
        return self.true_positive / self.predicted if self.predicted else 0.0


@dataclass
class Scores:
    documents: int = 0
    characters: int = 0
    labels: dict[str, LabelScore] = field(default_factory=dict)
    types: dict[str, TypeScore] = field(default_factory=dict)
    misses: list[tuple[str, str, str]] = field(default_factory=list)
    """(document, gold label, leaked value) for every span not fully covered."""

    @property
    def micro(self) -> LabelScore:
        total = LabelScore()
        for score in self.labels.values():
            total.support += score.support
            total.full += score.full
            total.touched += score.touched
            total.characters += score.characters
            total.leaked_characters += score.leaked_characters
        return total

    @property
    def precision(self) -> float:
        predicted = sum(t.predicted for t in self.types.values())
        correct = sum(t.true_positive for t in self.types.values())
        return correct / predicted if predicted else 0.0

    def add(self, doc: AnnotatedDocument, predicted: Iterable[PredictedSpan]) -> None:
        predictions = list(predicted)
        covered = bytearray(len(doc.text))
        for span in predictions:
            covered[span.start : span.end] = b"\x01" * (span.end - span.start)
        self.documents += 1
        self.characters += len(doc.text)
        for gold in doc.spans:
            score = self.labels.setdefault(gold.label, LabelScore())
            positions = [i for i in range(gold.start, gold.end) if doc.text[i].isalnum()]
            hidden = sum(covered[i] for i in positions)
            score.support += 1
            score.characters += len(positions)
            score.leaked_characters += len(positions) - hidden
            score.full += hidden == len(positions)
            score.touched += hidden > 0
            if hidden < len(positions):
                self.misses.append((doc.doc_id, gold.label, doc.text[gold.start : gold.end]))
        gold_marks = bytearray(len(doc.text))
        for gold in doc.spans:
            gold_marks[gold.start : gold.end] = b"\x01" * (gold.end - gold.start)
        for span in predictions:
            kind = self.types.setdefault(span.entity_type, TypeScore())
            kind.predicted += 1
            kind.true_positive += any(gold_marks[span.start : span.end])


def score(
    documents: Iterable[tuple[AnnotatedDocument, Iterable[PredictedSpan]]],
) -> Scores:
    scores = Scores()
    for doc, predicted in documents:
        scores.add(doc, predicted)
    return scores
