"""Finance documents by kind; AML flags only on an account's transactions."""

from __future__ import annotations

from typing import Any

import pytest

from extractors.llm.rules import finance

ANNUAL_REPORT = """UNITED STATES SECURITIES AND EXCHANGE COMMISSION
FORM 10-K
ANNUAL REPORT PURSUANT TO SECTION 13 OR 15(d) OF THE SECURITIES EXCHANGE ACT OF 1934
For the fiscal year ended December 31, 2019
Northwind Industries, Inc.
(Exact name of registrant as specified in its charter)

CONSOLIDATED BALANCE SHEETS
(In millions)
Cash and equivalents                          $ 9,889      $ 8,348
Total assets                                  $ 52,100     $ 48,000
Total contractual cash obligations            $ 22,177
Net income                                    $ 1,234      $ 1,001

Overdrafts are reported as short-term borrowings when no right of offset exists.
Cash deposits with banks of $ 9,500 and $ 9,700 are held as collateral.
"""

STATEMENT = """FIRST HARBOR BANK - ACCOUNT STATEMENT
Statement period: 09/01/2026 - 09/30/2026
Date        Description                        Amount
09/02/2026  Cash deposit                       $9,500.00
09/05/2026  Cash deposit                       $9,800.00
09/18/2026  Cash withdrawal                    $12,000.00
Total cash deposits                            $19,300.00
Ending balance: $2,310.00
"""


def kinds(output: dict[str, Any]) -> set[str]:
    return {flag["kind"] for flag in output["risk_flags"]}


def test_an_annual_report_is_recognised_as_one() -> None:
    assert finance.extract(ANNUAL_REPORT)["document_type"] == "annual_report"


def test_a_quarterly_report_is_recognised_as_one() -> None:
    text = "FORM 10-Q\nFor the quarterly period ended March 31, 2020\nAcme Corp\n"
    assert finance.extract(text)["document_type"] == "quarterly_report"


def test_financial_statement_lines_and_policy_prose_raise_no_aml_flags() -> None:
    assert finance.extract(ANNUAL_REPORT)["risk_flags"] == []


def test_an_annual_report_gets_issuer_period_scale_and_headline_figures() -> None:
    output = finance.extract(ANNUAL_REPORT)
    assert output["issuer"] == "Northwind Industries, Inc."
    assert output["reporting_period"] == "For the fiscal year ended December 31, 2019"
    assert output["amount_scale"] == "millions"
    figures = {figure["kind"]: figure for figure in output["headline_figures"]}
    assert figures["cash"]["amount"] == "9889"
    assert figures["total_assets"]["amount"] == "52100"
    assert figures["cash"]["evidence"] in ANNUAL_REPORT


def test_cash_transactions_of_an_account_still_raise_aml_flags() -> None:
    assert {"Structuring", "Large Cash Transaction"} <= kinds(finance.extract(STATEMENT))


def test_a_statement_total_is_not_a_large_cash_transaction() -> None:
    text = STATEMENT.replace("09/18/2026  Cash withdrawal                    $12,000.00\n", "")
    text = text.replace("$19,300.00", "$29,300.00")
    assert "Large Cash Transaction" not in kinds(finance.extract(text))


@pytest.mark.parametrize(
    "line",
    [
        "Overdrafts are reported as short-term borrowings when no right of offset exists.",
        "The bank offers overdraft protection to its retail customers.",
    ],
)
def test_overdraft_prose_is_not_an_overdraft(line: str) -> None:
    assert "Overdraft" not in kinds(finance.extract(line))


def test_an_overdraft_fee_on_the_account_is_an_overdraft() -> None:
    text = STATEMENT + "09/29/2026  Overdraft fee                      $35.00\n"
    assert "Overdraft" in kinds(finance.extract(text))
