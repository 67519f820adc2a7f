"""Legal output: a contract summary with clause flags named after the CUAD category taxonomy."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from schemas.outputs.common import Evidence, Severity

SCHEMA_ID = "attest.legal"
SCHEMA_VERSION = "1.0.0"

# Category names exactly as CUAD (Hendrycks et al., 2021) spells them.
ClauseKind = Literal[
    "Governing Law",
    "Termination For Convenience",
    "Change Of Control",
    "Non-Compete",
    "Exclusivity",
    "Uncapped Liability",
    "Cap On Liability",
    "Anti-Assignment",
    "Audit Rights",
    "Renewal Term",
    "Ip Ownership Assignment",
    "Most Favored Nation",
]

ContractType = Literal[
    "nda",
    "services_agreement",
    "license_agreement",
    "supply_agreement",
    "employment_agreement",
    "other",
]


class ClauseFlag(BaseModel):
    model_config = ConfigDict(extra="forbid")

    kind: ClauseKind
    severity: Severity
    evidence: Evidence


class LegalOutput(BaseModel):
    model_config = ConfigDict(extra="forbid")

    contract_type: ContractType
    parties: list[Annotated[str, Field(max_length=80)]] = Field(max_length=4)
    governing_law: Annotated[str, Field(max_length=60)] | None
    term: Annotated[str, Field(max_length=120)] | None
    clause_flags: list[ClauseFlag] = Field(max_length=12)
