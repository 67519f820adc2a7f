"""The legal summary fills itself from the contract: parties with their roles, effective date,
term and governing law, each in the phrasings real NDAs use (tests/data/nda_summaries).

Each snippet is made up, in the phrasing of a failure class seen on the dev part of the NDA set.
"""

from __future__ import annotations

from typing import Any

from extractors.llm.rules import legal
from schemas.outputs.legal import LegalOutput


def summary(text: str) -> dict[str, Any]:
    output = legal.extract(text)
    LegalOutput.model_validate(output)
    return output


def test_a_party_is_the_name_before_its_definition_without_what_describes_it() -> None:
    text = (
        "NON-DISCLOSURE AGREEMENT\n"
        "In connection with a potential transaction (\u201cProposed Transaction\u201d) between "
        "Acme Widgets Company (\u201cInterested Party\u201d), and Globex, Inc., a Delaware "
        "corporation (\u201cCompany\u201d), the parties wish to protect their information.\n"
        "1. Definitions. Terms have their meaning."
    )
    output = summary(text)
    assert output["parties"] == ["Acme Widgets Company", "Globex, Inc."]
    assert output["party_roles"] == ["Interested Party", "Company"]


def test_numbered_parties_after_a_date_and_a_former_name() -> None:
    text = (
        'This Agreement, dated as of this 30th day of August, 2005 (this "Agreement"), by '
        'and among (i) Initech Corporation, a Delaware corporation ("Initech"), (ii) Hooli '
        "Holdings, Inc. (f/k/a Pied Piper Corp. I), a Delaware corporation and a wholly-owned "
        'subsidiary of Initech, ("Buyer"), and (iii) Vandelay Industries, Inc., an Illinois '
        'corporation (the "Company").\nWHEREAS, the Buyer wishes to buy.'
    )
    assert summary(text)["parties"] == [
        "Initech Corporation",
        "Hooli Holdings, Inc.",
        "Vandelay Industries, Inc.",
    ]


def test_template_blanks_and_role_words_are_not_parties() -> None:
    text = (
        "This Agreement is made between ____________________ (\u201cRecipient\u201d) and [INSERT "
        "LEGAL NAME OF SUPPLIER] (\u201cSupplier\u201d) and the undersigned Potential Acquiree, a "
        "Delaware corporation (the \u201cCompany\u201d).\n1. Purpose."
    )
    assert summary(text)["parties"] == []


def test_a_letter_agreement_names_its_parties_as_we_and_the_company() -> None:
    text = (
        "August 7, 1997\nPERSONAL and CONFIDENTIAL\n"
        'Initech Corporation ("we", "our" or "us") has requested information regarding Hooli '
        'Industries, Inc. (the "Company", "your" or "you") in connection with a possible '
        "acquisition. In consideration of the materials, we agree as follows."
    )
    output = summary(text)
    assert output["parties"] == ["Initech Corporation", "Hooli Industries, Inc."]
    assert output["effective_date"] == "August 7, 1997"


def test_a_form_names_a_party_on_a_labelled_line() -> None:
    text = (
        "MUTUAL NON-DISCLOSURE AGREEMENT\nEffective Date: January 30, 2002\n"
        "Company: Silver Birch Software\nAddress: 2 Main Street\n"
        'In order to protect information, Novus, Inc. ("Novus") and the "Company" identified '
        "above agree to the following terms.\n1. Confidential Information."
    )
    output = summary(text)
    assert output["parties"] == ["Novus, Inc.", "Silver Birch Software"]
    assert output["effective_date"] == "January 30, 2002"


def test_a_date_defined_as_the_effective_date() -> None:
    text = "PARTIES: Maple University\nDATE: March 12,2019 (\u2018Effective Date\u2019)\n1. Terms."
    assert summary(text)["effective_date"] == "March 12,2019"


def test_the_term_is_the_duration_with_what_it_runs_from() -> None:
    text = (
        "1. Definitions. Terms have their meaning.\n"
        "8. Except as otherwise provided herein, the obligations of this Agreement shall "
        "terminate on the second anniversary of the Effective Date."
    )
    assert summary(text)["term"] == "second anniversary of the Effective Date"


def test_a_duration_cut_by_a_line_break_before_its_number_is_one_term() -> None:
    text = (
        "11. Term. The commitments of either party shall continue for a period of eighteen\n"
        "(18) months following the date of this Agreement."
    )
    assert summary(text)["term"] == "eighteen (18) months following the date of this Agreement"


def test_notice_periods_and_non_solicitation_periods_are_not_the_term() -> None:
    text = (
        "1. Either party may terminate this Agreement upon thirty (30) days written notice.\n"
        "2. For a period of two years following the date hereof, you will not solicit for "
        "employment any officer of the Company."
    )
    assert summary(text)["term"] is None


def test_confidentiality_period_is_the_term_when_the_agreement_states_none() -> None:
    text = (
        "2. Obligation of Confidentiality. For a period of three (3) years from the date of "
        "disclosure, Recipient agrees to protect the Confidential Information."
    )
    assert summary(text)["term"] == "three (3) years from the date of disclosure"


def test_a_sentence_that_opens_with_a_redaction_placeholder_is_a_clause_of_its_own() -> None:
    # A dev NDA (nda-2e556fce2e) as the legal policy redacted it: the lettered parties became
    # placeholders, and the confidentiality period must not be read as part of the clause
    # before it, which speaks of employment (never a term).
    text = (
        "2. Non-Disclosure.\n"
        "b. The parties acknowledge that in the course of employment with the Company they "
        "have had access to the Proprietary Property.\n"
        "<PERSON_8>, <PERSON_4> and Shareholder covenant and agree that each shall not for a "
        "period of one (1) year, communicate or divulge to any other person any information "
        "relating to the Proprietary Property."
    )
    assert summary(text)["term"] == "one (1) year"


def test_governing_law_phrasings_of_real_ndas() -> None:
    assert (
        summary(
            "21. This Agreement shall be governed by and interpreted in accordance with the laws "
            "in force in the Province of Alberta."
        )["governing_law"]
        == "Province of Alberta"
    )
    assert (
        summary(
            "g. Governing Law. This Agreement shall be governed by the Laws of the State of "
            "Delaware exclusive of the conflicts of laws provisions."
        )["governing_law"]
        == "State of Delaware"
    )
    assert (
        summary(
            "6.9 GOVERNING LAW. THIS AGREEMENT SHALL BE GOVERNED BY AND CONSTRUED IN ACCORDANCE "
            "WITH THE LAWS OF THE STATE OF DELAWARE APPLICABLE TO CONTRACTS MADE THEREIN."
        )["governing_law"]
        == "STATE OF DELAWARE"
    )


def test_a_state_of_incorporation_is_not_the_governing_law() -> None:
    text = (
        "This Agreement is made by Hooli Storage, Inc. a corporation organized under the laws "
        'of Delaware (the "Company").'
    )
    assert summary(text)["governing_law"] is None


def test_six_parties_fit_the_schema() -> None:
    names = ", ".join(f'Party{n} Holdings, Inc. ("P{n}")' for n in range(6))
    output = summary(f"This Agreement is made by and among {names}.\n1. Terms.")
    assert len(output["parties"]) == 6


def test_a_company_named_with_its_legal_form_needs_no_definition() -> None:
    text = (
        "THIS MUTUAL NON-DISCLOSURE AGREEMENT IS MADE AND ENTERED INTO BY BLUE HERON PTY. LTD., "
        "AND THE ENTITY THAT IS IDENTIFIED BELOW.\n1. CONFIDENTIAL INFORMATION"
    )
    assert summary(text)["parties"] == ["BLUE HERON PTY. LTD."]
