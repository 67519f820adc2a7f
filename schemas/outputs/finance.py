"""Finance output: loan applications, account statements and similar, summarised with risk flags."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from schemas.outputs.common import Evidence, Severity

SCHEMA_ID = "attest.finance"
# 1.2.0: annual and quarterly reports (issuer, period, amount scale, headline figures with
# evidence); added fields and document types only.
SCHEMA_VERSION = "1.2.0"

RiskFlagKind = Literal[
    "Structuring",
    "Income Mismatch",
    "Missing Documents",
    "Large Cash Transaction",
    "Overdraft",
    "High Debt To Income",
]

DocumentType = Literal[
    "loan_application",
    "bank_statement",
    "invoice",
    "kyc_form",
    "annual_report",
    "quarterly_report",
    "other",
]
AmountScale = Literal["units", "thousands", "millions", "billions"]
FigureKind = Literal[
    "revenue", "net_income", "total_assets", "total_liabilities", "cash", "operating_cash_flow"
]

# Amounts are strings with a decimal pattern: constrained decoders enforce patterns but not
# numeric bounds, and floats would invite rounding differences between backends. The pattern
# bounds the length by itself (15 characters); adding maxLength would make Outlines drop it.
Amount = Annotated[str, Field(pattern=r"^[0-9]{1,12}(\.[0-9]{2})?$")]


class RiskFlag(BaseModel):
    model_config = ConfigDict(extra="forbid")

    kind: RiskFlagKind
    severity: Severity
    evidence: Evidence


class HeadlineFigure(BaseModel):
    """A headline figure of a financial report, as printed: multiply by `amount_scale`."""

    model_config = ConfigDict(extra="forbid")

    kind: FigureKind
    amount: Amount
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
    issuer: Annotated[str, Field(max_length=120)] | None = Field(
        default=None, description="reports: the company that files the report, as written"
    )
    reporting_period: Annotated[str, Field(max_length=60)] | None = Field(
        default=None, description='reports: e.g. "fiscal year ended December 31, 2019"'
    )
    amount_scale: AmountScale = Field(
        default="units", description='reports: the tables\' stated unit ("in millions")'
    )
    headline_figures: list[HeadlineFigure] = Field(default_factory=list, max_length=6)
