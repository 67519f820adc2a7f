"""Redaction policies per domain: operators, consistency, and what the trail records."""

from __future__ import annotations

import re

import pytest

from extractors.redact import CLINICAL_POLICY, DEFAULT_POLICY, POLICIES, Redactor
from extractors.redact.operators import RESTRICTED_ZIP3
from schemas.redaction_policy import RedactionPolicy, Rule

SECRET = b"s" * 32
NOTE = (
    "Patient: Marguerite Okonkwo  MRN: {mrn}\n"
    "Admitted December 12, 2025; discharged 12/16/2025.\n"
    "Ms. Okonkwo was seen again by Dr. Cornelius Abernathy; Okonkwo is stable.\n"
)


@pytest.fixture(scope="module")
def keyed() -> Redactor:
    return Redactor(secret=SECRET)


def _dates(text: str) -> list[str]:
    return re.findall(r"[A-Z][a-z]+ \d{1,2}, \d{4}|\d{2}/\d{2}/\d{4}", text)


def test_the_same_original_gets_the_same_placeholder_across_the_document(
    keyed: Redactor,
) -> None:
    redacted = keyed.redact("doc", NOTE.format(mrn="MRN-00482913"), "clinical")
    persons = [s.placeholder for s in redacted.spans if s.entity_type == "PERSON"]
    assert persons.count("<PERSON_1>") == 3
    assert "Okonkwo" not in redacted.text


def test_clinical_dates_move_by_the_same_days_for_the_same_patient(keyed: Redactor) -> None:
    first = keyed.redact("a", NOTE.format(mrn="MRN-00482913"), "clinical")
    second = keyed.redact("b", NOTE.format(mrn="00482913"), "clinical")
    assert _dates(first.text) == _dates(second.text)
    assert "December 12, 2025" not in first.text


def test_another_patient_gets_another_shift(keyed: Redactor) -> None:
    first = keyed.redact("a", NOTE.format(mrn="MRN-00482913"), "clinical")
    other = keyed.redact("a", NOTE.format(mrn="MRN-00777777"), "clinical")
    assert _dates(first.text) != _dates(other.text)


def test_a_shift_keeps_the_time_between_dates(keyed: Redactor) -> None:
    from datetime import datetime

    redacted = keyed.redact("a", NOTE.format(mrn="MRN-00482913"), "clinical")
    admitted, discharged = _dates(redacted.text)
    days = datetime.strptime(discharged, "%m/%d/%Y") - datetime.strptime(admitted, "%B %d, %Y")
    assert days.days == 4


def test_another_site_secret_shifts_differently() -> None:
    text = NOTE.format(mrn="MRN-00482913")
    one = Redactor(secret=b"a" * 32).redact("a", text, "clinical")
    two = Redactor(secret=b"b" * 32).redact("a", text, "clinical")
    assert _dates(one.text) != _dates(two.text)


def test_legal_keeps_the_dates_a_contract_needs(keyed: Redactor) -> None:
    redacted = keyed.redact("c", "This Agreement is dated March 3, 2021.", "legal")
    assert redacted.text == "This Agreement is dated March 3, 2021."


def test_legal_keeps_companies_and_states_but_not_people(keyed: Redactor) -> None:
    text = (
        "This Agreement is made between Acme Holdings, Inc. and Globex Corporation, and is "
        "governed by the laws of the State of Delaware. Signed by John Smith, phone "
        "(312) 555-0199, john.smith@example.com."
    )
    redacted = keyed.redact("c", text, "legal").text
    for kept in ("Acme Holdings, Inc.", "Globex Corporation", "State of Delaware"):
        assert kept in redacted
    for personal in ("John Smith", "555-0199", "john.smith@example.com"):
        assert personal not in redacted


def test_finance_masks_account_numbers_but_the_last_four(keyed: Redactor) -> None:
    redacted = keyed.redact("f", "Account Number: 4471-0098-2213", "finance")
    assert redacted.text == "Account Number: ****-****-2213"


@pytest.mark.parametrize(("age", "shown"), [("93", "90+"), ("90", "90+"), ("89", "89")])
def test_ages_over_89_become_90_plus(keyed: Redactor, age: str, shown: str) -> None:
    redacted = keyed.redact("a", f"She is a {age}-year-old woman.", "clinical")
    assert redacted.text == f"She is a {shown}-year-old woman."


@pytest.mark.parametrize(
    "phrase", ["a 92-year-old man", "age 93", "aged 95", "a 93 y/o man", "Age: 91"]
)
def test_every_way_of_writing_an_age_is_capped(keyed: Redactor, phrase: str) -> None:
    redacted = keyed.redact("a", f"Seen today: {phrase}.", "clinical")
    assert "90+" in redacted.text
    assert re.search(r"9[1-5]", redacted.text) is None


def test_a_zip_code_keeps_its_first_three_digits(keyed: Redactor) -> None:
    redacted = keyed.redact("z", "Mail to Burlington, MA 01803-2712 today.", "clinical")
    assert "01803" not in redacted.text
    assert "018**" in redacted.text


@pytest.mark.parametrize("prefix", sorted(RESTRICTED_ZIP3))
def test_a_restricted_zip_prefix_becomes_000(keyed: Redactor, prefix: str) -> None:
    redacted = keyed.redact("z", f"ZIP: {prefix}42", "clinical")
    assert redacted.text == "ZIP: 000**"


def test_a_bare_five_digit_number_is_not_a_zip_code(keyed: Redactor) -> None:
    assert keyed.redact("z", "Invoice total 12345 dollars.", "clinical").text == (
        "Invoice total 12345 dollars."
    )


def test_an_unreadable_date_falls_back_to_a_placeholder(keyed: Redactor) -> None:
    policy = RedactionPolicy(
        policy_id="t.year", version="1.0.0", rules={"DATE_TIME": Rule(operator="date_year")}
    )
    redactor = Redactor(policy, secret=SECRET)
    redacted = redactor.redact("d", "Seen on March 3 for review.")
    assert redacted.text == "Seen on <DATE_TIME_1> for review."
    assert redacted.spans[0].operator == "replace"


def test_an_entity_type_without_a_rule_gets_the_default_placeholder(keyed: Redactor) -> None:
    redacted = keyed.redact("e", "SSN: 512-48-7303", "finance")
    assert redacted.text == "SSN: <US_SSN_1>"
    assert "US_SSN" not in POLICIES["finance"].rules


def test_hashed_identifiers_are_the_same_across_documents_and_not_the_value() -> None:
    policy = RedactionPolicy(
        policy_id="t.hash", version="1.0.0", rules={"ACCOUNT_NUMBER": Rule(operator="hash")}
    )
    redactor = Redactor(policy, secret=SECRET)
    one = redactor.redact("a", "Account Number: 4471-0098-2213").text
    two = redactor.redact("b", "Statement for Account No. 447100982213").text
    token = re.search(r"<ACCOUNT_NUMBER#[0-9a-f]{8}>", one)
    assert token is not None and token.group(0) in two
    assert "2213" not in one


def test_the_document_names_the_policy_applied(keyed: Redactor) -> None:
    redacted = keyed.redact("a", "Nothing to see.", "legal")
    assert (redacted.policy.policy_id, redacted.policy.version) == ("attest.legal", "2.2.1")
    assert redacted.policy.sha256 == POLICIES["legal"].sha256


def test_without_a_domain_the_default_policy_applies(keyed: Redactor) -> None:
    redacted = keyed.redact("a", "Admitted December 12, 2025.")
    assert redacted.policy == DEFAULT_POLICY.ref()
    assert redacted.text == "Admitted <DATE_TIME_1>."


def test_the_config_records_every_policy_with_version_and_hash(keyed: Redactor) -> None:
    recorded = {(p.policy_id, p.version, p.sha256) for p in keyed.config.policies}
    expected = {(p.policy_id, p.version, p.sha256) for p in [DEFAULT_POLICY, *POLICIES.values()]}
    assert recorded == expected


def test_a_changed_rule_changes_the_policy_hash_and_the_config() -> None:
    changed = CLINICAL_POLICY.model_copy(
        update={"rules": {**CLINICAL_POLICY.rules, "AGE": Rule(operator="replace")}}
    )
    assert changed.sha256 != CLINICAL_POLICY.sha256
    one = Redactor(secret=SECRET).config
    two = Redactor(policies={**POLICIES, "clinical": changed}, secret=SECRET).config
    assert one.sha256 != two.sha256


def test_the_config_does_not_contain_the_secret(keyed: Redactor) -> None:
    dumped = keyed.config.model_dump_json()
    assert SECRET.decode() not in dumped
    assert keyed.config.secret_id


def test_a_version_must_be_semantic() -> None:
    with pytest.raises(ValueError, match="not MAJOR"):
        RedactionPolicy(policy_id="x", version="1")
