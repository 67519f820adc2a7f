"""History in a note: what it says happened before, not what the patient presents with now.

One place for the two ways a note marks history, used by the word lists (findings.py) and
the reader of meaning (meaning.py) alike:

- a history line: a line that opens with a history section's label ("PMH: CVA", "Past
  medical history - MI", "Meds: warfarin", "NKDA"); every clause on it is history;
- a historical cue before a finding in its own clause part ("h/o CVA", "prior MI",
  "s/p CABG", "stroke in 2019", "family history of ..."). The part ends at clause
  punctuation or a word that starts a new statement ("h/o asthma, now wheezing" asserts
  the wheeze).

A finding the note calls the patient's baseline ("confused at baseline") is not new either.
An age ("72 year old") is not an old finding, and "prior to arrival" is recent.
"""

from __future__ import annotations

import re

HISTORICAL_CUE = re.compile(
    r"\b(?:history of|h/o|hx of|(?-i:PMH|PMHx|Hx)|past medical history|prior(?! to\b)|previous|"
    r"previously|remote|(?<!year )(?<!years )(?<!year-)(?<!month )(?<!months )(?<!month-)"
    r"(?<!week )(?<!weeks )(?<!week-)(?<!day )(?<!days )(?<!day-)(?<!yr )(?<!yrs )(?<!wk )"
    r"old|s/p|status post|in (?:19|20)\d\d|years ago|family history)\b",
    re.IGNORECASE,
)
HISTORY_LINE = re.compile(
    r"^\s*(?:(?:PMH\w*|past (?:medical |surgical )?history|medical history|family history|"
    r"social history|FHx|PSH|(?-i:NKDA))\b|(?:allergies|meds|medications)\s*[:\-])",
    re.IGNORECASE,
)
# Where a clause part ends: what precedes it is another statement.
PART_END = re.compile(r"[,;:]|\b(?:and|but|now|today|presents?|with)\b", re.IGNORECASE)


# The patient's usual state is not a new finding (the handbook's "new onset" confusion):
# "confused at baseline", "which is her usual self"; "worse than baseline" is new.
_BASELINE = (
    r"(?<!than )(?<!from )(?<!not )(?:at (?:his |her |their )?baseline|(?:his|her|their) "
    r"(?:baseline|usual self|normal self)|as (?:usual|always))"
)
_BASELINE_AFTER = re.compile(r"^[^,;:]{0,30}?\b" + _BASELINE + r"\b", re.IGNORECASE)
# A part of a note that is itself history: it opens with a cue ("history of overdose in
# 2015", "known h/o seizures") or closes with a date ("overdose 3 years ago", "MI in 2019").
_HISTORY_PART = re.compile(
    r"^\s*(?:\w+\s+){0,2}?(?:history of|h/o|hx of|previous|prior(?! to\b)|s/p|"
    r"status post|(?-i:Hx))\b|\b(?:(?:in )?(?:19|20)\d\d|(?:\d+|a|one|two|three|a few|few|"
    r"several|many) (?:years?|yrs|months?) ago|(?:years|yrs|months) ago|as a (?:child|teenager)|"
    + _BASELINE
    + r")\s*$",
    re.IGNORECASE,
)


def is_history_part(part: str) -> bool:
    """Whether a part of a clause (the reader of meaning's piece) is itself history."""
    return _HISTORY_PART.search(part) is not None


def usual_state_after(clause: str, end: int) -> bool:
    """Whether the clause part after a finding says it is the patient's usual state."""
    return _BASELINE_AFTER.match(clause[end:]) is not None


_PART_EDGE = re.compile(r"[,;]")


def in_history_part(clause: str, start: int, end: int) -> bool:
    """Whether the comma-separated part of the clause around clause[start:end] is itself
    history ("Mini-stroke in 2016, fully recovered", "fainted once years ago")."""
    opening = max((m.end() for m in _PART_EDGE.finditer(clause, 0, start)), default=0)
    closing = _PART_EDGE.search(clause, end)
    part = clause[opening : closing.start() if closing else len(clause)]
    return is_history_part(part.rstrip(" .!?"))


def is_history_line(line: str) -> bool:
    """A line (or the first clause of one) that opens a history section."""
    return HISTORY_LINE.match(line) is not None


def historical(clause: str, start: int) -> bool:
    """Whether a historical cue precedes clause[start:] within its clause part."""
    before = clause[:start]
    cut = 0
    for match in PART_END.finditer(before):
        cut = match.end()
    return HISTORICAL_CUE.search(before[cut:]) is not None
