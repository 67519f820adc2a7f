"""The redacted text cut into segments marked as placeholder, evidence, both or neither."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass

from schemas.decision import CheckedFlag
from schemas.events import DocumentRedacted, StoredEvent


@dataclass(frozen=True)
class Segment:
    text: str
    placeholder: bool
    evidence: bool


def highlighted(redacted: StoredEvent | None, flags: Sequence[CheckedFlag]) -> list[Segment]:
    if redacted is None:
        return []
    document = redacted.typed(DocumentRedacted)
    text = document.redacted_text
    placeholders = [(s.start, s.end) for s in document.spans]
    evidence = [
        (f.evidence_start, f.evidence_end)
        for f in flags
        if f.evidence_start is not None and f.evidence_end is not None
    ]
    cuts = sorted({0, len(text), *(i for span in placeholders + evidence for i in span)})
    segments = []
    for start, end in itertools.pairwise(cuts):
        if start >= end or end > len(text):
            continue
        segments.append(
            Segment(
                text[start:end],
                placeholder=any(a <= start and end <= b for a, b in placeholders),
                evidence=any(a <= start and end <= b for a, b in evidence),
            )
        )
    return segments
