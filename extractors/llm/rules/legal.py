"""Legal rules: contract type, parties, governing law, term, and CUAD clause flags."""

from __future__ import annotations

import re
from typing import Any

from extractors.llm.rules.clause_rules import CATEGORIES, NOT_EVIDENCE
from extractors.llm.rules.contract_text import Clause, clauses

_TYPES: tuple[tuple[str, str], ...] = (
    (r"non-?disclosure|confidentiality agreement|\bnda\b", "nda"),
    (r"services agreement|statement of work|consulting agreement", "services_agreement"),
    (r"licen[cs]e agreement", "license_agreement"),
    (r"supply agreement|purchase agreement", "supply_agreement"),
    (r"employment agreement|offer letter", "employment_agreement"),
)
_PARTY = r"([A-Z<][\w&.,'<>\- ]{1,78}?)"
_BETWEEN = re.compile(
    rf"\bbetween\s+{_PARTY}\s*(?:\([^)]*\)\s*)?,?\s+and\s+{_PARTY}(?=\s*(?:\(|\.\s|\.$|,|\n|$))",
    re.MULTILINE,
)
_LAW = re.compile(
    r"governed by (?:and construed in accordance with )?the laws? of (?:the )?"
    r"((?:State|Commonwealth|Province) of [A-Z][a-z]+(?: [A-Z][a-z]+)?|[A-Z][a-z]+(?: [A-Z][a-z]+)?)"
)
_TERM = re.compile(r"(?:initial )?term of [^.]{1,100}", re.IGNORECASE)


def extract(text: str) -> dict[str, Any]:
    head = text[:500]
    contract_type = next(
        (kind for pattern, kind in _TYPES if re.search(pattern, head, re.IGNORECASE)), "other"
    )
    parties: list[str] = []
    between = _BETWEEN.search(text)
    if between:
        parties = [" ".join(p.split()).strip(" ,")[:80] for p in between.groups()]
    law = _LAW.search(text)
    term = _TERM.search(text)
    flags = clause_flags(clauses(text))
    return {
        "contract_type": contract_type,
        "parties": parties[:4],
        "governing_law": law.group(1)[:60] if law else None,
        "term": " ".join(term.group(0).split())[:120] if term else None,
        "clause_flags": flags[:12],
    }


def clause_flags(units: list[Clause]) -> list[dict[str, Any]]:
    """Whether a category holds is decided by its rules; its evidence is the clause an expert
    would quote: one under the category's own heading first, then the strongest rule's, then
    the earliest (a plain "governed by the laws of" beats a passing mention of laws)."""
    bodies = [
        (unit, unit.norm.lower())
        for unit in units
        if not unit.is_heading and not NOT_EVIDENCE.search(unit.norm.lower())
    ]
    flags: list[dict[str, Any]] = []
    for kind, category in CATEGORIES.items():
        best: tuple[tuple[bool, int, int], Clause, int] | None = None
        for position, (unit, lowered) in enumerate(bodies):
            for strength, candidate in enumerate(category.rules):
                at = candidate.accepts(lowered, unit.section)
                if at is None:
                    continue
                rank = (not category.is_topical(unit.section), strength, position)
                if best is None or rank < best[0]:
                    best = (rank, unit, at)
                break
        if best is not None:
            _, unit, at = best
            flags.append({"kind": kind, "severity": category.severity, "evidence": unit.quote(at)})
    return flags
