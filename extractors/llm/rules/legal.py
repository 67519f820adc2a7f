"""Legal rules: contract type, the contract's summary, and CUAD clause flags from its clauses."""

from __future__ import annotations

import re
from typing import Any

from extractors.llm.rules.clause_rule import is_recital
from extractors.llm.rules.clause_rules import CATEGORIES, NOT_EVIDENCE, Category
from extractors.llm.rules.contract_summary import cut_words, summarise
from extractors.llm.rules.contract_text import Clause, clauses
from extractors.llm.rules.cuad_more_rules import DESCRIBES_CONTRACT, MORE_CATEGORIES
from schemas.outputs.legal import ClauseSet

_NUMBER_DOT = re.compile(r"(?<=\d)\.(?=\d)")
_TYPES: tuple[tuple[str, str], ...] = (
    (r"non-?disclosure|confidentiality agreement|\bnda\b", "nda"),
    (r"services agreement|statement of work|consulting agreement", "services_agreement"),
    (r"licen[cs]e agreement", "license_agreement"),
    (r"supply agreement|purchase agreement", "supply_agreement"),
    (r"employment agreement|offer letter", "employment_agreement"),
)


def extract(text: str, clause_set: ClauseSet = "default") -> dict[str, Any]:
    """The contract's type, summary and clause flags: CUAD's 12 default categories, or with
    `clause_set="cuad41"` all 41 (the other 29 from cuad_more_rules, after the 12)."""
    head = text[:500]
    contract_type = next(
        (kind for pattern, kind in _TYPES if re.search(pattern, head, re.IGNORECASE)), "other"
    )
    units = clauses(text)
    found = clause_evidence(units)
    more = clause_evidence(units, MORE_CATEGORIES) if clause_set == "cuad41" else {}
    summary = summarise(units, found.get("Governing Law", (None, 0))[0], text)
    renewal = found.get("Renewal Term")
    if renewal is not None:
        summary["renewal"] = cut_words(renewal[0].quote(renewal[1]), 120)
        summary["summary_evidence"].append(
            {"field": "renewal", "evidence": renewal[0].quote(renewal[1])}
        )
    flags = [
        {"kind": kind, "severity": CATEGORIES[kind].severity, "evidence": unit.quote(at)}
        for kind, (unit, at) in found.items()
    ][:12] + [
        {"kind": kind, "severity": MORE_CATEGORIES[kind].severity, "evidence": unit.quote(at)}
        for kind, (unit, at) in more.items()
    ]
    return {
        "contract_type": contract_type,
        **summary,
        # The summary reads every field within the schema's limits; only the renewal's
        # evidence, added here, can pass the schema's six.
        "summary_evidence": summary["summary_evidence"][:6],
        "clause_flags": flags,
    }


def clause_evidence(
    units: list[Clause], categories: dict[str, Category] = CATEGORIES
) -> dict[str, tuple[Clause, int]]:
    """For each category that holds, its evidence clause and where in it the cue starts.

    Whether a category holds is decided by its rules; its evidence is the clause an expert
    would quote: one under the category's own heading first, then the one that more of the
    category's rules accept (a cap that also excludes consequential damages beats a force
    majeure clause that mentions liability), then the strongest rule's, then the earliest."""
    bodies = [
        # A section number's dot ("Section 11.4 is") does not end the sentence for the rules'
        # "[^.]" spans; the copy keeps every offset.
        (unit, _NUMBER_DOT.sub("_", unit.norm.lower()))
        for unit in units
        if not unit.is_heading and not NOT_EVIDENCE.search(unit.norm.lower())
    ]
    every = [(unit, _NUMBER_DOT.sub("_", unit.norm.lower())) for unit in units]
    found: dict[str, tuple[Clause, int]] = {}
    for kind, category in categories.items():
        best: tuple[tuple[int, int, int, int, int], Clause, int] | None = None
        for position, (unit, lowered) in enumerate(every if kind in DESCRIBES_CONTRACT else bodies):
            accepted = [
                (strength, at)
                for strength, candidate in enumerate(category.rules)
                if (at := candidate.accepts(lowered, unit.section)) is not None
            ]
            if not accepted:
                continue
            strength, at = accepted[0]
            topical = category.is_topical(unit.section)
            # A recital may tell that the contract holds a covenant ("E. ... have reached an
            # understanding with regard to ... Noncompetition"); any operative clause is the
            # better evidence.
            recital = int(is_recital(unit.norm, unit.section))
            rank = (
                (recital, strength, int(not topical), -len(accepted), position)
                if category.strength_first
                else (recital, int(not topical), -len(accepted), strength, position)
            )
            if best is None or rank < best[0]:
                best = (rank, unit, at)
        if best is not None:
            found[kind] = (best[1], best[2])
    return found
