"""The deterministic `rules` baseline: lexicons, patterns and negation over the redacted text.

It fills the same schemas a model would, and says what it is: its identity has
`backend="rules"` and `is_language_model=False`, and its instructions are a versioned rule set
whose hash covers the rule sources, so every decision it makes is labelled as the baseline's.
Each domain names its rules module (and the modules it relies on) in its declaration under
`extractors/domains/`.
"""

from __future__ import annotations

import hashlib
import json
from functools import cache
from pathlib import Path
from types import ModuleType

from extractors import lexicons, negation, segments
from extractors.domains import domain_spec, domain_specs
from extractors.llm.base import GenerationRequest
from schemas.document import Domain
from schemas.generation import GenerationResult, InstructionsRef, ModelIdentity

RULESET_ID = "attest.rules"
RULESET_VERSION = "2.0.0"

_SHARED_SOURCES = (lexicons, negation, segments)
# The whole rule set's revision hashes every domain's rules module, then every domain's
# supporting modules in the order they joined the rule set (a domain not named here comes
# after them, in registry order). The order is part of the hash: change it and every rules
# run made before would replay as a different model.
_SUPPORT_ORDER: tuple[Domain, ...] = ("clinical", "legal", "finance")


def _ruleset_modules(domain: Domain | None) -> list[ModuleType]:
    """A domain's rule set (shared sources, its rules module, the modules it relies on), or
    with None the whole rule set the backend's identity covers."""
    if domain is not None:
        return [*_SHARED_SOURCES, *domain_spec(domain).rules_sources()]
    specs = domain_specs()
    joined = sorted(
        specs,
        key=lambda spec: (
            _SUPPORT_ORDER.index(spec.name) if spec.name in _SUPPORT_ORDER else len(_SUPPORT_ORDER)
        ),
    )
    rules = [spec.rules_sources()[0] for spec in specs]
    support = [module for spec in joined for module in spec.rules_sources()[1:]]
    return [*_SHARED_SOURCES, *rules, *support]


@cache
def _sources_sha256(domain: Domain | None) -> str:
    digest = hashlib.sha256()
    for module in _ruleset_modules(domain):
        path = Path(str(module.__file__))
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
        # A module that reads with a model (the triage reader of meaning) names it and its
        # weights' digest: a different model is a different rule set.
        reader = getattr(module, "reader_identity", None)
        if callable(reader):
            digest.update(str(reader()).encode())
    return digest.hexdigest()


class RulesBackend:
    def identity(self) -> ModelIdentity:
        return ModelIdentity(
            backend="rules",
            is_language_model=False,
            model_id=RULESET_ID,
            revision=f"{RULESET_VERSION}+sha256:{_sources_sha256(None)[:16]}",
        )

    def instructions(self, domain: Domain) -> InstructionsRef:
        return InstructionsRef(
            kind="ruleset",
            id=f"{RULESET_ID}.{domain}",
            version=RULESET_VERSION,
            sha256=_sources_sha256(domain),
        )

    def generate(self, request: GenerationRequest) -> GenerationResult:
        spec = domain_spec(request.domain)
        values = spec.rules_extractor()(request.redacted_text)
        # Validate here too: a rule that fills a field badly is our bug, caught at the source.
        output = spec.output_model.model_validate(values)
        raw = json.dumps(output.model_dump(mode="json"), ensure_ascii=False, sort_keys=True)
        return GenerationResult(
            raw_output=raw,
            identity=self.identity(),
            instructions=self.instructions(request.domain),
            decoding=None,
        )


__all__ = ["RULESET_ID", "RULESET_VERSION", "RulesBackend"]
