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
from schemas.outputs.legal import CLAUSE_SETS, ClauseSet

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
    """The rule set; `clause_flags="cuad41"` makes the legal rules flag all 41 CUAD categories
    (the 12 defaults, then CUAD's other 29). The choice is part of the legal instructions (their
    id and hash), so the run's configuration hash and every decision say which set decided."""

    def __init__(self, clause_flags: ClauseSet = "default") -> None:
        if clause_flags not in CLAUSE_SETS:
            raise ValueError(f"unknown clause set {clause_flags!r}; valid: {sorted(CLAUSE_SETS)}")
        self.clause_flags: ClauseSet = clause_flags

    def _options(self, domain: Domain) -> dict[str, str]:
        """Keyword options for a domain's rules extractor: none unless a choice differs from
        the default (a default run calls every extractor exactly as before)."""
        if domain == "legal" and self.clause_flags != "default":
            return {"clause_set": self.clause_flags}
        return {}

    def identity(self) -> ModelIdentity:
        return ModelIdentity(
            backend="rules",
            is_language_model=False,
            model_id=RULESET_ID,
            revision=f"{RULESET_VERSION}+sha256:{_sources_sha256(None)[:16]}",
        )

    def instructions(self, domain: Domain) -> InstructionsRef:
        options = self._options(domain)
        sha256 = _sources_sha256(domain)
        if options:
            sha256 = hashlib.sha256(f"{sha256}:{sorted(options.items())}".encode()).hexdigest()
        return InstructionsRef(
            kind="ruleset",
            id=".".join([RULESET_ID, domain, *options.values()]),
            version=RULESET_VERSION,
            sha256=sha256,
        )

    def generate(self, request: GenerationRequest) -> GenerationResult:
        spec = domain_spec(request.domain)
        values = spec.rules_extractor()(request.redacted_text, **self._options(request.domain))
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
