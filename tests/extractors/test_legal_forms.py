"""One list of company legal forms, read the same way by the contract parties' reader, the legal
redaction policy and the contract summaries' scorer."""

from __future__ import annotations

import re

import pytest

from extractors.legal_forms import EVERY_FORM, LEGAL_FORMS, NAME_ENDING_FORM, WORD_FORMS
from extractors.llm.rules.contract_parties import name_before, parties
from extractors.llm.rules.contract_text import clauses
from extractors.redact import POLICIES
from extractors.redact.operators import DocumentContext, apply
from extractors.redact.placeholders import PlaceholderMap
from flows.summary_eval import party_key


def kept_by_legal_policy(name: str, after: str) -> bool:
    context = DocumentContext(
        b"s" * 32, "doc", PlaceholderMap(), before="by and between ", after=after
    )
    return apply(POLICIES["legal"].rule("PERSON"), "PERSON", name, context)[0] == name


@pytest.mark.parametrize("form", EVERY_FORM)
def test_a_party_name_read_from_the_preamble_keeps_its_legal_form(form: str) -> None:
    written = form.upper() + "."
    assert name_before(f"This Agreement is made between Nordic Widgets {written}") == (
        f"Nordic Widgets {written}"
    )


@pytest.mark.parametrize("form", LEGAL_FORMS)
def test_a_name_the_ner_cut_before_its_legal_form_is_kept_as_a_company(form: str) -> None:
    assert kept_by_legal_policy("Nordic Widgets", f", {form.upper()}. (the Supplier)")


@pytest.mark.parametrize("word", WORD_FORMS)
def test_a_legal_form_that_is_also_a_word_does_not_make_a_person_a_company(word: str) -> None:
    assert not kept_by_legal_policy("Jane Whitfield", f", {word} trustee of the fund")


@pytest.mark.parametrize("form", EVERY_FORM)
def test_the_summary_scorer_reads_a_party_with_or_without_its_legal_form_alike(form: str) -> None:
    assert party_key(f"Nordic Widgets, {form.upper()}.") == party_key("nordic widgets")


@pytest.mark.parametrize(
    ("preamble", "name"),
    [
        ("This Agreement is made by and between Mobimagic Co., Ltd. and", "Mobimagic Co., Ltd."),
        ("This Agreement is made between Delteq Pte Ltd and", "Delteq Pte Ltd"),
        ("This Agreement is made between Vodafone Group plc and", "Vodafone Group plc"),
        ("ENTERED INTO BY NO RESERVATIONS PTY. LTD., AND THE ENTITY", "NO RESERVATIONS PTY. LTD."),
    ],
)
def test_a_name_without_a_definition_ends_after_all_its_legal_forms(
    preamble: str, name: str
) -> None:
    assert [found for found, _ in parties(clauses(preamble), preamble)] == [name]


@pytest.mark.parametrize("text", ["Acme company", "Acme limited", "Acme Co-founder"])
def test_a_form_in_lower_case_or_inside_a_word_ends_no_name(text: str) -> None:
    assert re.search(rf"\bAcme {NAME_ENDING_FORM}(?!\w)", text) is None
