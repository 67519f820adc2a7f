"""Numbers said rather than written, as digits, with a map back to the note's own offsets.

Dictated and handed-over notes say vital signs: "pressure eighty-four over fifty-six",
"heart rate one forty" (the spoken form of 140), "temp thirty-nine point two", "sats in the
high 80s". The vital-sign patterns read digits, so such a note is first rewritten with digits
("84 over 56", "140", "39.2", "88"), and every reading found in the rewrite is mapped back to
the span of the note it came from, so its evidence stays the note's verbatim quote.

"low/mid/high Ns" is read as N+2, N+5 and N+8: a band, not a reading; its lower-risk end would
hide a danger-zone value ("sats in the high 80s" is below 90 whatever the exact figure).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_UNITS = {
    "zero": 0, "oh": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19,
}  # fmt: skip
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
_UNIT = "|".join(sorted(_UNITS, key=len, reverse=True))
_TEN = "|".join(_TENS)
_TWO_DIGIT = rf"(?:(?:{_TEN})(?:[\s-]+(?:{_UNIT}))?|(?:{_UNIT}))"
# "one hundred and forty", "a hundred and ten", "one forty", "two ten", "ninety-two",
# "thirty-nine point five"; a lone "one" or "a" is left alone (it is rarely a number here).
_SPOKEN = re.compile(
    rf"\b(?:(?P<hundreds>one|two|a)[\s-]+hundred(?:[\s-]+(?:and[\s-]+)?(?P<rest>{_TWO_DIGIT}))?"
    rf"|(?P<lead>one|two)[\s-]+(?P<shorthand>(?:{_TEN})(?:[\s-]+(?:{_UNIT}))?|ten|eleven|twelve"
    r"|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)"
    rf"|(?P<plain>(?:{_TEN})(?:[\s-]+(?:{_UNIT}))?|(?:{_UNIT})))"
    rf"(?:\s+point\s+(?P<decimal>{_UNIT}))?\b",
    re.IGNORECASE,
)
_BAND = re.compile(r"\b(low|mid|high)[\s-]*(\d)0'?s\b", re.IGNORECASE)
_BAND_OFFSET = {"low": 2, "mid": 5, "high": 8}


def _two_digit(words: str) -> int:
    parts = re.split(r"[\s-]+", words.lower())
    return sum(_TENS.get(part, _UNITS.get(part, 0)) for part in parts)


def _value(match: re.Match[str]) -> str | None:
    if match.group("hundreds"):
        whole = (2 if match.group("hundreds").lower() == "two" else 1) * 100
        whole += _two_digit(match.group("rest")) if match.group("rest") else 0
    elif match.group("lead"):
        lead = 2 if match.group("lead").lower() == "two" else 1
        whole = lead * 100 + _two_digit(match.group("shorthand"))
    else:
        plain = match.group("plain")
        if plain.lower() in {"one", "oh", "zero"} and not match.group("decimal"):
            return None  # "one episode", "oh dear": not a reading
        whole = _two_digit(plain)
    decimal = match.group("decimal")
    return f"{whole}.{_UNITS[decimal.lower()]}" if decimal else str(whole)


@dataclass(frozen=True)
class Rewritten:
    """A note with its spoken numbers as digits, and where each character came from."""

    text: str
    starts: tuple[int, ...]  # the note offset of each rewritten character
    ends: tuple[int, ...]  # the note offset just after each rewritten character

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The note's span for the rewritten span [start, end)."""
        if end <= start:
            return self.starts[start], self.starts[start]
        return self.starts[start], self.ends[end - 1]


def _replacements(note: str) -> list[tuple[int, int, str]]:
    found: list[tuple[int, int, str]] = []
    for match in _BAND.finditer(note):
        band = int(match.group(2)) * 10 + _BAND_OFFSET[match.group(1).lower()]
        found.append((match.start(), match.end(), str(band)))
    taken = [(start, end) for start, end, _ in found]
    for match in _SPOKEN.finditer(note):
        if any(start < match.end() and match.start() < end for start, end in taken):
            continue
        digits = _value(match)
        if digits is not None:
            found.append((match.start(), match.end(), digits))
    return sorted(found)


def with_digits(note: str) -> Rewritten:
    """The note with numbers said in words (and "high 80s" bands) written as digits."""
    text: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    position = 0
    for start, end, digits in _replacements(note):
        for index in range(position, start):
            text.append(note[index])
            starts.append(index)
            ends.append(index + 1)
        for _ in digits:
            starts.append(start)
            ends.append(end)
        text.append(digits)
        position = end
    for index in range(position, len(note)):
        text.append(note[index])
        starts.append(index)
        ends.append(index + 1)
    starts.append(len(note))  # one past the end, for an empty span at the end
    return Rewritten("".join(text), tuple(starts), tuple(ends))
