"""What one domain declares: the `DomainSpec` each module in this package defines as `SPEC`.

A spec is a declaration, not behaviour: names, patterns, a policy value and dotted module
paths. Its module imports only `schemas`, so every part of `extractors` can ask the registry
without import cycles (the rules modules, which import much of `extractors`, are named by
path and imported when first asked for).
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module
from types import ModuleType
from typing import Any, Protocol

from pydantic import BaseModel

from schemas.document import Domain
from schemas.outputs import SchemaRef, schema_ref
from schemas.redaction_policy import RedactionPolicy, Rule


class RulesExtractor(Protocol):
    """A domain's rules: the redacted text in, the schema's values out. Options (the legal
    domain's `clause_set`) are passed only when a run chooses other than the default."""

    def __call__(self, text: str, /, **options: Any) -> dict[str, Any]: ...


SAFE_HARBOR: dict[str, Rule] = {
    "AGE": Rule(operator="age_cap"),
    "US_ZIP_CODE": Rule(operator="zip3"),
}
"""HIPAA Safe Harbor's ages-over-89 and 3-digit ZIP rules: every policy starts from them,
the default one (domain unknown) included."""


@dataclass(frozen=True, kw_only=True)
class DomainSpec:
    """Everything the pipeline needs to know about one domain, in one place."""

    name: Domain
    output_model: type[BaseModel]
    """The Pydantic model a backend's output must validate against (from `schemas.outputs`)."""
    flag_field: str
    """The output's list of flags (each with kind, severity and evidence)."""
    signals: tuple[str, ...]
    """Regular expressions (matched case-insensitively) that count towards detecting it."""
    redaction_policy: RedactionPolicy
    grounded_text_fields: tuple[str, ...] = ()
    """Text fields (or lists of text) whose values must occur in the redacted text."""
    grounded_amount_fields: tuple[str, ...] = ()
    """Decimal-string amounts whose value some number in the redacted text must have."""
    prompt_template: str
    """File name of its versioned prompt under `extractors/llm/prompts/`."""
    summary_template: str
    """File name of its versioned summary template under `extractors/templates/`."""
    rules_module: str
    """Dotted path of the rules baseline's module; it defines `extract(redacted_text)`."""
    rules_support: tuple[str, ...] = ()
    """Further modules the rules module relies on: their sources are hashed into its rule set."""
    suppresses_negated_flags: bool = False
    """Whether a flag whose evidence only mentions the finding negated is dropped by checks."""

    def schema_ref(self) -> SchemaRef:
        return schema_ref(self.name)

    def rules_extractor(self) -> RulesExtractor:
        extract: RulesExtractor = import_module(self.rules_module).extract
        return extract

    def rules_sources(self) -> tuple[ModuleType, ...]:
        """The rules module, then its supporting modules: the rule set's sources in order."""
        return tuple(import_module(name) for name in (self.rules_module, *self.rules_support))


__all__ = ["SAFE_HARBOR", "DomainSpec", "RulesExtractor"]
