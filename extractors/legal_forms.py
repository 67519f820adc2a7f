"""Company legal forms ("Inc.", "LLC", "GmbH", ...): the one list every reader of company names
uses, the contract parties' reader, the legal redaction policy and the summaries' scorer.

Where a form may stand depends on how sure we already are that a name is being read:
- `LEGAL_FORMS` are never ordinary words: after a name ("Nimble Storage, Inc.") they make it a
  company's.
- `ABBREVIATION_FORMS` are also abbreviations in running text ("co-founder", "Las Vegas, NV"):
  a company's only as the last word of a span already read as a name.
- `WORD_FORMS` are also English words ("as", "ab"): a company's only as a word of a name read
  word by word ("Maersk Line AS").
"""

from __future__ import annotations

import re

LEGAL_FORMS: tuple[str, ...] = (
    "inc",
    "incorporated",
    "corp",
    "corporation",
    "company",
    "llc",
    "l.l.c",
    "ltd",
    "limited",
    "lp",
    "l.p",
    "llp",
    "plc",
    "pty",
    "gmbh",
    "s.a",
    "n.v",
    "b.v",
    "aps",
    "a/s",
    "s.p.a",
    "pte",
)
ABBREVIATION_FORMS: tuple[str, ...] = ("co", "ag", "sa", "nv", "bv")
WORD_FORMS: tuple[str, ...] = ("ab", "as")
EVERY_FORM: tuple[str, ...] = LEGAL_FORMS + ABBREVIATION_FORMS + WORD_FORMS


def alternation(forms: tuple[str, ...]) -> str:
    """A regex alternation of forms as written, longest first ("l.l.c" before "llc", "lp")."""
    return "|".join(re.escape(form) for form in sorted(forms, key=len, reverse=True))


def normalised(forms: tuple[str, ...]) -> tuple[str, ...]:
    """The forms as they read once punctuation is a space ("l.l.c" -> "l l c")."""
    return tuple(" ".join(re.sub(r"[^\w]", " ", form).split()) for form in forms)


# Forms that are also English words: they end a name only written as a name is ("Company",
# "LIMITED"), never in lower case ("the disclosing company").
SPELLED_OUT_FORMS: tuple[str, ...] = ("company", "corporation", "incorporated", "limited")
_ABBREVIATED = tuple(form for form in LEGAL_FORMS if form not in SPELLED_OUT_FORMS)

_ONE_FORM = (
    rf"(?:(?=[A-Z])(?i:{alternation(LEGAL_FORMS + ABBREVIATION_FORMS)})"
    rf"|(?:{alternation(_ABBREVIATED)}))\b(?!-)\.?"
)
NAME_ENDING_FORM = rf"{_ONE_FORM}(?:,?[ \t]+{_ONE_FORM})*"
"""A regex for the legal form(s) that end a company's name in running text ("Novell, Inc.",
"NO RESERVATIONS PTY. LTD.", "Mobimagic Co., Ltd.", "Vodafone Group plc"): the never-ordinary
forms and the abbreviations, written capitalised or in capitals, or in lower case where the
form is an abbreviation ("co-founder" is none). Case-sensitive by itself; the words before it
are the caller's."""

LEGAL_FORM_WORD = re.compile(rf"^(?:{alternation(EVERY_FORM)})\.?,?$", re.IGNORECASE)
"""One word of a name read word by word that is a legal form ("Inc.," "AS")."""

__all__ = [
    "ABBREVIATION_FORMS",
    "EVERY_FORM",
    "LEGAL_FORMS",
    "LEGAL_FORM_WORD",
    "NAME_ENDING_FORM",
    "SPELLED_OUT_FORMS",
    "WORD_FORMS",
    "alternation",
    "normalised",
]
