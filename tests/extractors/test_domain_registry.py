"""The domain registry: every domain in DOMAINS declares all its parts, in one module, and
every part agrees with the schema, the templates and the rules it names."""

from __future__ import annotations

import re
import typing

import pytest

from extractors.classify import detect_domain
from extractors.domains import DomainSpec, domain_spec, domain_specs, flag_field
from extractors.llm.prompting import PROMPTS, prompt_ref
from extractors.llm.rules import RulesBackend
from extractors.redact.policy import POLICIES
from extractors.render import TEMPLATES, template_ref
from schemas.document import DOMAINS, Domain
from schemas.outputs import OUTPUT_MODELS, flag_kinds, json_schema, schema_ref

_HEADER = re.compile(r"\{#-?\s*(\S+) version (\S+)\s*-?#\}")


def test_every_domain_is_registered_once_in_the_order_of_domains() -> None:
    assert tuple(spec.name for spec in domain_specs()) == DOMAINS
    assert typing.get_args(Domain) == DOMAINS
    assert all(isinstance(spec, DomainSpec) for spec in domain_specs())


def test_an_unknown_domain_is_refused_with_the_registered_ones_named() -> None:
    with pytest.raises(KeyError, match="clinical, finance, legal"):
        domain_spec("insurance")  # type: ignore[arg-type]


@pytest.mark.parametrize("domain", DOMAINS)
def test_the_output_schema_is_the_one_schemas_declares(domain: Domain) -> None:
    spec = domain_spec(domain)

    assert spec.output_model is OUTPUT_MODELS[domain]
    assert spec.schema_ref() == schema_ref(domain)
    assert spec.schema_ref().domain == domain


@pytest.mark.parametrize("domain", DOMAINS)
def test_the_flag_field_is_the_schemas_list_of_flags(domain: Domain) -> None:
    schema = json_schema(domain)
    properties = schema["properties"]
    assert isinstance(properties, dict)
    field = properties[flag_field(domain)]
    defs = schema["$defs"]
    assert isinstance(defs, dict)
    item = defs[field["items"]["$ref"].rsplit("/", 1)[-1]]

    assert field["type"] == "array"
    assert {"kind", "severity", "evidence"} <= set(item["properties"])
    assert tuple(item["properties"]["kind"]["enum"]) == flag_kinds(domain)


@pytest.mark.parametrize("domain", DOMAINS)
def test_the_detection_signals_are_valid_patterns(domain: Domain) -> None:
    signals = domain_spec(domain).signals

    assert signals
    assert all(re.compile(pattern).pattern for pattern in signals)


def test_detection_ties_go_to_the_order_of_domains() -> None:
    assert detect_domain("") == DOMAINS[0]
    assert detect_domain("The patient's loan agreement.") == DOMAINS[0]


@pytest.mark.parametrize(
    ("text", "domain"),
    [
        ("Patient seen in clinic. Chief complaint: cough. Medications: none.", "clinical"),
        ("Bank statement. Account balance $1,200 after deposit.", "finance"),
        ("This Agreement is governed by the laws of Delaware; the parties shall...", "legal"),
    ],
)
def test_a_document_is_detected_by_its_domains_signals(text: str, domain: Domain) -> None:
    assert detect_domain(text) == domain


@pytest.mark.parametrize("domain", DOMAINS)
def test_the_redaction_policy_is_the_domains_own(domain: Domain) -> None:
    policy = domain_spec(domain).redaction_policy

    assert policy.domain == domain
    assert policy.policy_id == f"attest.{domain}"
    assert POLICIES[domain] is policy


@pytest.mark.parametrize("domain", DOMAINS)
def test_the_prompt_template_exists_with_its_versioned_header(domain: Domain) -> None:
    source = (PROMPTS / domain_spec(domain).prompt_template).read_text(encoding="utf-8")
    header = _HEADER.match(source)

    assert header is not None
    assert header.group(1) == f"attest.prompt.{domain}"
    assert prompt_ref(domain).id == header.group(1)


@pytest.mark.parametrize("domain", DOMAINS)
def test_the_summary_template_exists_with_its_versioned_header(domain: Domain) -> None:
    source = (TEMPLATES / domain_spec(domain).summary_template).read_text(encoding="utf-8")
    header = _HEADER.match(source)

    assert header is not None
    assert header.group(1) == f"attest.summary.{domain}"
    assert template_ref(domain).startswith(f"{header.group(1)}@{header.group(2)}+sha256:")


@pytest.mark.parametrize("domain", DOMAINS)
def test_the_rules_extractor_fills_the_domains_schema(domain: Domain) -> None:
    spec = domain_spec(domain)
    output = spec.rules_extractor()("")

    validated = spec.output_model.model_validate(output)
    assert getattr(validated, spec.flag_field) == []


@pytest.mark.parametrize("domain", DOMAINS)
def test_the_rules_sources_are_the_domains_and_name_its_rule_set(domain: Domain) -> None:
    spec = domain_spec(domain)
    sources = spec.rules_sources()

    assert sources[0].__name__ == spec.rules_module
    assert all(module.__file__ for module in sources)
    assert RulesBackend().instructions(domain).id == f"attest.rules.{domain}"


@pytest.mark.parametrize("domain", DOMAINS)
def test_the_grounded_fields_are_fields_of_the_output(domain: Domain) -> None:
    spec = domain_spec(domain)
    fields = spec.output_model.model_fields

    assert set(spec.grounded_text_fields) <= set(fields)
    assert set(spec.grounded_amount_fields) <= set(fields)
    assert spec.flag_field not in spec.grounded_text_fields
