"""A contract's summary fields read from its clauses: parties and their roles, effective date,
term and renewal, governing law and venue, each with the sentence it came from.

Every value is a span of the clause's normalised text (wraps, hyphenation and page numbers
undone), so it is found again in the redacted text by the grounding check, which collapses
whitespace the same way. Role words ("Employee", "the Company") are roles, never party names.
"""

from __future__ import annotations

import re
from typing import Any

from extractors.llm.rules.contract_text import Clause

_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)"
)
DATE = (
    rf"(?:{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?\s*,?\s*\d{{4}}"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:day\s+of\s+)?{_MONTH},?\s+\d{{4}}"
    r"|\d{1,2}/\d{1,2}/\d{2,4}|\d{4}-\d{2}-\d{2})"
)
_EFFECTIVE = (
    re.compile(
        rf"(?:effective date|commencement date)[\"”]?\)?\s*(?:shall\s+)?(?:means?|be|is)\s+"
        rf"(?:the\s+)?({DATE})",
        re.IGNORECASE,
    ),
    re.compile(
        rf"\b(?:effective|dated|made|entered into|executed)\b[^.;]{{0,40}}?({DATE})",
        re.IGNORECASE,
    ),
)
_ROLE_WORDS = frozenset(
    [
        "agreement",
        "company",
        "employee",
        "employer",
        "consultant",
        "contractor",
        "licensor",
        "licensee",
        "distributor",
        "supplier",
        "customer",
        "client",
        "vendor",
        "buyer",
        "seller",
        "purchaser",
        "lender",
        "borrower",
        "party",
        "parties",
        "recipient",
        "discloser",
        "disclosing",
        "receiving",
        "provider",
        "manufacturer",
        "reseller",
        "agent",
        "franchisee",
        "franchisor",
        "landlord",
        "tenant",
        "lessor",
        "lessee",
        "sponsor",
        "investor",
        "executive",
        "owner",
        "the",
        "and",
        "a",
        "an",
        "of",
        "each",
        "other",
        "either",
        "both",
    ]
)
_BETWEEN = re.compile(r"\b(?:by and )?(?:between|among)\s*:?\s+(.{4,700})", re.IGNORECASE)
# Where one party's description ends and the next begins: after its role in brackets or a
# comma ("... ("Licensor"), and Globex ..."), else at a plain " and ".
_SIDES = (
    re.compile(r"(?:\)|,)\s*(?:and|AND)\s+(?:\(\d\)\s*)?"),
    re.compile(r"\s+(?:and|AND)\s+(?:\(\d\)\s*)?"),
)
_ROLE = re.compile(
    r"\((?:[^()]{0,60}?)(?:the\s+|hereinafter\s+|referred\s+to\s+as\s+|collectively\s+)*"
    r"[\"“']+([A-Z][\w .&-]{1,38}?)[\"”']+"
)
_LAW_NAME = re.compile(
    r"laws?\s+of\s+(?:the\s+)?((?:[A-Z][a-z]+\s+)?(?:State|Commonwealth|Province|Republic"
    r"|Kingdom)\s+of\s+(?:[A-Z][A-Za-z]+)(?:\s+[A-Z][a-z]+)?|[A-Z][A-Za-z]+(?:\s+[A-Z][a-z]+){0,2})"
)
_LAW_ADJECTIVE = re.compile(r"\b((?:[A-Z][a-z]+\s){0,2}[A-Z][a-z]+)\s+law\b")
_VENUE = re.compile(
    r"\b(?:courts?|tribunals?|arbitration)\b[^.;]{0,20}?\b(?:of|in|located in|sitting in|for)\s+"
    r"(?:the\s+)?((?:(?:State|County|City|Commonwealth|Borough|District)\s+of\s+)?"
    r"[A-Z][A-Za-z-]+(?:[ ,]+(?:[A-Z][A-Za-z-]+|of|the))*)"
)
_DURATION = r"[^.;]{0,60}?\b(?:years?|months?|days?|anniversary|until|terminated|expires?)\b"
_TERM = (
    re.compile(
        r"\b(?:initial\s+)?term\s+of\s+this\s+(?:agreement|contract)\s+(?:shall|will)\s+"
        r"(?:be|commence|begin|continue|run|expire)" + _DURATION + r"[^.;]{0,40}",
        re.IGNORECASE,
    ),
    re.compile(
        r"\b(?:agreement|obligations?|term)\b[^.;]{0,80}?(?:shall|will)\s+(?:survive|remain in "
        r"(?:full\s+)?(?:force\s+and\s+)?effect|continue in (?:full\s+)?(?:force\s+and\s+)?"
        r"effect|continue|be in effect|terminate|expire)\s+(?:for|until|on|upon|after)"
        + _DURATION
        + r"[^.;]{0,40}",
        re.IGNORECASE,
    ),
    re.compile(r"\b(?:shall|will)\s+survive\s+for\s+a\s+period\s+of" + _DURATION, re.IGNORECASE),
    re.compile(
        r"\b(?:initial\s+)?term\s+of\s+(?:\w+\s+){0,3}\(?\d*\)?\s*(?:years?|months?)\b[^.;]{0,60}",
        re.IGNORECASE,
    ),
)


def cut_words(value: str, limit: int) -> str:
    value = value.strip(" ,;:")
    if len(value) <= limit:
        return value
    cut = value[:limit]
    return cut[: cut.rfind(" ")] if " " in cut else cut


def _party(raw: str) -> tuple[str, str] | None:
    """A side of "between X and Y": the name up to its first comma or bracket, and its role."""
    role_match = _ROLE.search(raw)
    raw = re.sub(r"^\(\d\)\s*", "", raw.strip())
    name = re.split(
        r",\s+(?:a|an|the)\s|\s*\(|,\s*(?:with|having|whose|located|on behalf)\b"
        r"|,\s+(?:[A-Z][a-z]+\s+){1,2}(?:corporation|company|limited|bank|partnership)\b",
        raw,
    )[0]
    name = name.strip(" ,;:\"“”'")
    words = re.findall(r"[A-Za-z]+", name)
    if not words or all(w.lower() in _ROLE_WORDS for w in words) or not name[:1].isupper():
        return None
    return cut_words(name, 80), (cut_words(role_match.group(1), 40) if role_match else "")


def _parties(units: list[Clause]) -> tuple[list[str], list[str], Clause | None]:
    for unit in units[:60]:
        match = _BETWEEN.search(unit.norm)
        if match is None:
            continue
        rest = match.group(1)
        parts = next((p.split(rest, maxsplit=1) for p in _SIDES if p.search(rest)), [rest])
        if len(parts) < 2:
            continue
        sides = [_party(side) for side in parts]
        found = [side for side in sides if side is not None]
        if found:
            names = [name for name, _ in found]
            roles = [role for _, role in found]
            return names, (roles if all(roles) else []), unit
    return [], [], None


def _first(
    units: list[Clause], patterns: tuple[re.Pattern[str], ...], group: int = 0
) -> tuple[str, Clause] | None:
    for pattern in patterns:
        for unit in units:
            match = pattern.search(unit.norm)
            if match:
                return match.group(group), unit
    return None


def summarise(units: list[Clause], law_clause: Clause | None) -> dict[str, Any]:
    """The summary fields of LegalOutput; `law_clause` is the Governing Law flag's clause."""
    body = [unit for unit in units if not unit.is_heading]
    evidence: list[dict[str, str]] = []
    names, roles, party_clause = _parties(body)
    if party_clause is not None:
        evidence.append({"field": "parties", "evidence": party_clause.quote()})
    effective = _first(body[:80], _EFFECTIVE, 1)
    if effective:
        evidence.append({"field": "effective_date", "evidence": effective[1].quote()})
    term = _first(body, _TERM)
    if term:
        evidence.append({"field": "term", "evidence": term[1].quote()})
    law = None
    if law_clause is not None:
        named = _LAW_NAME.search(law_clause.norm) or _LAW_ADJECTIVE.search(law_clause.norm)
        if named:
            law = cut_words(named.group(1), 60)
            evidence.append({"field": "governing_law", "evidence": law_clause.quote()})
    venue = _first(
        [u for u in body if re.search(r"jurisdiction|venue|forum", u.norm, re.IGNORECASE)],
        (_VENUE,),
        1,
    )
    if venue:
        evidence.append({"field": "venue", "evidence": venue[1].quote()})
    return {
        "parties": names[:4],
        "party_roles": roles[:4],
        "effective_date": cut_words(effective[0], 40) if effective else None,
        "governing_law": law,
        "venue": cut_words(venue[0], 120) if venue else None,
        "term": cut_words(term[0], 120) if term else None,
        "summary_evidence": evidence[:6],
    }
