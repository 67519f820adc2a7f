"""Finance rules: the document's kind, amounts and incomes, missing documents, risk flags, and
for annual and quarterly reports the issuer, period and headline figures.

Structuring, large cash and overdraft are flags on an account's transactions (see
financial_reports.is_transaction), never on a filing's aggregated lines or its prose."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Any

from extractors.llm.rules.financial_reports import (
    document_kind,
    is_report,
    is_transaction,
    report_summary,
)
from extractors.segments import Segment, lines, quote

_MONEY = r"[-−]?\s*[$€£]\s*-?[0-9][0-9,]*(?:\.[0-9]{2})?"
_MONEY_RE = re.compile(_MONEY)
_OVERDRAFT = re.compile(
    r"\boverdraft (?:fee|charge)|\boverdrawn\b|\bnsf\b|insufficient funds|returned item",
    re.IGNORECASE,
)
_NEGATIVE_BALANCE = re.compile(r"balance\s*:?\s*[-−]\s*[$€£]", re.IGNORECASE)
STRUCTURING_LOW = Decimal("9000")
REPORTING_THRESHOLD = Decimal("10000")
INCOME_MISMATCH_RATIO = Decimal("0.20")
HIGH_DTI_PERCENT = Decimal("43")


def money(text: str) -> Decimal | None:
    match = _MONEY_RE.search(text)
    if not match:
        return None
    raw = re.sub(r"[\s$€£,]", "", match.group(0)).replace("−", "-")
    try:
        return Decimal(raw)
    except InvalidOperation:
        return None


def as_amount(value: Decimal | None) -> str | None:
    if value is None or value < 0 or value >= Decimal("1e12"):
        return None
    return f"{value:.2f}"


def _labelled(segments: list[Segment], label: str) -> Segment | None:
    pattern = re.compile(rf"^\s*{label}\s*[:\-]", re.IGNORECASE)
    return next((s for s in segments if pattern.search(s.text)), None)


def _flag(kind: str, severity: str, segment: Segment) -> dict[str, Any]:
    return {"kind": kind, "severity": severity, "evidence": quote(segment)}


def _cash_rows(segments: list[Segment]) -> list[tuple[Segment, Decimal]]:
    rows = []
    for segment in segments:
        if is_transaction(segment) and re.search(r"\bcash\b", segment.text, re.IGNORECASE):
            amount = money(segment.text)
            if amount is not None:
                rows.append((segment, abs(amount)))
    return rows


def extract(text: str) -> dict[str, Any]:
    segments = lines(text)
    lowered = text.lower()
    doc_type = document_kind(text)
    report = is_report(doc_type)
    purpose = _labelled(
        segments, r"(?:purpose of (?:the )?loan|loan purpose|purpose|source of funds)"
    )
    requested = _labelled(segments, r"(?:amount requested|loan amount|requested amount)")
    stated = _labelled(segments, r"stated (?:annual )?income")
    verified = _labelled(segments, r"verified (?:annual )?income")
    dti = _labelled(segments, r"debt[- ]to[- ]income(?: ratio)?|dti")
    missing = _labelled(segments, r"missing documents?|outstanding documents?")

    missing_items: list[str] = []
    if missing is not None:
        body = missing.text.split(":", 1)[1] if ":" in missing.text else ""
        missing_items = [
            item.strip(" .")[:80] for item in re.split(r";|, and |,", body) if item.strip(" .")
        ][:8]

    flags: list[dict[str, Any]] = []
    cash = [] if report else _cash_rows(segments)
    just_under = [(s, a) for s, a in cash if STRUCTURING_LOW <= a < REPORTING_THRESHOLD]
    if len(just_under) >= 2:
        flags.append(_flag("Structuring", "high", just_under[0][0]))
    large = [(s, a) for s, a in cash if a >= REPORTING_THRESHOLD]
    if large:
        flags.append(_flag("Large Cash Transaction", "medium", large[0][0]))
    stated_value = money(stated.text) if stated else None
    verified_value = money(verified.text) if verified else None
    if stated_value and verified_value and verified_value > 0:
        gap = abs(stated_value - verified_value) / verified_value
        if gap > INCOME_MISMATCH_RATIO:
            assert verified is not None
            flags.append(_flag("Income Mismatch", "high", verified))
    if missing_items:
        assert missing is not None
        flags.append(_flag("Missing Documents", "medium", missing))
    if dti is not None:
        percent = re.search(r"([0-9]{1,3}(?:\.[0-9]+)?)\s*%", dti.text)
        if percent and Decimal(percent.group(1)) >= HIGH_DTI_PERCENT:
            flags.append(_flag("High Debt To Income", "medium", dti))
    overdraft = next(
        (
            s
            for s in segments
            if not report and (_OVERDRAFT.search(s.text) or _NEGATIVE_BALANCE.search(s.text))
        ),
        None,
    )
    if overdraft is not None:
        flags.append(_flag("Overdraft", "low", overdraft))

    currency = "unknown"
    if "$" in text or "usd" in lowered:
        currency = "USD"
    elif "€" in text or "eur" in lowered:
        currency = "EUR"
    elif "£" in text or "gbp" in lowered:
        currency = "GBP"
    purpose_text = purpose.text.split(":", 1)[1].strip() if purpose and ":" in purpose.text else ""
    return {
        "document_type": doc_type,
        "purpose": purpose_text[:200],
        "currency": currency,
        "amount_requested": as_amount(money(requested.text)) if requested else None,
        "stated_annual_income": as_amount(stated_value),
        "verified_annual_income": as_amount(verified_value),
        "documents_missing": missing_items,
        "risk_flags": flags[:6],
        **(report_summary(text, segments) if report else {}),
    }
