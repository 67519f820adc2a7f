"""Change Of Control, Non-Compete and Termination For Convenience read as CUAD defines them, and
titles taken as headings.

Each case is a failure class seen on the CUAD dev split, written as a short made-up clause in the
same phrasing (the held-out split is never read for rules).
"""

from __future__ import annotations

import pytest

from extractors.llm.rules import legal
from extractors.llm.rules.contract_text import clauses


def flags(text: str) -> dict[str, str]:
    return {flag["kind"]: flag["evidence"] for flag in legal.extract(text)["clause_flags"]}


def test_a_numbered_title_in_title_case_is_a_heading_not_evidence() -> None:
    text = (
        "16.2 Termination for Change in Control of Green Cross.\n\n"
        "In the event of a Change in Control involving Green Cross, MacroGenics may terminate "
        "this Agreement by providing written notice to Green Cross."
    )
    units = clauses(text)
    assert units[0].is_heading
    assert not units[1].is_heading
    assert flags(text)["Change Of Control"].startswith("In the event of a Change in Control")


def test_change_of_control_evidence_is_the_termination_right_not_the_assignment_mention() -> None:
    text = (
        "12. ASSIGNMENT\n\n"
        "Either party may assign this Agreement to any successor in the event of a Change of "
        "Control of such party.\n\n"
        "14. TERM AND TERMINATION\n\n"
        "If DIALOG is acquired by a third party, DIALOG's acquirer will have the right to "
        "terminate this Agreement upon written notice to ENERGOUS."
    )
    assert flags(text)["Change Of Control"].startswith("If DIALOG is acquired by a third party")


@pytest.mark.parametrize(
    "clause",
    [
        "Notwithstanding the foregoing, no consent shall be required for an assignment of this "
        "Agreement made pursuant to a merger, consolidation, or the acquisition of all or "
        "substantially all of the business and assets of a party.",
        "A change of control of Rogers shall not be considered an assignment of this Agreement.",
    ],
)
def test_a_change_of_control_that_needs_no_consent_is_not_change_of_control(clause: str) -> None:
    assert "Change Of Control" not in flags(clause)


@pytest.mark.parametrize(
    "clause",
    [
        "During the term of this Agreement, neither OntoChem nor any of its Affiliates will "
        "discover, research, develop, manufacture or commercialize any compound directed to the "
        "Target.",
        "The Distributors will not develop, manufacture or sell any equipment or service, which "
        "in any way can be considered to be competitive to the equipment offered by Lucid.",
    ],
)
def test_a_restriction_on_working_in_a_business_is_non_compete(clause: str) -> None:
    assert "Non-Compete" in flags(clause)


@pytest.mark.parametrize(
    "clause",
    [
        "The Agent will be paid a fee not to exceed 5.5% of the aggregate Purchase Price, an "
        "amount competitive with the market.",
        "The Settlement Agreement does not contain a covenant-non-compete applicable to the "
        "Founder.",
    ],
)
def test_a_mention_of_competition_that_restricts_nobody_is_not_non_compete(clause: str) -> None:
    assert "Non-Compete" not in flags(clause)


@pytest.mark.parametrize(
    "clause",
    [
        "Either Party may terminate this agreement for non-cause with a sixty (60) day written "
        "notice.",
        "The term of this Agreement shall commence on the Effective Date and shall remain in "
        "effect until terminated by either Party upon thirty (30) days' prior written notice.",
        "Client has the unilateral right to cancel this agreement at any time within a 7-day "
        "notice period.",
    ],
)
def test_ending_the_contract_by_notice_alone_is_termination_for_convenience(clause: str) -> None:
    assert "Termination For Convenience" in flags(clause)


@pytest.mark.parametrize(
    "clause",
    [
        "The parties may terminate this Agreement at any time by mutual consent.",
        "MBRK may terminate this Agreement upon 60 days notice for a Change of Control of the "
        "Distributor.",
        "The Agent may terminate this Agreement by giving the notice indicated below at any time "
        "after this Agreement becomes effective as follows:",
    ],
)
def test_termination_by_agreement_or_on_an_event_is_not_for_convenience(clause: str) -> None:
    assert "Termination For Convenience" not in flags(clause)
