"""Redaction policies: per domain, which operator each entity type gets; versioned and hashed.

A policy names operators only for the entity types it treats specially; every other type the
analyzer finds gets `default` (a typed placeholder), so a new recognizer never needs a policy
edit to be redacted. The content hash (canonical JSON) goes into the audit trail with the id
and version, so a changed rule under an unchanged version number still shows.
"""

from __future__ import annotations

import re
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from schemas.canonical import sha256_of
from schemas.document import Domain

Operator = Literal[
    "replace",
    "mask",
    "hash",
    "date_shift",
    "date_year",
    "age_cap",
    "zip3",
    "keep",
    "keep_company",
    "keep_organisation",
    "keep_place",
]
OPERATORS: tuple[Operator, ...] = (
    "keep",
    "keep_company",
    "keep_organisation",
    "keep_place",
    "replace",
    "mask",
    "hash",
    "date_shift",
    "date_year",
    "age_cap",
    "zip3",
)
_SEMVER = re.compile(r"^\d+\.\d+\.\d+$")


class Rule(BaseModel):
    """How one entity type is redacted."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    operator: Operator = Field(
        description="replace: typed placeholder <TYPE_N>; mask: keep the last `keep` "
        "characters; hash: keyed HMAC token <TYPE#hex>; date_shift: shift by a secret number of "
        "days per patient/account; date_year: the year only; age_cap: ages over 89 become "
        "'90 or older'; zip3: first three digits, 000 for the restricted prefixes; keep: left "
        "as written (legal: the contracting companies, states, courts and dates a contract "
        "needs); keep_company: left as written when it is a company's legal name (ends in Inc., "
        "LLC, Corporation, Ltd ..., or is followed by one), else replaced; keep_organisation: "
        "left as written when it reads as an organisation (legal form, organisation word, "
        "acronym) and holds no contact details; keep_place: left as written unless it holds "
        "an e-mail or digits; all three replace a name that follows a person's label "
        "(Name:, By:, Attn:, Mr.)"
    )
    params: dict[str, Any] = Field(
        default_factory=dict,
        description="mask: keep (int, default 4); date_shift: max_days (int, default 365), "
        "key_entity (entity type whose value keys the shift, e.g. MEDICAL_RECORD_NUMBER)",
    )


class PolicyRef(BaseModel):
    """What the trail records about a policy: enough to find it and to notice a change."""

    model_config = ConfigDict(frozen=True)

    policy_id: str
    version: str
    domain: Domain | None = Field(description="None for the domain-independent default")
    sha256: str = Field(description="of the policy's canonical JSON")


class RedactionPolicy(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    policy_id: str = Field(description="e.g. attest.clinical")
    version: str = Field(description="semantic version; bump it whenever a rule changes")
    domain: Domain | None = None
    rules: dict[str, Rule] = Field(
        default_factory=dict, description="entity type -> rule, for the types not replaced"
    )
    default: Rule = Field(
        default_factory=lambda: Rule(operator="replace"),
        description="the rule for every entity type found that has no rule of its own",
    )
    score_threshold: float = Field(
        default=0.4,
        ge=0.0,
        le=1.0,
        description="recall first: a pattern match without context (SSN 0.5) is still removed",
    )
    propagate_names: bool = Field(
        default=True,
        description="every later mention of a found name's parts gets the same placeholder",
    )

    @field_validator("version")
    @classmethod
    def _semver(cls, value: str) -> str:
        if not _SEMVER.match(value):
            raise ValueError(f"version {value!r} is not MAJOR.MINOR.PATCH")
        return value

    def rule(self, entity_type: str) -> Rule:
        return self.rules.get(entity_type, self.default)

    @property
    def sha256(self) -> str:
        return sha256_of(self.model_dump(mode="json"))

    def ref(self) -> PolicyRef:
        return PolicyRef(
            policy_id=self.policy_id, version=self.version, domain=self.domain, sha256=self.sha256
        )
