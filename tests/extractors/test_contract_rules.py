"""The legal rules decide clause flags from the clause, not the keyword, and fill the summary.

Each test is one failure class measured on real contracts (CUAD, Kleister-NDA), written as a
short made-up snippet in the same phrasing.
"""

from __future__ import annotations

from typing import Any

import pytest

from extractors.checks import locate
from extractors.llm.rules import legal
from extractors.llm.rules.contract_text import clauses


def flags(text: str) -> dict[str, str]:
    return {flag["kind"]: flag["evidence"] for flag in legal.extract(text)["clause_flags"]}


def summary(text: str) -> dict[str, Any]:
    return legal.extract(text)


@pytest.mark.parametrize(
    ("sentence", "state"),
    [
        (
            "This Agreement shall be governed by, and construed in accordance with, the laws of "
            "the State of New York.",
            "State of New York",
        ),
        (
            "This Agreement shall be governed and construed according to the laws of Ontario.",
            "Ontario",
        ),
        ("This Agreement is governed by the internal laws of Illinois.", "Illinois"),
        (
            "This Agreement shall be construed and enforced in accordance with the laws of the "
            "State of California, without regard to its conflict of law principles.",
            "State of California",
        ),
    ],
)
def test_governing_law_is_found_in_its_phrasing_variants(sentence: str, state: str) -> None:
    output = summary("1. Definitions. Terms have their meaning.\n\n" + sentence)
    assert "Governing Law" in flags(sentence)
    assert output["governing_law"] == state


def test_a_line_break_and_a_page_number_inside_the_clause_do_not_hide_it() -> None:
    text = (
        "12.3 Governing Law. This Agreement shall be governed by the laws\n\n7\n\n"
        "of the State of Delaware, without regard to conflicts of law.\n"
    )
    output = summary(text)
    assert output["governing_law"] == "State of Delaware"
    evidence = flags(text)["Governing Law"]
    assert locate(evidence, text) is not None


def test_hyphenation_at_a_line_end_is_undone_before_patterns_run() -> None:
    text = "This Agreement shall be gov-\nerned by the laws of the State of Texas."
    assert summary(text)["governing_law"] == "State of Texas"


def test_construed_exclusively_under_a_law_is_governing_law_not_exclusivity() -> None:
    text = "This Agreement shall be construed exclusively in accordance with the laws of Utah."
    found = flags(text)
    assert "Governing Law" in found and "Exclusivity" not in found
    assert summary(text)["governing_law"] == "Utah"


@pytest.mark.parametrize(
    "sentence",
    [
        "The courts of New York shall have exclusive jurisdiction over any dispute.",
        "All Confidential Information remains the sole and exclusive property of the Discloser.",
        "Provider shall maintain availability of 99.5%, exclusive of scheduled outages.",
        "Licensor grants Licensee a non-exclusive license to use the Software.",
    ],
)
def test_exclusive_in_other_senses_is_not_exclusivity(sentence: str) -> None:
    assert "Exclusivity" not in flags(sentence)


def test_an_exclusive_dealing_commitment_is_exclusivity() -> None:
    text = "Company appoints Distributor as its exclusive distributor of the Products in Canada."
    assert "Exclusivity" in flags(text)


@pytest.mark.parametrize(
    "sentence",
    [
        "Neither Party may transfer or assign this Agreement without the prior written consent "
        "of the other Party.",
        "This Agreement may not be assigned by Customer without Supplier's written consent.",
        "Any attempted assignment in violation of this Section shall be null and void.",
    ],
)
def test_anti_assignment_is_found_in_its_phrasing_variants(sentence: str) -> None:
    assert "Anti-Assignment" in flags(sentence)


def test_a_carve_out_from_a_cap_is_uncapped_liability_and_a_cap() -> None:
    text = (
        "EXCEPT FOR CLAIMS UNDER SECTION 9 (INDEMNIFICATION), IN NO EVENT SHALL EITHER PARTY'S "
        "AGGREGATE LIABILITY UNDER THIS AGREEMENT EXCEED THE FEES PAID IN THE PRIOR TWELVE "
        "MONTHS."
    )
    found = flags(text)
    assert {"Uncapped Liability", "Cap On Liability"} <= found.keys()


def test_a_cap_without_carve_outs_is_not_uncapped_liability() -> None:
    text = "Each party's total liability shall not exceed the amounts paid under this Agreement."
    found = flags(text)
    assert "Cap On Liability" in found and "Uncapped Liability" not in found


@pytest.mark.parametrize(
    "text",
    [
        "ARTICLE 12\nASSIGNMENT AND CHANGE OF CONTROL\n",
        "TABLE OF CONTENTS\n12. Assignment and Change of Control ........ 23\n"
        "13. Governing Law ........ 24\n",
    ],
)
def test_headings_and_contents_lines_are_not_clauses(text: str) -> None:
    assert flags(text) == {}
    assert all(unit.is_heading for unit in clauses(text))


def test_evidence_is_the_clause_not_its_heading() -> None:
    text = (
        "15. ASSIGNMENT\n\nNeither party may assign this Agreement without the other party's "
        "prior written consent."
    )
    assert flags(text)["Anti-Assignment"].startswith("Neither party may assign")


def test_termination_on_notice_without_cause_is_for_convenience() -> None:
    text = "Either party may terminate this Agreement for any reason upon ninety (90) days notice."
    assert "Termination For Convenience" in flags(text)


def test_termination_for_breach_is_not_for_convenience() -> None:
    text = (
        "Either party may terminate this Agreement upon thirty (30) days notice if the other "
        "party materially breaches this Agreement and fails to cure the breach."
    )
    assert "Termination For Convenience" not in flags(text)


def test_parties_are_legal_names_with_their_roles_and_the_effective_date() -> None:
    text = (
        'This License Agreement is entered into as of March 3, 2021 (the "Effective Date") by '
        'and between Acme Holdings, Inc., a Delaware corporation ("Licensor"), and Globex '
        'Corporation, a Nevada corporation ("Licensee").'
    )
    output = summary(text)
    assert output["parties"] == ["Acme Holdings, Inc.", "Globex Corporation"]
    assert output["party_roles"] == ["Licensor", "Licensee"]
    assert output["effective_date"] == "March 3, 2021"
    fields = {item["field"] for item in output["summary_evidence"]}
    assert {"parties", "effective_date"} <= fields


def test_role_words_are_not_party_names() -> None:
    text = "This Employment Agreement is made between the Company and the Employee."
    assert summary(text)["parties"] == []


def test_a_term_stated_as_survival_is_the_term() -> None:
    text = "The obligations of this Agreement shall survive for a period of three (3) years."
    assert "three (3) years" in summary(text)["term"]


def test_venue_is_read_from_the_jurisdiction_clause() -> None:
    text = (
        "Each party submits to the exclusive jurisdiction of the state and federal courts "
        "located in Wilmington, Delaware."
    )
    assert summary(text)["venue"] == "Wilmington, Delaware"


def test_renewal_is_read_from_the_renewal_clause() -> None:
    text = "This Agreement shall automatically renew for successive one-year terms."
    assert summary(text)["renewal"] == text
