"""A scanned note's words as they were written, before the word lists read them.

OCR confuses a few shapes: 0 and o, 1, l, I and |, rn and m, cl and d, vv and w, 5 and s. It
also breaks words at a line's end ("confu-" / "sion") and sentences across lines. The
word lists (findings.py) read the note through `restore`, which

- joins a word hyphenated across a line break, and a line that continues the one before it
  (which ends on a word such as "of" or "the", and the next opens in lower case);
- replaces a damaged word by the one word its confusions explain, where the damaged form is
  no word the rules know and the restored one is ("c0nfused", "bIeeding", "rnelena",
  "suicida1"). Known words are the rules' own vocabulary (criteria, red flags, lexicons, the
  handbook exemplars), so a word the rules never read is left as it is.

Every character of the restored text keeps the offset of the note's character it came
from, so quotes are still taken verbatim from the note.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from functools import cache, lru_cache

from extractors import lexicons
from extractors.triage import criteria, exemplars, lay_wording, red_flags, screening_tools

# Damaged shape -> what it was written as (each a common OCR confusion).
_CONFUSIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("rn", ("m",)),
    ("Rn", ("M",)),
    ("cl", ("d",)),
    ("vv", ("w",)),
    ("0", ("o",)),
    ("1", ("l", "i")),
    ("|", ("l", "i")),
    ("I", ("l",)),
    ("!", ("l", "i")),
    ("5", ("s",)),
)
_DAMAGE = re.compile(r"[rR]n|cl|vv|[01|I!5]")
# A word with at least three letters; confusable digits and marks may sit inside or at its end.
_TOKEN = re.compile(r"(?<![\w|!])[A-Za-z01|!5]*[A-Za-z]{2}[A-Za-z01|!5]*(?![\w|])")
_SUFFIXES = ("", "s", "es", "ed", "ing", "ion", "ions", "ly", "al", "ic", "ia", "y")
_MAX_DAMAGE = 4
_OPTIONAL = re.compile(r"\(\?:([a-z]{1,3})\)\?")
_HYPHEN_BREAK = re.compile(r"(?<=[a-z])-[ \t]*\n[ \t]*(?=[a-z])")
# A line that ends on a word that cannot end a statement continues on the next.
_CONTINUED_LINE = re.compile(
    r"\b(?:of|the|to|and|or|with|a|an|in|on|his|her|their|at|for|from|by|is|was|has|been|"
    r"very|more|than|like|not)([ \t]*\n)(?=[ \t]*[a-z])",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Restored:
    text: str
    origin: tuple[int, ...]  # origin[i]: the note's offset of text[i]; origin[-1] = its length

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The note's span of text[start:end]."""
        if end <= start:
            return self.origin[start], self.origin[start]
        return self.origin[start], self.origin[end - 1] + 1


@cache
def _vocabulary() -> frozenset[str]:
    rules = (*red_flags.RULES, *lay_wording.RULES, *screening_tools.RULES)
    sources = [rule.pattern.pattern for rule in rules]
    sources += [
        value.pattern
        for value in (*vars(criteria).values(), *vars(red_flags).values(), lay_wording.HIGH_RISK)
        if isinstance(value, re.Pattern)
    ]
    sources += [pattern.pattern for pattern in lexicons.RED_FLAG_PATTERNS.values()]
    sources += [text for _, text in (*exemplars.HIGH_RISK, *exemplars.RESOURCES)]
    # An optional letter or two in a pattern ("mel(?:a)?ena") is read both ways.
    sources += [_OPTIONAL.sub(r"\1", source) for source in sources]
    sources = [_OPTIONAL.sub("", source) for source in sources]
    return frozenset(
        word.lower() for source in sources for word in re.findall(r"[A-Za-z]{4,}", source)
    )


def _known(word: str) -> bool:
    word = word.lower()
    vocabulary = _vocabulary()
    if not word.isalpha():
        return False
    return any(
        word[: len(word) - len(suffix)] in vocabulary
        for suffix in _SUFFIXES
        if word.endswith(suffix) and len(word) - len(suffix) >= 4
    )


def _repair(word: str) -> str | None:
    """The one known word the word's OCR confusions explain, or None."""
    if _known(word):
        return None
    damage = list(_DAMAGE.finditer(word))
    if not damage or len(damage) > _MAX_DAMAGE:
        return None
    options = [(match, dict(_CONFUSIONS)[match.group()] + (match.group(),)) for match in damage]
    found: set[str] = set()
    for choice in itertools.product(*(readings for _, readings in options)):
        parts, position = [], 0
        for (match, _), reading in zip(options, choice, strict=True):
            parts += [word[position : match.start()], reading]
            position = match.end()
        candidate = "".join(parts) + word[position:]
        if candidate != word and _known(candidate):
            found.add(candidate)
    return found.pop() if len(found) == 1 else None


@lru_cache(maxsize=256)
def restore(text: str) -> Restored:
    """The note with line-broken words joined and OCR-damaged words restored."""
    out: list[str] = []
    origin: list[int] = []
    position = 0
    joins = sorted(
        [(m.start(), m.end(), "") for m in _HYPHEN_BREAK.finditer(text)]
        + [
            (m.start(1), m.end(1), " " * (m.end(1) - m.start(1)))
            for m in _CONTINUED_LINE.finditer(text)
        ]
    )
    edits = [*joins]
    for match in _TOKEN.finditer(text):
        repaired = _repair(match.group())
        if repaired is not None and not any(
            s < match.end() and match.start() < e for s, e, _ in joins
        ):
            edits.append((match.start(), match.end(), repaired))
    for start, end, replacement in sorted(edits):
        if start < position:
            continue
        out.append(text[position:start])
        origin.extend(range(position, start))
        out.append(replacement)
        # A replacement's characters map onto the damaged span they replace, in order.
        width = max(end - start, 1)
        origin.extend(
            start + min(i * width // max(len(replacement), 1), width - 1)
            for i in range(len(replacement))
        )
        position = end
    out.append(text[position:])
    origin.extend(range(position, len(text)))
    origin.append(len(text))
    return Restored("".join(out), tuple(origin))
