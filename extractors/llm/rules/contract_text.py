"""A contract as clauses: page furniture set aside, wraps and hyphenation undone, headings known.

Patterns never run on the raw text. Page numbers, "Page 3 of 12" and filing stamps between
pages are blanked (same length, so offsets still point into the original), a sentence that runs
across a page break stays one sentence, and each clause carries a normalised copy for matching
(hyphenated line ends joined, whitespace runs collapsed) beside its original span, from which
evidence is quoted verbatim. Headings and table-of-contents lines are marked as such: they name
a topic ("ASSIGNMENT AND CHANGE OF CONTROL") but commit nobody to anything, so they are context
for the clauses below them, never evidence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extractors.segments import MAX_QUOTE

# A line that is only page furniture: a page number, "Page 3 (of 12)", "- 3 -", or the
# "Source: COMPANY, 10-K, 3/1/2000" stamp of EDGAR exhibits.
_FURNITURE = re.compile(
    r"^[ \t]*(?:[-–]?\s*\d{1,3}\s*[-–]?|page\s+\d+(?:\s+of\s+\d+)?|[ivxlc]{1,6}"
    r"|source:[^\n]*)[ \t]*$",
    re.IGNORECASE | re.MULTILINE,
)
# Where a clause ends: a blank line; a sentence end before a capital, a number, a bracket or a
# redaction placeholder ("<PERSON_8> covenants and agrees ...");
# a line break before a numbered item; an inline section number such as "2.4 No Right ...".
_BOUNDARY = re.compile(
    r"\n[ \t]*\n\s*"
    r"|(?<=[.;:!?])\s+(?=[\"“(]?[A-Z0-9(<])"
    r"|\n(?=[ \t]*(?:\d+(?:\.\d+)*\.?|\([a-z0-9]{1,4}\)|[a-z]\.|[A-Z]\.|ARTICLE|Article|SECTION)\s)"
    r"|\s+(?=\d{1,2}\.\d{1,2}(?:\.\d{1,2})?\s+[A-Z])"
)
# Sentence ends that are not: "Inc. and", "Sec. 5", "U.S. Bank", "e.g. the", "No. 3".
_ABBREVIATION = re.compile(
    r"(?:\b(?:inc|ltd|co|corp|no|nos|sec|secs|art|u\.s|e\.g|i\.e|etc|mr|ms|mrs|dr|st|jr|llc"
    r"|n\.a|s\.a|b\.v|n\.v|vs|v|para|cf|approx|dept|ave|fig|ex|exh)\.|\b[A-Z]\.)$",
    re.IGNORECASE,
)
_TOC_LINE = re.compile(r"(?:\.{4,}|\t| {3,})\s*\d{1,3}\s*$")
# A contents page run together into one line: "Notices 30 3.28 Offshore Work 32 3.29 ...".
_TOC_RUN = re.compile(
    r"[A-Za-z)] \d{1,3}\s+(?:section |article )?\d{1,2}\.\d{1,2}\s*[A-Z]", re.IGNORECASE
)
# A number after these words is a cross-reference ("Section 11.4 is", "Sections 12.1 and
# 12.2"), not the start of a new numbered clause.
_REFERENCE = re.compile(
    r"(?:\b(?:sections?|articles?|clauses?|paragraphs?|exhibits?|schedules?|and|or|of|under|in"
    r"|to|per|see|through|with|by)|,|&)$",
    re.IGNORECASE,
)
_HYPHEN_WRAP = re.compile(r"(?<=[a-z])-\s*\n\s*(?=[a-z])")
_WORDS = re.compile(r"[A-Za-z]+")
_JOINING = frozenset(
    [
        "a",
        "an",
        "and",
        "as",
        "at",
        "by",
        "for",
        "from",
        "in",
        "into",
        "of",
        "on",
        "or",
        "the",
        "to",
        "upon",
        "with",
        "without",
        "under",
        "its",
        "their",
    ]
)
_COMMITS = re.compile(r"\b(?:shall|will|may|must|agrees?|is|are|be|has|have)\b", re.IGNORECASE)
_TOKEN = re.compile(r"\S+")


@dataclass(frozen=True)
class Clause:
    """A sentence-sized unit of the contract, with its span in the original text."""

    start: int
    end: int
    text: str  # the original span, verbatim
    norm: str  # for matching: wraps and hyphenation undone, whitespace collapsed
    is_heading: bool
    section: str  # the nearest heading above it (normalised), "" at the top

    def quote(self, at: int = 0) -> str:
        """A verbatim quote of at most MAX_QUOTE characters that contains offset `at` of the
        normalised text when the clause is longer (the part that decided the flag).

        Verbatim means line breaks and spacing as in the text: the check stage and auditors
        look the quote up in the redacted text exactly as it stands."""
        words = list(_TOKEN.finditer(self.text))
        if not words:
            return ""
        if words[-1].end() - words[0].start() <= MAX_QUOTE:
            return self.text[words[0].start() : words[-1].end()]
        # Map the normalised offset to a word index, then take a window of words around it.
        before = len(self.norm[:at].split())
        first = min(max(0, before - 8), len(words) - 1)
        last = first
        for index in range(first, len(words)):
            if words[index].end() - words[first].start() > MAX_QUOTE:
                break
            last = index
        return self.text[words[first].start() : words[last].end()]


def normalise(text: str) -> str:
    return " ".join(_HYPHEN_WRAP.sub("", text).split())


def _blank_furniture(text: str) -> str:
    return _FURNITURE.sub(lambda match: " " * len(match.group(0)), text)


def _looks_like_heading(norm: str) -> bool:
    words = _WORDS.findall(norm)
    if not words:
        return True
    if len(words) <= 6 and not re.search(r"\b(?:shall|will|may|must|agrees?|is|are)\b", norm):
        return True
    letters = "".join(words)
    shouting = sum(c.isupper() for c in letters) / len(letters) > 0.9
    if shouting and len(words) <= 12 and not norm.rstrip().endswith((".", ";")):
        return True
    # A title: "16.2 Termination for Change in Control of Green Cross." (every word that is
    # not a short joining word capitalised, no verb that commits anyone).
    content = [word for word in words if word.lower() not in _JOINING]
    return (
        len(words) <= 12
        and bool(content)
        and all(word[0].isupper() for word in content)
        and not _COMMITS.search(norm)
    )


def _spans(clean: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    position = 0
    for match in _BOUNDARY.finditer(clean):
        head = clean[position : match.start()].rstrip()
        if _ABBREVIATION.search(head[-8:]) and "\n" not in match.group(0):
            continue
        following = clean[match.end() : match.end() + 1]
        if following.isdigit() and _REFERENCE.search(head[-12:]):
            continue  # a cross-reference number, not a numbered clause
        if head.endswith((";", ":")) and head.count("(") > head.count(")"):
            continue  # a semicolon inside a parenthesis: "(OWNERSHIP; GRANT OF RIGHTS)"
        # A page break inside a sentence: no closing punctuation before, lower case after.
        if "\n" in match.group(0) and following.islower() and not head.endswith((".", ":", ";")):
            continue
        spans.append((position, match.start()))
        position = match.end()
    spans.append((position, len(clean)))
    return spans


def clauses(text: str) -> list[Clause]:
    clean = _blank_furniture(text)
    found: list[Clause] = []
    section = ""
    for start, end in _spans(clean):
        piece = clean[start:end]
        stripped = piece.strip()
        if not stripped:
            continue
        start += len(piece) - len(piece.lstrip())
        end = start + len(stripped)
        norm = normalise(stripped)
        heading = (
            _looks_like_heading(norm)
            or bool(_TOC_LINE.search(text[start:end]))
            or len(_TOC_RUN.findall(norm)) >= 2
        )
        found.append(Clause(start, end, text[start:end], norm, heading, section))
        if heading:
            section = norm.lower()
    return found
