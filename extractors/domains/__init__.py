"""The domain registry: one module per domain declares everything the pipeline knows about it.

Each domain module here (`clinical.py`, `finance.py`, `legal.py`) defines `SPEC`, a
`DomainSpec` naming its output schema, flag field, detection signals, redaction policy,
grounded fields, prompt template, summary template and rules extractor. Nothing else in
`extractors` (or in `flows`) keeps a table by domain: detection (`extractors.classify`), the
checks, routing, rendering, the redaction policies, the prompts, chunk merging, grounding
and the rules backend all ask this registry.

    domain_spec(domain) -> DomainSpec       one domain's declaration (KeyError lists the known)
    domain_specs() -> tuple[DomainSpec,...] all of them, in `schemas.document.DOMAINS` order
    flag_field(domain) -> str               the output's list of flags, e.g. "red_flags"

Adding a domain (say `insurance`) is one new module here, plus what it declares:

1. `schemas/document.py`: the name in `Domain` and `DOMAINS` (the order breaks detection ties);
2. `schemas/outputs/insurance.py`: its output model with `SCHEMA_ID` and `SCHEMA_VERSION`,
   listed in `schemas/outputs/__init__.py` (schemas sit below extractors and cannot ask here);
3. `extractors/domains/insurance.py`: `SPEC = DomainSpec(name="insurance", ...)`;
4. its templates, `extractors/llm/prompts/insurance.j2` and
   `extractors/templates/insurance.md.j2`, each with its `{#- id version X -#}` header, and
   its rules module under `extractors/llm/rules/` defining `extract(redacted_text)`.

The registry finds the module by the domain's name; `tests/extractors/test_domain_registry.py`
checks that every domain in `DOMAINS` is registered with all parts present and consistent.
"""

from __future__ import annotations

from importlib import import_module
from types import MappingProxyType

from extractors.domains.spec import SAFE_HARBOR, DomainSpec, RulesExtractor
from schemas.document import DOMAINS, Domain


def _load(domain: Domain) -> DomainSpec:
    spec = getattr(import_module(f"{__name__}.{domain}"), "SPEC", None)
    if not isinstance(spec, DomainSpec) or spec.name != domain:
        raise TypeError(f"{__name__}.{domain} must define SPEC = DomainSpec(name={domain!r}, ...)")
    return spec


_REGISTRY = MappingProxyType({domain: _load(domain) for domain in DOMAINS})


def domain_spec(domain: Domain) -> DomainSpec:
    try:
        return _REGISTRY[domain]
    except KeyError:
        raise KeyError(f"unknown domain {domain!r}; registered: {', '.join(_REGISTRY)}") from None


def domain_specs() -> tuple[DomainSpec, ...]:
    return tuple(_REGISTRY.values())


def flag_field(domain: Domain) -> str:
    return domain_spec(domain).flag_field


__all__ = [
    "SAFE_HARBOR",
    "DomainSpec",
    "RulesExtractor",
    "domain_spec",
    "domain_specs",
    "flag_field",
]
