"""Finance documents: loan applications, account statements, financial reports; risk flags."""

from __future__ import annotations

from extractors.domains.spec import DomainSpec
from schemas.outputs.finance import FinanceOutput
from schemas.redaction_policy import RedactionPolicy, Rule

SPEC = DomainSpec(
    name="finance",
    output_model=FinanceOutput,
    flag_field="risk_flags",
    signals=(
        r"\bloan\b",
        r"\bborrower\b",
        r"\baccount\b",
        r"\bincome\b",
        r"\bdeposit\b|\bwithdrawal\b",
        r"\bbalance\b",
        r"\bbank\b",
        r"\$\s?\d",
        r"\brouting\b",
        r"\bstatement\b",
    ),
    # Change a rule, bump the version: the trail records id, version and content hash.
    redaction_policy=RedactionPolicy(
        policy_id="attest.finance",
        version="1.0.0",
        domain="finance",
        rules={
            "ACCOUNT_NUMBER": Rule(operator="mask", params={"keep": 4}),
            "CREDIT_CARD": Rule(operator="mask", params={"keep": 4}),
            "IBAN_CODE": Rule(operator="mask", params={"keep": 4}),
            "DATE_TIME": Rule(
                operator="date_shift", params={"key_entity": "ACCOUNT_NUMBER", "max_days": 365}
            ),
        },
    ),
    grounded_text_fields=("purpose", "documents_missing", "issuer", "reporting_period"),
    grounded_amount_fields=("amount_requested", "stated_annual_income", "verified_annual_income"),
    prompt_template="finance.j2",
    summary_template="finance.md.j2",
    rules_module="extractors.llm.rules.finance",
    rules_support=("extractors.llm.rules.financial_reports",),
)
