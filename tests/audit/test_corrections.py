"""Which changes an override makes, which need a second reviewer, and the form that makes them."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from audit.review.four_eyes import changed_fields, critical_changes
from audit.web.schema_form import form_fields, read_form
from schemas.document import DOMAINS, Domain
from schemas.outputs import OUTPUT_MODELS, json_schema

CLINICAL: dict[str, Any] = {
    "document_type": "discharge_summary",
    "chief_complaint": "chest pain",
    "diagnoses": ["NSTEMI"],
    "medications": ["aspirin"],
    "triage_level": 2,
    "red_flags": [
        {"kind": "Chest Pain", "severity": "high", "evidence": "substernal chest pain"},
        {"kind": "Critical Lab Value", "severity": "medium", "evidence": "Potassium 6.8"},
    ],
}


def _with(**changes: Any) -> dict[str, Any]:
    return {**CLINICAL, **changes}


def test_changed_fields_names_each_top_level_field_that_differs() -> None:
    after = _with(medications=["aspirin", "clopidogrel"], chief_complaint="pain")

    assert changed_fields(CLINICAL, after) == ["chief_complaint", "medications"]


def test_a_higher_esi_number_lowers_the_triage_level_and_is_critical() -> None:
    assert critical_changes(CLINICAL, _with(triage_level=4)) == [
        "lowers the triage level from 2 to 4"
    ]
    assert critical_changes(CLINICAL, _with(triage_level=1)) == []


@pytest.mark.parametrize(
    "flags",
    [
        [CLINICAL["red_flags"][1]],
        [{**CLINICAL["red_flags"][0], "severity": "medium"}, CLINICAL["red_flags"][1]],
    ],
    ids=["removed", "severity lowered"],
)
def test_a_high_severity_flag_no_longer_high_is_critical(flags: list[dict[str, str]]) -> None:
    assert critical_changes(CLINICAL, _with(red_flags=flags)) == [
        "removes the high-severity flag Chest Pain"
    ]


def test_removing_a_medium_flag_or_adding_one_is_not_critical() -> None:
    assert critical_changes(CLINICAL, _with(red_flags=[CLINICAL["red_flags"][0]])) == []
    extra = {"kind": "Sepsis Signs", "severity": "high", "evidence": "fever"}
    assert critical_changes(CLINICAL, _with(red_flags=[*CLINICAL["red_flags"], extra])) == []


def _form_items(fields: list[Any]) -> list[tuple[str, str]]:
    """What a browser submits for the rendered form, unchanged."""
    items: list[tuple[str, str]] = []
    for f in fields:
        if f.widget in ("list", "object"):
            items += _form_items(f.children)
        else:
            items.append((f.name, "" if f.value is None else str(f.value)))
    return items


def test_the_form_generated_from_the_schema_reads_back_the_value_it_shows() -> None:
    schema = json_schema("clinical")

    shown = OUTPUT_MODELS["clinical"].model_validate(CLINICAL).model_dump(mode="json")

    value = read_form(schema, _form_items(form_fields(schema, shown)))

    assert value == shown


@pytest.mark.parametrize("domain", DOMAINS)
def test_every_domain_gets_a_form_with_enums_as_selects_and_lists_as_rows(domain: Domain) -> None:
    schema = json_schema(domain)
    blank = read_form(schema, [])
    fields = {f.path: f for f in form_fields(schema, {})}

    assert any(f.widget == "select" and f.options for f in fields.values())
    lists = [f for f in fields.values() if f.widget == "list"]
    assert lists and all(f.blank is not None and f.max_items for f in lists)
    assert set(blank) == set(OUTPUT_MODELS[domain].model_fields)


def test_a_removed_row_and_an_integer_enum_read_back_typed() -> None:
    schema = json_schema("clinical")
    items = [
        (name, value)
        for name, value in _form_items(form_fields(schema, CLINICAL))
        if not name.startswith("f.red_flags.0.")  # the row the reviewer removed
    ]
    items = [(n, "5" if n == "f.triage_level" else v) for n, v in items]

    value = read_form(schema, items)

    assert value["triage_level"] == 5
    assert [f["kind"] for f in value["red_flags"]] == ["Critical Lab Value"]
    OUTPUT_MODELS["clinical"].model_validate(value)


def test_a_value_the_schema_forbids_still_fails_validation_after_reading() -> None:
    schema = json_schema("clinical")
    items = [("f.triage_level", "9"), ("f.document_type", "poem")]

    with pytest.raises(ValidationError):
        OUTPUT_MODELS["clinical"].model_validate(read_form(schema, items))
