"""Sentences and form lines as offsets into a text, so that quotes taken from them are verbatim."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9<(\"])|\n\s*\n|\n(?=\s*(?:[-*•]|\d+\.)\s)")
_FORM_LINE = re.compile(r"\n")
MAX_QUOTE = 300


@dataclass(frozen=True)
class Segment:
    start: int
    end: int
    text: str


def _split(text: str, boundary: re.Pattern[str]) -> Iterator[Segment]:
    position = 0
    for match in boundary.finditer(text):
        yield from _trimmed(text, position, match.start())
        position = match.end()
    yield from _trimmed(text, position, len(text))


def _trimmed(text: str, start: int, end: int) -> Iterator[Segment]:
    piece = text[start:end]
    stripped = piece.strip()
    if stripped:
        offset = start + (len(piece) - len(piece.lstrip()))
        yield Segment(offset, offset + len(stripped), stripped)


def sentences(text: str) -> list[Segment]:
    """Prose sentences; a line wrap inside a sentence stays inside it."""
    return list(_split(text, _SENTENCE_END))


def clauses(text: str) -> list[Segment]:
    """Sentences that never cross a line: for forms and notes, where a line is a statement."""
    return [
        Segment(line.start + piece.start, line.start + piece.end, piece.text)
        for line in lines(text)
        for piece in sentences(line.text)
    ]


def lines(text: str) -> list[Segment]:
    """Form lines and table rows."""
    return list(_split(text, _FORM_LINE))


def quote(segment: Segment) -> str:
    """The segment, cut at a word boundary to fit an evidence field; still a verbatim substring."""
    if len(segment.text) <= MAX_QUOTE:
        return segment.text
    cut = segment.text[:MAX_QUOTE]
    space = cut.rfind(" ")
    return cut[:space] if space > MAX_QUOTE // 2 else cut
