"""Legal output: a contract summary with clause flags named after the CUAD category taxonomy."""

from __future__ import annotations

from typing import Annotated, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field

from schemas.outputs.common import Evidence, Severity

SCHEMA_ID = "attest.legal"
# 1.1.0: party roles, effective date, renewal, venue, and evidence for the summary's fields
# (added fields only; a 1.0.0 reader ignores nothing it knew).
# 1.2.0: up to 8 parties and roles (was 4): a restrictive-covenant agreement among a buyer,
# its subsidiary, a seller, its shareholder and two key employees names six (tests/data/
# nda_summaries). Widened limits only; a 1.1.0 output is valid 1.2.0.
# 1.3.0: clause flags may name all 41 CUAD categories (the 12 defaults, then CUAD's other 29,
# emitted only when the run's `clause_flags` setting is "cuad41"), and up to 41 flags (was 12).
# Widened enum and limit only; a 1.2.0 output is valid 1.3.0.
SCHEMA_VERSION = "1.3.0"

# Category names exactly as CUAD (Hendrycks et al., 2021) spells them: the 12 flagged by default.
DefaultClauseKind = Literal[
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

# CUAD's other 29 categories, optional flags (the `clause_flags` setting "cuad41"). The first
# five describe the contract itself (its name, parties and dates) rather than a commitment.
MoreClauseKind = Literal[
    "Document Name",
    "Parties",
    "Agreement Date",
    "Effective Date",
    "Expiration Date",
    "Notice Period To Terminate Renewal",
    "Competitive Restriction Exception",
    "No-Solicit Of Customers",
    "No-Solicit Of Employees",
    "Non-Disparagement",
    "Rofr/Rofo/Rofn",
    "Revenue/Profit Sharing",
    "Price Restrictions",
    "Minimum Commitment",
    "Volume Restriction",
    "Joint Ip Ownership",
    "License Grant",
    "Non-Transferable License",
    "Affiliate License-Licensor",
    "Affiliate License-Licensee",
    "Unlimited/All-You-Can-Eat-License",
    "Irrevocable Or Perpetual License",
    "Source Code Escrow",
    "Post-Termination Services",
    "Liquidated Damages",
    "Warranty Duration",
    "Insurance",
    "Covenant Not To Sue",
    "Third Party Beneficiary",
]

ClauseKind = Literal[DefaultClauseKind, MoreClauseKind]

# Which categories a run flags: the 12 by default, or all 41 (settings.clause_flags).
ClauseSet = Literal["default", "cuad41"]
CLAUSE_SETS: dict[ClauseSet, tuple[str, ...]] = {
    "default": get_args(DefaultClauseKind),
    "cuad41": get_args(DefaultClauseKind) + get_args(MoreClauseKind),
}

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


SummaryField = Literal["parties", "effective_date", "term", "renewal", "governing_law", "venue"]


class FieldEvidence(BaseModel):
    """The sentence a summary field was read from, quoted verbatim."""

    model_config = ConfigDict(extra="forbid")

    field: SummaryField
    evidence: Evidence


PARTY_NAME_MAX = 80
PARTY_ROLE_MAX = 40


class LegalOutput(BaseModel):
    model_config = ConfigDict(extra="forbid")

    contract_type: ContractType
    parties: list[Annotated[str, Field(max_length=PARTY_NAME_MAX)]] = Field(
        max_length=8, description="the contracting parties' legal names, as written"
    )
    party_roles: list[Annotated[str, Field(max_length=PARTY_ROLE_MAX)]] = Field(
        default_factory=list,
        max_length=8,
        description="the defined term each party goes by, in the order of `parties` "
        '("Licensor", "Company"); empty when the contract defines none',
    )
    effective_date: Annotated[str, Field(max_length=40)] | None = Field(
        default=None, description="the date the contract takes effect, as written"
    )
    governing_law: Annotated[str, Field(max_length=60)] | None
    venue: Annotated[str, Field(max_length=120)] | None = Field(
        default=None, description="the courts or forum for disputes, as written"
    )
    term: Annotated[str, Field(max_length=120)] | None
    renewal: Annotated[str, Field(max_length=120)] | None = Field(
        default=None, description="how the term renews or extends, as written"
    )
    summary_evidence: list[FieldEvidence] = Field(default_factory=list, max_length=6)
    clause_flags: list[ClauseFlag] = Field(max_length=len(CLAUSE_SETS["cuad41"]))
