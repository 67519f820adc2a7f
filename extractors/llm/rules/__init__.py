"""The deterministic `rules` baseline: lexicons, patterns and negation over the redacted text.

It fills the same schemas a model would, and says what it is: its identity has
`backend="rules"` and `is_language_model=False`, and its instructions are a versioned rule set
whose hash covers the rule sources, so every decision it makes is labelled as the baseline's.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

from extractors import lexicons, negation, segments
from extractors.llm.base import GenerationRequest
from extractors.llm.rules import (
    clause_rules,
    clinical,
    contract_summary,
    contract_text,
    finance,
    financial_reports,
    legal,
)
from extractors.triage import criteria, esi, findings, vitals
from schemas.document import Domain
from schemas.generation import GenerationResult, InstructionsRef, ModelIdentity
from schemas.outputs import OUTPUT_MODELS

RULESET_ID = "attest.rules"
RULESET_VERSION = "2.0.0"

_EXTRACTORS: dict[Domain, Callable[[str], dict[str, Any]]] = {
    "clinical": clinical.extract,
    "finance": finance.extract,
    "legal": legal.extract,
}
_SHARED_SOURCES = (lexicons, negation, segments)
_DOMAIN_SOURCES = {"clinical": clinical, "finance": finance, "legal": legal}
# The clinical rules' triage lives in its own package; its sources are part of the rule set.
_TRIAGE_SOURCES = (criteria, esi, findings, vitals)
# The legal rules' clause segmentation and CUAD category rules are part of the rule set too.
_CONTRACT_SOURCES = (contract_text, clause_rules, contract_summary)
_REPORT_SOURCES = (financial_reports,)


@cache
def _sources_sha256(domain: Domain | None) -> str:
    modules = list(_SHARED_SOURCES)
    modules += [_DOMAIN_SOURCES[domain]] if domain else list(_DOMAIN_SOURCES.values())
    modules += list(_TRIAGE_SOURCES) if domain in (None, "clinical") else []
    modules += list(_CONTRACT_SOURCES) if domain in (None, "legal") else []
    modules += list(_REPORT_SOURCES) if domain in (None, "finance") else []
    digest = hashlib.sha256()
    for module in modules:
        path = Path(str(module.__file__))
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
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
        values = _EXTRACTORS[request.domain](request.redacted_text)
        # Validate here too: a rule that fills a field badly is our bug, caught at the source.
        output = OUTPUT_MODELS[request.domain].model_validate(values)
        raw = json.dumps(output.model_dump(mode="json"), ensure_ascii=False, sort_keys=True)
        return GenerationResult(
            raw_output=raw,
            identity=self.identity(),
            instructions=self.instructions(request.domain),
            decoding=None,
        )


__all__ = ["RULESET_ID", "RULESET_VERSION", "RulesBackend"]
