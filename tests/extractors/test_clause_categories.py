"""Uncapped Liability, Exclusivity and clause boundaries read as CUAD's category definitions say.

Each case is a failure class seen on the CUAD dev split, written as a short made-up clause in the
same phrasing (the held-out split is never read for rules).
"""

from __future__ import annotations

import pytest

from extractors.llm.rules import legal
from extractors.llm.rules.contract_text import clauses


def flags(text: str) -> dict[str, str]:
    return {flag["kind"]: flag["evidence"] for flag in legal.extract(text)["clause_flags"]}


@pytest.mark.parametrize(
    "clause",
    [
        "NOTHING IN THIS SECTION 11.4 IS INTENDED TO OR SHALL LIMIT OR RESTRICT THE "
        "INDEMNIFICATION OBLIGATIONS OF ANY PARTY UNDER SECTION 11.1, OR DAMAGES AVAILABLE FOR A "
        "PARTY'S BREACH OF CONFIDENTIALITY OBLIGATIONS.",
        "NOTWITHSTANDING THE FOREGOING, THESE LIMITATIONS SHALL NOT APPLY TO DAMAGES ARISING FROM "
        "A PARTY'S INDEMNIFICATION OBLIGATIONS UNDER SECTION 11.1.",
        "EXCEPT WITH REGARD TO OBLIGATIONS TO INDEMNIFY A PARTY FOR CLAIMS MADE BY THIRD PARTIES, "
        "NEITHER PARTY SHALL BE LIABLE TO THE OTHER PARTY FOR ANY CONSEQUENTIAL DAMAGES.",
        "EXCEPTING ONLY CLAIMS MADE PURSUANT TO SECTION 12.1, IN NO EVENT WILL EITHER PARTY BE "
        "LIABLE FOR ANY INDIRECT OR CONSEQUENTIAL DAMAGES.",
        "Buyer expressly waives any and all limitations or liability caps on Buyer's liability "
        "to Seller.",
    ],
)
def test_a_limit_that_spares_a_breach_or_an_obligation_is_uncapped_liability(clause: str) -> None:
    assert "Uncapped Liability" in flags(clause)


@pytest.mark.parametrize(
    "clause",
    [
        # Liability the law keeps uncapped anyway is not what CUAD's experts mark.
        "Nothing in this Agreement shall exclude either party's liability for death or personal "
        "injury caused by its negligence.",
        # Force majeure says "not liable" about something else.
        "Neither Party shall be liable for any delay caused by events beyond its reasonable "
        "control, other than as set forth in Section 4.",
        # An exception to confidentiality, not to a limit on liability.
        "The obligations of confidentiality in this Section 5 will not apply to information that "
        "is publicly available.",
        "A limited liability or unlimited liability company may be a Party.",
    ],
)
def test_clauses_that_merely_mention_limits_are_not_uncapped_liability(clause: str) -> None:
    assert "Uncapped Liability" not in flags(clause)


def test_an_exclusion_of_consequential_damages_is_a_cap_on_liability() -> None:
    clause = (
        "NEITHER PARTY SHALL BE LIABLE TO THE OTHER FOR ANY SPECIAL, CONSEQUENTIAL, INCIDENTAL OR "
        "INDIRECT DAMAGES ARISING FROM ANY BREACH OF THIS AGREEMENT."
    )
    assert "Cap On Liability" in flags(clause)


@pytest.mark.parametrize(
    "clause",
    [
        "Xencor hereby grants to Aimmune an exclusive, worldwide, royalty-bearing license under "
        "the Xencor Patents.",
        "Antares shall manufacture the Products exclusively for AMAG for the Territory.",
        "AMAG shall purchase its entire requirements of Product from Antares.",
        "Company agrees that no other Distributor will be appointed in the State of Texas.",
        "Distributor's right to market and sell the Products in the Territory shall be exclusive.",
        "Reseller shall not obtain the Software for sale from any Entity other than TouchStar.",
    ],
)
def test_an_exclusive_dealing_commitment_in_its_variants_is_exclusivity(clause: str) -> None:
    assert "Exclusivity" in flags(clause)


@pytest.mark.parametrize(
    "clause",
    [
        "All fees are exclusive of any sales taxes, use taxes and other taxes.",
        "This Agreement shall be for the sole and exclusive benefit of Agent and Client.",
        "The Enforcing Party shall have the sole and exclusive right to settle any IP Action.",
        "Customer shall remain the sole and exclusive owner of all Customer Data.",
        "Nothing herein shall be construed as creating an exclusive arrangement between the "
        "parties.",
        "Supplier hereby appoints Reseller as a non-exclusive reseller of the Products.",
        "Contractor will not offer or pay any bribes to any person in connection with the "
        "services.",
        "Payments are made in a qualified manner once all requirements are met.",
    ],
)
def test_exclusive_in_the_sense_of_a_sum_owner_or_control_is_not_exclusivity(clause: str) -> None:
    assert "Exclusivity" not in flags(clause)


def test_a_cross_reference_number_does_not_split_a_clause() -> None:
    text = "NOTHING IN THIS SECTION\n14.5 IS INTENDED TO LIMIT THE INDEMNIFICATION OBLIGATIONS."
    assert len(clauses(text)) == 1


def test_a_semicolon_inside_a_parenthesis_does_not_split_a_clause() -> None:
    text = (
        "EXCEPT IN THE EVENT OF A VIOLATION OF SECTION 3 (OWNERSHIP; GRANT OF RIGHTS: TRADEMARKS "
        "USAGE), IN NO EVENT SHALL EITHER PARTY'S TOTAL LIABILITY EXCEED THE FEES."
    )
    assert len(clauses(text)) == 1
    assert "Uncapped Liability" in flags(text)


def test_a_contents_page_run_together_is_not_evidence() -> None:
    text = (
        "Services Furnished by Vendor 29 3.25 Exclusive Market 29 3.26 Notice of Certain Events "
        "30 3.27 Notices 30 3.28 Offshore Work Prohibited 32"
    )
    assert all(unit.is_heading for unit in clauses(text))
    assert flags(text) == {}


def test_change_of_control_evidence_is_the_effect_not_the_definition() -> None:
    text = (
        '(c) "Change of Control" means a merger of a Party with another entity.\n\n'
        "In the event of a Change of Control of the Licensee, the Agreement may be terminated by "
        "Licensor upon written notice."
    )
    assert flags(text)["Change Of Control"].startswith("In the event of a Change of Control")
