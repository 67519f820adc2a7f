"""Finance output: loan applications, account statements and similar, summarised with risk flags."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from schemas.outputs.common import Evidence, Severity

SCHEMA_ID = "attest.finance"
SCHEMA_VERSION = "1.1.0"

RiskFlagKind = Literal[
    "Structuring",
    "Income Mismatch",
    "Missing Documents",
    "Large Cash Transaction",
    "Overdraft",
    "High Debt To Income",
]

DocumentType = Literal["loan_application", "bank_statement", "invoice", "kyc_form", "other"]

# Amounts are strings with a decimal pattern: constrained decoders enforce patterns but not
# numeric bounds, and floats would invite rounding differences between backends. The pattern
# bounds the length by itself (15 characters); adding maxLength would make Outlines drop it.
Amount = Annotated[str, Field(pattern=r"^[0-9]{1,12}(\.[0-9]{2})?$")]


class RiskFlag(BaseModel):
    model_config = ConfigDict(extra="forbid")

    kind: RiskFlagKind
    severity: Severity
    evidence: Evidence


class FinanceOutput(BaseModel):
    model_config = ConfigDict(extra="forbid")

    document_type: DocumentType
    purpose: Annotated[str, Field(max_length=200)]
    currency: Literal["USD", "EUR", "GBP", "other", "unknown"]
    amount_requested: Amount | None
    stated_annual_income: Amount | None
    verified_annual_income: Amount | None
    documents_missing: list[Annotated[str, Field(max_length=80)]] = Field(max_length=8)
    risk_flags: list[RiskFlag] = Field(max_length=6)
