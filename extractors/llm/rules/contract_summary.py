"""A contract's summary fields read from its clauses: parties and their roles, effective date,
term and renewal, governing law and venue, each with the sentence it came from.

Every value is a span of the clause's normalised text (wraps, hyphenation and page numbers
undone), so it is found again in the redacted text by the grounding check, which collapses
whitespace the same way. Role words ("Employee", "the Company") are roles, never party names.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from extractors.llm.rules.contract_parties import opening, parties, unblank
from extractors.llm.rules.contract_text import Clause

_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)"
)
DATE = (
    rf"(?:{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?\s*,?\s*\d{{4}}"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:day\s+of\s+)?{_MONTH}\s*,?\s*\d{{4}}"
    r"|\d{1,2}/\d{1,2}/\d{2,4}|\d{4}-\d{2}-\d{2})"
)
# Where the effective date is stated, strongest first: a date defined as the Effective Date,
# the Effective Date defined as a date, a "Date:" line, then "made/dated/effective ... DATE"
# in the preamble. Patterns run on the clause with a template's underscores read as spaces.
_EFFECTIVE = (
    re.compile(rf"({DATE})\s*\(\s*(?:the\s+)?[\"“‘']?\s*(?:effective|commencement) date", re.I),
    re.compile(
        rf"(?:effective|commencement) date(?:\s+of\s+(?:this\s+)?agreement)?[\"”’']?\)?\s*"
        rf"(?::|means?|shall\s+(?:mean|be)|is|will be)\s*(?:as\s+of\s+)?(?:the\s+)?({DATE})",
        re.IGNORECASE,
    ),
    re.compile(rf"^[ \t]*dated?\s*:\s*({DATE})", re.IGNORECASE | re.MULTILINE),
    re.compile(
        rf"\b(?:effective|dated|made|entered into|executed|agree)\b[^.;]{{0,40}}?({DATE})",
        re.IGNORECASE,
    ),
)
_DATE_LINE = re.compile(
    rf"\A\s*(?:\S[^\n]{{0,60}}\n\s*)?({DATE})[ \t]*$", re.IGNORECASE | re.MULTILINE
)
_NUMBER = (
    r"(?:\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|eighteen"
    r"|twenty[- ]four|thirty[- ]six|twenty|thirty|sixty|ninety)"
)
# A duration: "three (3) years", "eighteen\n(18) months", "a two-year term", "the second
# anniversary", "1 year period".
DURATION = re.compile(
    rf"\b{_NUMBER}(?:\s*\(\d{{1,3}}\))?[\s-]+(?:calendar\s+)?(?:years?|months?)\b"
    r"|\b(?:first|second|third|fourth|fifth|one[- ]year)\s+anniversary\b",
    re.IGNORECASE,
)
# The rest of a duration's phrase: "... from the Effective Date", "... after disclosure".
_CUT_DURATION = re.compile(r"^\(\d{1,3}\)\s*(?:years?|months?)\b", re.IGNORECASE)
_DURATION_TAIL = re.compile(
    r"[^.;,]{0,8}?\b(?:from|after|following|of|thereafter)\b[^.;,()]{0,40}", re.IGNORECASE
)
# How long the agreement runs, how long its confidentiality lasts, and covenants' periods, in
# that order of preference; never a notice period, a look-back or a non-solicitation period.
_TERM_OF_AGREEMENT = re.compile(
    r"\bterm of this\b|\binitial term\b|\b(?:this\s+)?(?:agreement|nda|cnda)\b[^.;]{0,80}?"
    r"\b(?:shall|will|to)\s+(?:remain|continue|be in (?:full )?(?:force|effect)|terminate|expire"
    r"|apply|be effective|run)|\bagreement\s+(?:continues|expires|terminates|remains)\b"
    r"|\b\w+[- ]year term\b|^\s*(?:\d+(?:\.\d+)*\.?\s*)?(?:term|duration)\b",
    re.IGNORECASE,
)
_TERM_OF_CONFIDENTIALITY = re.compile(
    r"\bconfidential|\bnon-?disclosure\b|\bproprietary\b|\bdivulge\b|\bobligations?\b"
    r"|\bsurviv",
    re.IGNORECASE,
)
_TERM_OF_COVENANT = re.compile(r"\bcompet|\brestricted period\b", re.IGNORECASE)
_NOT_TERM = re.compile(
    r"\bsolicit|\bhire\b|\bemploy(?:ment)?\b|\bstandstill\b|\bsecurities\b|\bvoting\b"
    r"|\bwarrant|\bnotice\b|\bold\b|\bretain(?:ed)?\b|\binsurance\b",
    re.IGNORECASE,
)
_LAW_CLAUSE = re.compile(
    r"\b(?:govern|construed|interpreted|enforced)\w*\b[^.]{0,200}\blaws?\b"
    r"|\blaws?\b[^.]{0,200}\bgovern",
    re.IGNORECASE,
)
_KIND = r"(?:State|Commonwealth|Province|Republic|Kingdom|Federation)"
_PLACE = r"[A-Z][A-Za-z]+(?:\s+(?:and\s+)?[A-Z][a-z]+){0,2}"
_LAW_NAME = re.compile(
    rf"\b[Ll]aws?\s+(?:in\s+force\s+)?(?:of|in)\s+(?:the\s+)?((?:[A-Z][a-z]+\s+)?(?i:{_KIND})\s+of\s+"
    rf"(?:the\s+)?{_PLACE}|(?!(?:State|United|Province|Commonwealth|Republic|Kingdom)\b){_PLACE})"
)
_LAW_ADJECTIVE = re.compile(r"\b((?:[A-Z][a-z]+\s){0,2}[A-Z][a-z]+)\s+law\b")
_VENUE = re.compile(
    r"\b(?:courts?|tribunals?|arbitration)\b[^.;]{0,20}?\b(?:of|in|located in|sitting in|for)\s+"
    r"(?:the\s+)?((?:(?:State|County|City|Commonwealth|Borough|District)\s+of\s+)?"
    r"[A-Z][A-Za-z-]+(?:[ ,]+(?:[A-Z][A-Za-z-]+|of|the))*)"
)


def cut_words(value: str, limit: int) -> str:
    value = value.strip(" ,;:")
    if len(value) <= limit:
        return value
    cut = value[:limit]
    return cut[: cut.rfind(" ")] if " " in cut else cut


# Words a clause in capitals has that a name does not start with, for reading it in title case.
_SMALL_WORDS = frozenset(
    [
        "of",
        "in",
        "the",
        "and",
        "for",
        "to",
        "by",
        "with",
        "law",
        "laws",
        "force",
        "a",
        "an",
        "or",
        "under",
        "applicable",
        "without",
        "regard",
        "its",
        "conflict",
        "conflicts",
        "principles",
        "provisions",
        "that",
        "which",
        "as",
        "such",
        "shall",
        "be",
        "is",
        "are",
        "governed",
        "construed",
        "accordance",
        "agreement",
        "this",
        "made",
        "performed",
        "wholly",
        "therein",
        "within",
        "any",
    ]
)


def _matching(norm: str) -> str:
    """The copy patterns run on, of the same length: a template's underscores read as spaces,
    and a clause written in capitals read in title case ("THE LAWS OF THE STATE OF ...")."""
    copy = unblank(norm)
    letters = [c for c in copy if c.isalpha()]
    if letters and sum(c.isupper() for c in letters) > 0.8 * len(letters):
        copy = re.sub(
            r"[A-Za-z]+",
            lambda m: m[0].lower() if m[0].lower() in _SMALL_WORDS else m[0].capitalize(),
            copy,
        )
    return copy


def _first(
    units: list[Clause], patterns: tuple[re.Pattern[str], ...], group: int = 0
) -> tuple[str, Clause] | None:
    """The first match of the strongest pattern, as written in the clause's normalised text."""
    for pattern in patterns:
        for unit in units:
            match = pattern.search(_matching(unit.norm))
            if match:
                return unit.norm[match.start(group) : match.end(group)], unit
    return None


def _effective_date(units: list[Clause], text: str) -> tuple[str, Clause] | None:
    """From the opening words as written (a label and its date may sit on two lines), else
    from the clauses; a letter agreement's date line at its head last."""
    first = opening(units)
    head = text[: first[-1].end] if first else ""
    match = next((m for p in _EFFECTIVE if (m := p.search(unblank(head))) is not None), None)
    if match is None:
        match = _DATE_LINE.search(text[:200])
    if match is not None:
        at = match.start(1)
        unit = next((u for u in units if u.end > at), units[0])
        return " ".join(text[at : match.end(1)].split()), unit
    found = _first(units[:80], _EFFECTIVE[:2], 1)
    return found


def _duration(unit: Clause) -> str | None:
    """The clause's first duration that is a term (not a notice period), with its tail."""
    copy = _matching(unit.norm)
    for match in DURATION.finditer(copy):
        before = copy[max(0, match.start() - 40) : match.start()].casefold()
        if re.search(r"\b(?:within|least|up to|every|each)\s+(?:a\s+)?$", before):
            continue
        tail = _DURATION_TAIL.match(copy, match.end())
        end = tail.end() if tail else match.end()
        return cut_words(unit.norm[match.start() : end], 120)
    return None


def _joined(body: list[Clause]) -> list[Clause]:
    """The clauses, with one that a line break cut before "(18) months" joined to the next."""
    joined: list[Clause] = []
    for unit in body:
        previous = joined[-1] if joined else None
        if previous is not None and _CUT_DURATION.match(unit.norm):
            norm = f"{previous.norm} {unit.norm}"
            joined[-1] = replace(
                previous, end=unit.end, text=f"{previous.text}\n{unit.text}", norm=norm
            )
        else:
            joined.append(unit)
    return joined


def _term(body: list[Clause]) -> tuple[str, Clause] | None:
    candidates = [
        unit
        for unit in _joined(body)
        if DURATION.search(_matching(unit.norm)) and not _NOT_TERM.search(unit.norm)
    ]
    for kind in (_TERM_OF_AGREEMENT, _TERM_OF_CONFIDENTIALITY, _TERM_OF_COVENANT):
        for unit in candidates:
            if kind.search(unit.norm) or kind.search(unit.section):
                value = _duration(unit)
                if value is not None:
                    return value, unit
    return None


def _law(units: list[Clause], law_clause: Clause | None) -> tuple[str, Clause] | None:
    candidates = [law_clause] if law_clause is not None else []
    candidates += [unit for unit in units if _LAW_CLAUSE.search(unit.norm)]
    for unit in candidates:
        copy = _matching(unit.norm)
        named = _LAW_NAME.search(copy) or _LAW_ADJECTIVE.search(copy)
        if named:
            return cut_words(unit.norm[named.start(1) : named.end(1)], 60), unit
    return None


def summarise(
    units: list[Clause], law_clause: Clause | None, text: str | None = None
) -> dict[str, Any]:
    """The summary fields of LegalOutput from the contract's clauses and its text as written;
    `law_clause` is the Governing Law flag's clause."""
    body = [unit for unit in units if not unit.is_heading]
    text = "\n".join(unit.text for unit in units) if text is None else text
    evidence: list[dict[str, str]] = []
    found = parties(units, text)
    names = [name for name, _ in found]
    roles = [role for _, role in found]
    party_clause = next((u for u in units if names and names[0] in unblank(u.text)), None)
    if party_clause is not None:
        evidence.append({"field": "parties", "evidence": party_clause.quote()})
    effective = _effective_date(units, text)
    if effective:
        evidence.append({"field": "effective_date", "evidence": effective[1].quote()})
    term = _term(body)
    if term:
        evidence.append({"field": "term", "evidence": term[1].quote()})
    law = _law(body, law_clause)
    if law:
        evidence.append({"field": "governing_law", "evidence": law[1].quote()})
    venue = _first(
        [u for u in body if re.search(r"jurisdiction|venue|forum", u.norm, re.IGNORECASE)],
        (_VENUE,),
        1,
    )
    if venue:
        evidence.append({"field": "venue", "evidence": venue[1].quote()})
    return {
        "parties": names,
        "party_roles": roles if names and all(roles) else [],
        "effective_date": cut_words(effective[0], 40) if effective else None,
        "governing_law": law[0] if law else None,
        "venue": cut_words(venue[0], 120) if venue else None,
        "term": term[0] if term else None,
        "summary_evidence": evidence[:6],
    }
