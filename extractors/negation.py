"""Negated findings, in the manner of NegEx (Chapman et al., 2001), kept deliberately small.

A finding is negated when a negation cue precedes it in the same clause within a few words
("denies chest pain", "no evidence of stroke symptoms", "has no suicidal ideation"), or a
post-negation cue follows it ("chest pain was ruled out"). A clause ends at sentence punctuation
or at a word that starts a new assertion ("but", "reports"); a comma does not end it, so a
negated list negates all its items.
"""

from __future__ import annotations

import re

PRE_CUES: tuple[str, ...] = (
    "no evidence of",
    "negative for",
    "free of",
    "absence of",
    "denies",
    "denied",
    "deny",
    "denying",
    "without",
    "not",
    "no",
    "never",
    "nor",
)
POST_CUES: tuple[str, ...] = (
    "ruled out",
    "was negative",
    "is negative",
    "absent",
    "has resolved",
    "resolved",
)
# A comma alone does not end a clause ("denies fever, chills, chest pain" negates the whole
# list), but a word that starts a new assertion does ("No fever, complains of chest pain").
_TERMINATORS = re.compile(
    r"[.;:!?\n]|\b(?:but|however|although|reports?|reported|endorses?|presents?|presented|"
    r"with|complains?|complained|has|is|are|was|positive|notes?|noted|states?|describes?|"
    r"admits?|experienc(?:es|ing)|developed|now)\b",
    re.IGNORECASE,
)
WINDOW_WORDS = 20
_PRE = re.compile(r"\b(" + "|".join(re.escape(c) for c in PRE_CUES) + r")\b", re.IGNORECASE)
_POST = re.compile(r"^\s*(?:was |is |has been )?(" + "|".join(POST_CUES) + r")\b", re.IGNORECASE)


def negation_cue(text: str, start: int, end: int) -> str | None:
    """The cue negating text[start:end], or None if the finding is asserted."""
    before = text[max(0, start - 200) : start]
    clause_start = 0
    for match in _TERMINATORS.finditer(before):
        clause_start = match.end()
    clause = before[clause_start:]
    words = clause.split()
    window = " ".join(words[-WINDOW_WORDS:])
    cues = _PRE.findall(window)
    if cues:
        return str(cues[-1]).lower()
    after = text[end : end + 40]
    post = _POST.match(after)
    return post.group(1).lower() if post else None
