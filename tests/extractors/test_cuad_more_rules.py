"""CUAD's other 29 categories: optional flags beside the 12 defaults, read from CUAD's
category descriptions (failure classes from the dev split, written as made-up clauses)."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractors.llm.rules import legal
from flows.cuad import score_rules
from schemas.outputs.legal import ClauseSet

CUAD_LAYOUT = Path(__file__).resolve().parents[1] / "data" / "cuad_layout"
INSURANCE = (
    "Supplier shall maintain, at its own expense, commercial general liability insurance with "
    "limits of not less than $1,000,000 per occurrence."
)


def kinds(text: str, clause_set: ClauseSet = "default") -> set[str]:
    return {flag["kind"] for flag in legal.extract(text, clause_set)["clause_flags"]}


def test_the_default_clause_set_flags_only_the_twelve_categories() -> None:
    assert "Insurance" not in kinds(INSURANCE)


def test_the_cuad41_clause_set_adds_the_other_categories() -> None:
    assert "Insurance" in kinds(INSURANCE, "cuad41")


@pytest.mark.parametrize(
    ("clause", "category"),
    [
        (
            "During the Term and for one year thereafter, neither Party shall solicit or hire any "
            "employees of the other Party.",
            "No-Solicit Of Employees",
        ),
        (
            "If Customer terminates this Agreement before the end of the Term, Customer shall pay "
            "Provider liquidated damages equal to the fees for the remaining months.",
            "Liquidated Damages",
        ),
        (
            "Licensor hereby grants to Licensee a perpetual, irrevocable license to use the "
            "Software.",
            "Irrevocable Or Perpetual License",
        ),
        (
            "Licensor shall deposit the source code of the Software with the escrow agent.",
            "Source Code Escrow",
        ),
    ],
)
def test_a_clause_that_meets_a_category_description_is_flagged(clause: str, category: str) -> None:
    assert category in kinds(clause, "cuad41")


def test_employees_named_in_a_clause_about_something_else_are_no_solicit() -> None:
    clause = (
        "Employees, agents and contractors of one party shall not be considered employees of the "
        "other party for any purpose."
    )
    assert "No-Solicit Of Employees" not in kinds(clause, "cuad41")


def test_the_title_line_is_the_document_name_though_headings_are_never_evidence() -> None:
    text = "DISTRIBUTION AGREEMENT\n\nSupplier shall ship the Products within ten days."
    flags = {
        flag["kind"]: flag["evidence"] for flag in legal.extract(text, "cuad41")["clause_flags"]
    }
    assert flags["Document Name"] == "DISTRIBUTION AGREEMENT"


def test_the_rules_score_covers_all_41_categories_when_asked() -> None:
    score = score_rules(CUAD_LAYOUT, "all", "cuad41")
    assert len(score.counts) == 41
    # Both fixture contracts are labelled with their title; both titles are found and quoted.
    assert score.counts["Document Name"] == [2, 0, 0, 2, 2]


def test_the_rules_decide_exactly_the_legal_schemas_categories_in_its_order() -> None:
    from extractors.llm.rules.clause_rules import CATEGORIES
    from extractors.llm.rules.cuad_more_rules import MORE_CATEGORIES
    from schemas.outputs.legal import CLAUSE_SETS

    assert tuple(CATEGORIES) == CLAUSE_SETS["default"]
    assert tuple(CATEGORIES) + tuple(MORE_CATEGORIES) == CLAUSE_SETS["cuad41"]
