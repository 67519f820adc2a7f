"""Findings a note asserts now: not negated ("denies CP or SOB"), not history ("h/o CVA").

A match counts when negation (extractors/negation.py, NegEx-style with scope: a negated list
negates each item, "but" ends the scope) does not cover it, and it is not history
(extractors/triage/history.py: a cue such as "h/o" or "prior" before it in its clause part,
or a "PMH:" line). The note is read as written before OCR damaged it (ocr_text.py: "c0nfused",
"bIeeding", a word hyphenated across a line); the quote is the note's own clause, so a
reader sees the finding in its context, verbatim.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from extractors.negation import negation_cue, worded_as_negation
from extractors.segments import Segment, clauses, quote
from extractors.triage.hedges import hedged
from extractors.triage.history import (
    historical,
    in_history_part,
    is_history_line,
    usual_state_after,
)
from extractors.triage.ocr_text import restore


@dataclass(frozen=True)
class Finding:
    start: int
    end: int
    evidence: str


@lru_cache(maxsize=64)
def _clauses(text: str) -> tuple[Segment, ...]:
    return tuple(clauses(text))


def asserted(pattern: re.Pattern[str], text: str) -> list[Finding]:
    """Every current, affirmed mention of the pattern, in text order."""
    found: list[Finding] = []
    history_line = False
    # Read the note as written before OCR damaged it; quote the note itself.
    restored = restore(text)
    read = restored.text
    for segment in _clauses(read):
        line_start = segment.start == 0 or read[segment.start - 1] == "\n"
        if line_start:
            history_line = is_history_line(segment.text)
        if history_line:
            continue
        for match in pattern.finditer(segment.text):
            if negation_cue(segment.text, match.start(), match.end()) is not None:
                continue
            # A finding read across words asserts only if its last word is asserted too
            # ("pregnant, period late, no pain" is no pregnancy with pain), unless the finding
            # is itself worded as a negation ("not answering questions", "no response to pain").
            tail = match.start() + match.group().rstrip().rfind(" ") + 1
            worded = worded_as_negation(match.group())
            if (
                tail > match.start()
                and not worded
                and negation_cue(segment.text, tail, match.end())
            ):
                continue
            if (
                historical(segment.text, match.start())
                or usual_state_after(segment.text, match.end())
                or in_history_part(segment.text, match.start(), match.end())
                or hedged(segment.text, match.start())
            ):
                continue
            start, end = restored.span(segment.start + match.start(), segment.start + match.end())
            clause_start, clause_end = restored.span(segment.start, segment.end)
            clause = Segment(clause_start, clause_end, text[clause_start:clause_end])
            found.append(Finding(start, end, quote(clause)))
    return found


def first(pattern: re.Pattern[str], text: str) -> Finding | None:
    matches = asserted(pattern, text)
    return matches[0] if matches else None
