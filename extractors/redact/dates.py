"""Dates found in text: parsed, shifted or generalised, and written back in their own format.

`parse_date` understands the forms the date recognizers find (numeric US, ISO, European with
dots, month names in full or abbreviated, with or without a day or a year) and remembers how
the date was written, so `FoundDate.render` writes a shifted date the way the original was
("Dec. 12, 1974" -> "Feb. 3, 1975", "03/14/1958" -> "05/06/1958"). Anything else returns
None, and the caller falls back to a placeholder.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, replace
from datetime import date, timedelta

_MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
_ABBREVIATIONS = {name.lower(): number for number, name in enumerate(calendar.month_abbr) if name}
_ABBREVIATIONS["sept"] = 9
_MONTH_WORD = r"(?P<month>[A-Za-z]{3,9})(?P<dot>\.?)"
_DAY = r"(?P<day>\d{1,2})(?P<ordinal>st|nd|rd|th|ST|ND|RD|TH)?"
_NO_YEAR = 2000
"""Dates without a year are shifted inside a leap year, so February 29 stays valid."""

_NUMERIC = re.compile(r"^(?P<a>\d{1,4})(?P<sep>[/.\-])(?P<b>\d{1,2})(?P=sep)(?P<c>\d{2,4})$")
_NAMED = [
    re.compile(rf"^{_MONTH_WORD}(?P<s1>\s+){_DAY}(?P<s2>,?\s+)(?P<year>\d{{4}})$"),
    re.compile(rf"^{_DAY}(?P<s1>\s+(?:of\s+)?){_MONTH_WORD}(?P<s2>,?\s+)(?P<year>\d{{4}})$"),
    re.compile(rf"^{_MONTH_WORD}(?P<s2>,?\s+)(?P<year>\d{{4}})$"),
    re.compile(rf"^{_MONTH_WORD}(?P<s1>\s+){_DAY}$"),
]


def _month_number(word: str) -> int | None:
    lowered = word.lower()
    return _MONTHS.get(lowered) or _ABBREVIATIONS.get(lowered)


def _ordinal(day: int) -> str:
    if 11 <= day % 100 <= 13:
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")


def _cased(word: str, like: str) -> str:
    if like.isupper():
        return word.upper()
    if like.islower():
        return word.lower()
    return word


@dataclass(frozen=True)
class FoundDate:
    """A date and the way it was written."""

    value: date
    layout: str
    """'numeric' or 'named'."""
    has_day: bool = True
    has_year: bool = True
    # numeric: order of the three fields ('mdy', 'dmy', 'ymd'), separator, widths
    order: str = "mdy"
    sep: str = "/"
    widths: tuple[int, int, int] = (2, 2, 4)
    # named: the text around the fields
    template: str = ""
    month_word: str = ""
    ordinal_upper: bool = False

    def shifted(self, days: int) -> FoundDate:
        return replace(self, value=self.value + timedelta(days=days))

    def render(self) -> str:
        if self.layout == "numeric":
            return self._render_numeric()
        return self._render_named()

    def _render_numeric(self) -> str:
        fields = {"y": self.value.year, "m": self.value.month, "d": self.value.day}
        parts = []
        for letter, width in zip(self.order, self.widths, strict=True):
            number = fields[letter]
            if letter == "y" and width == 2:
                number %= 100
            parts.append(str(number).zfill(width) if width == 2 or letter == "y" else str(number))
        return self.sep.join(parts)

    def _render_named(self) -> str:
        word = self.month_word
        base, dot, month = word.rstrip("."), word.endswith("."), self.value.month
        full = calendar.month_name[month]
        if base.lower() == "sept":
            name = "Sept" if month == 9 else calendar.month_abbr[month]
        elif len(base) == 3 and (dot or base.lower() != "may"):
            name = calendar.month_abbr[month]
        else:
            name = full
        if dot and name != full:
            name += "."
        day = self.value.day
        values = {
            "{month}": _cased(name, base),
            "{day02}": str(day).zfill(2),
            "{day}": str(day),
            "{ordinal}": _ordinal(day).upper() if self.ordinal_upper else _ordinal(day),
            "{year}": str(self.value.year),
        }
        text = self.template
        for key, value in values.items():
            text = text.replace(key, value)
        return text


def parse_date(text: str) -> FoundDate | None:
    """The date `text` denotes, or None when it is not one of the forms understood here."""
    stripped = text.strip()
    return _parse_numeric(stripped) or _parse_named(stripped)


def _parse_numeric(text: str) -> FoundDate | None:
    match = _NUMERIC.match(text)
    if match is None:
        return None
    a, b, c, sep = match["a"], match["b"], match["c"], match["sep"]
    if len(a) == 4:
        candidates = ["ymd"]
    elif len(a) == 3 or len(c) == 3:
        return None
    elif sep == ".":
        candidates = ["dmy", "mdy"]
    else:
        candidates = ["mdy", "dmy"]
    for order in candidates:
        fields = dict(zip(order, (a, b, c), strict=True))
        year = int(fields["y"])
        if len(fields["y"]) == 2:
            year += 1900 if year >= 30 else 2000
        try:
            value = date(year, int(fields["m"]), int(fields["d"]))
        except ValueError:
            continue
        # One-digit fields stay one-digit; two-digit ones (e.g. "03") keep their zero.
        widths = (len(a), len(b), len(c))
        return FoundDate(value, "numeric", order=order, sep=sep, widths=widths)
    return None


def _parse_named(text: str) -> FoundDate | None:
    for pattern in _NAMED:
        match = pattern.match(text)
        if match is None:
            continue
        groups = match.groupdict()
        month = _month_number(groups["month"])
        if month is None:
            return None
        has_day = groups.get("day") is not None
        has_year = groups.get("year") is not None
        year = int(groups["year"]) if has_year else _NO_YEAR
        day = int(groups["day"]) if has_day else 1
        try:
            value = date(year, month, day)
        except ValueError:
            return None
        template = _template(text, match)
        return FoundDate(
            value,
            "named",
            has_day=has_day,
            has_year=has_year,
            template=template,
            month_word=groups["month"] + groups["dot"],
            ordinal_upper=bool(groups.get("ordinal")) and groups["ordinal"].isupper(),
        )
    return None


def _template(text: str, match: re.Match[str]) -> str:
    """The original text with its fields replaced by {month}, {day}, {ordinal}, {year}."""
    groups = match.groupdict()
    spans: list[tuple[int, int, str]] = [(match.start("month"), match.end("dot"), "{month}")]
    if groups.get("day") is not None:
        padded = len(groups["day"]) == 2 and groups["day"].startswith("0")
        spans.append((match.start("day"), match.end("day"), "{day02}" if padded else "{day}"))
    if groups.get("ordinal"):
        spans.append((match.start("ordinal"), match.end("ordinal"), "{ordinal}"))
    if groups.get("year") is not None:
        spans.append((match.start("year"), match.end("year"), "{year}"))
    out, last = [], 0
    for start, end, key in sorted(spans):
        out.append(text[last:start])
        out.append(key)
        last = end
    out.append(text[last:])
    return "".join(out)


def generalise_to_year(text: str) -> str | None:
    """The year alone ("1974"), or None when the date has no year or cannot be read."""
    found = parse_date(text)
    if found is None or not found.has_year:
        return None
    return str(found.value.year)


def shift_date(text: str, days: int) -> str | None:
    """The date moved by `days`, written like the original, or None when it cannot be read."""
    found = parse_date(text)
    if found is None:
        return None
    # A date without a year keeps that: the template has no {year} to fill.
    return found.shifted(days).render()
