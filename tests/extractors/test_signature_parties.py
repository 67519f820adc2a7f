"""A contract has two parties at least: where its opening words name fewer, the parties are read
from the signature block, never its fields, role words or addresses (real texts where possible)."""

from __future__ import annotations

from pathlib import Path

from extractors.llm.rules.contract_parties import parties
from extractors.llm.rules.contract_text import clauses
from extractors.llm.rules.signature_parties import signature_block, signature_names

NDAS = Path(__file__).parents[1] / "data" / "nda_summaries" / "documents"


def party_names(text: str) -> list[str]:
    return [name for name, _ in parties(clauses(text), text)]


def test_a_form_naming_its_parties_only_where_they_sign_gets_both() -> None:
    # A real dev NDA: "between the Adobe entity identified below ... and the party identified
    # below"; the names stand side by side under "IN WITNESS WHEREOF".
    text = (NDAS / "nda-31305913d4.txt").read_text()
    assert party_names(text) == ["Adobe Inc.", "Acme Corporation Inc."]


def test_the_company_above_a_signature_line_is_a_party() -> None:
    text = (
        "MUTUAL NONDISCLOSURE AGREEMENT\n"
        "This Agreement is entered into by the undersigned parties.\n"
        "1. Confidential Information. Each party shall keep it secret.\n"
        "IN WITNESS WHEREOF, the parties have executed this Agreement.\n"
        "NORTHWIND TRADERS\n"
        "By: ______________\n"
        "Name: <PERSON_1>\n"
        "Title: Chief Executive Officer\n"
        "RECIPIENT: Contoso Analytics\n"
        "By: ______________\n"
    )
    assert party_names(text) == ["NORTHWIND TRADERS", "Contoso Analytics"]


def test_a_role_word_above_a_signature_line_is_not_a_party() -> None:
    # A real dev NDA: the preamble names CiF Lab Solutions LP; "Dealer" labels the blank column.
    text = (NDAS / "nda-0e9fff420a.txt").read_text()
    assert party_names(text) == ["CiF Lab Solutions LP"]


def test_the_fields_of_a_signature_block_are_not_names() -> None:
    block = (
        "IN WITNESS WHEREOF, the parties have signed.\n"
        "Authorized Signature\nBy: ________\nPrint Name\nBy: ________\n"
        "100 Main Street, Springfield\nBy: ________\n"
    )
    assert [n for n in signature_names(block) if "Signature" in n or "Print" in n] == []
    assert party_names("This Agreement is made by Initech LLC.\n" + block) == ["Initech LLC."]


def test_the_block_ends_where_an_exhibit_begins() -> None:
    text = (
        "IN WITNESS WHEREOF, the parties have signed.\nGlobex Corporation\nBy: ____\n"
        "EXHIBIT A\nList of suppliers: Umbrella Holdings Ltd.\n"
    )
    assert "Umbrella" not in signature_block(text)
    assert signature_names(text) == ["Globex Corporation", "Globex Corporation"]


def test_the_signature_block_is_not_read_when_the_opening_names_two_parties() -> None:
    text = (
        'This Agreement is made between Initech LLC ("Initech") and Globex Corporation '
        '("Globex").\n1. Term. One year.\nIN WITNESS WHEREOF, signed.\n'
        "Initrode Holdings Inc.\nBy: ____\n"
    )
    assert party_names(text) == ["Initech LLC", "Globex Corporation"]


def test_a_company_signing_in_capitals_is_the_party_the_opening_named() -> None:
    text = (
        'This Agreement is made by Novell, Inc. ("Novell") for the other party below.\n'
        "IN WITNESS WHEREOF, signed.\nNOVELL, INC.\nBy: ____\nWidgetworks Limited\nBy: ____\n"
    )
    assert party_names(text) == ["Novell, Inc.", "Widgetworks Limited"]


def test_a_form_addressed_to_its_issuer_names_it_as_a_party() -> None:
    # A real dev NDA: a registration form "TO: The City of Winnipeg", the counterparty a blank.
    text = (NDAS / "nda-18f78c1dc1.txt").read_text()
    assert party_names(text) == ["City of Winnipeg"]
