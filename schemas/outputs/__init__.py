"""The domain output schemas, by domain, with their id, version and content hash."""

from __future__ import annotations

import json
from functools import cache

from pydantic import BaseModel, ConfigDict

from schemas.canonical import sha256_of
from schemas.document import Domain
from schemas.outputs import clinical, finance, legal
from schemas.outputs.clinical import ClinicalOutput
from schemas.outputs.finance import FinanceOutput
from schemas.outputs.legal import LegalOutput

DomainOutput = ClinicalOutput | FinanceOutput | LegalOutput

OUTPUT_MODELS: dict[Domain, type[BaseModel]] = {
    "clinical": ClinicalOutput,
    "finance": FinanceOutput,
    "legal": LegalOutput,
}

_IDS: dict[Domain, tuple[str, str]] = {
    "clinical": (clinical.SCHEMA_ID, clinical.SCHEMA_VERSION),
    "finance": (finance.SCHEMA_ID, finance.SCHEMA_VERSION),
    "legal": (legal.SCHEMA_ID, legal.SCHEMA_VERSION),
}


_FLAG_PROPERTIES = frozenset({"kind", "severity", "evidence"})


class SchemaRef(BaseModel):
    """Which output schema a decision was made under; the hash covers the JSON Schema itself."""

    model_config = ConfigDict(frozen=True)

    domain: Domain
    schema_id: str
    version: str
    sha256: str


@cache
def _json_schema_text(domain: Domain) -> str:
    return json.dumps(OUTPUT_MODELS[domain].model_json_schema())


def json_schema(domain: Domain) -> dict[str, object]:
    """A fresh copy each call (callers may mutate it); pydantic builds it once (~10 ms)."""
    schema: dict[str, object] = json.loads(_json_schema_text(domain))
    return schema


@cache
def schema_ref(domain: Domain) -> SchemaRef:
    schema_id, version = _IDS[domain]
    return SchemaRef(
        domain=domain, schema_id=schema_id, version=version, sha256=sha256_of(json_schema(domain))
    )


def list_limits(domain: Domain) -> dict[str, int]:
    """Each top-level list field's maximum length, as the domain's schema declares it."""
    properties = json_schema(domain)["properties"]
    assert isinstance(properties, dict)
    return {
        name: spec["maxItems"]
        for name, spec in properties.items()
        if spec.get("type") == "array" and "maxItems" in spec
    }


def flag_kinds(domain: Domain) -> tuple[str, ...]:
    """The flag names a domain's schema allows, in schema order.

    A flag is the one item type with a kind, a severity and an evidence quote, whatever the
    domain names its class.
    """
    schema = json_schema(domain)
    defs = schema["$defs"]
    assert isinstance(defs, dict)
    flag_def = next(v for v in defs.values() if _FLAG_PROPERTIES.issubset(v.get("properties", {})))
    return tuple(flag_def["properties"]["kind"]["enum"])


__all__ = [
    "OUTPUT_MODELS",
    "ClinicalOutput",
    "DomainOutput",
    "FinanceOutput",
    "LegalOutput",
    "SchemaRef",
    "flag_kinds",
    "json_schema",
    "list_limits",
    "schema_ref",
]
