"""Findings a note asserts now: not negated ("denies CP or SOB"), not history ("h/o CVA").

A match counts when negation (extractors/negation.py, NegEx-style with scope: a negated list
negates each item, "but" ends the scope) does not cover it, and no historical cue ("history
of", "h/o", "prior", a "PMH:" line) precedes it in its clause. The quote is the clause, so a
reader sees the finding in its context, verbatim.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from extractors.negation import negation_cue
from extractors.segments import Segment, clauses, quote


@dataclass(frozen=True)
class Finding:
    start: int
    end: int
    evidence: str


_HISTORICAL = re.compile(
    r"\b(?:history of|h/o|hx of|(?-i:PMH|PMHx)|past medical history|prior|previous|"
    r"previously|remote|old|s/p|status post|in (?:19|20)\d\d|years ago|family history)\b",
    re.IGNORECASE,
)
_HISTORY_LINE = re.compile(
    r"^\s*(?:PMH\w*|past (?:medical |surgical )?history|medical history|family history|"
    r"social history|FHx|PSH|allergies)\s*[:\-]",
    re.IGNORECASE,
)
_NEGATIVE_WORDING = re.compile(
    r"(?:\S+\s+)?(?:no|not|never|without|unable|cannot|can't|does not|doesn't|no longer)\b",
    re.IGNORECASE,
)
_CLAUSE_END = re.compile(r"[,;:]|\b(?:and|but|now|today|presents?|with)\b", re.IGNORECASE)


@lru_cache(maxsize=64)
def _clauses(text: str) -> tuple[Segment, ...]:
    return tuple(clauses(text))


def _historical(clause: str, start: int) -> bool:
    before = clause[:start]
    cut = 0
    for match in _CLAUSE_END.finditer(before):
        cut = match.end()
    return _HISTORICAL.search(before[cut:]) is not None


def asserted(pattern: re.Pattern[str], text: str) -> list[Finding]:
    """Every current, affirmed mention of the pattern, in text order."""
    found: list[Finding] = []
    history_line = False
    for segment in _clauses(text):
        line_start = segment.start == 0 or text[segment.start - 1] == "\n"
        if line_start:
            history_line = _HISTORY_LINE.match(segment.text) is not None
        if history_line:
            continue
        for match in pattern.finditer(segment.text):
            if negation_cue(segment.text, match.start(), match.end()) is not None:
                continue
            # A finding read across words asserts only if its last word is asserted too
            # ("pregnant, period late, no pain" is no pregnancy with pain), unless the finding
            # is itself worded as a negation ("not answering questions", "no response to pain").
            tail = match.start() + match.group().rstrip().rfind(" ") + 1
            worded = _NEGATIVE_WORDING.match(match.group()) is not None
            if (
                tail > match.start()
                and not worded
                and negation_cue(segment.text, tail, match.end())
            ):
                continue
            if _historical(segment.text, match.start()):
                continue
            found.append(
                Finding(segment.start + match.start(), segment.start + match.end(), quote(segment))
            )
    return found


def first(pattern: re.Pattern[str], text: str) -> Finding | None:
    matches = asserted(pattern, text)
    return matches[0] if matches else None
