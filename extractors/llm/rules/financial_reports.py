"""Finance documents by kind, and what an annual or quarterly report says about its issuer.

Filings are not account records: their tables aggregate ("Cash and equivalents $ 9,889" in a
table stated in millions) and their notes describe accounting policy ("Overdrafts are
reported as ..."). Anti-money-laundering flags therefore apply only to the transactions of an
account: a row that starts with a date (or a redacted date's placeholder), carries an amount
and is not a total or a balance.
"""

from __future__ import annotations

import re
from typing import Any

from extractors.segments import Segment, quote

_KINDS: tuple[tuple[str, str], ...] = (
    (
        r"quarterly report|form\s+10-?q\b|\b10-q\b|for the quarterly period ended",
        "quarterly_report",
    ),
    (
        r"annual report|form\s+10-?k\b|\b10-k\b|form\s+20-f|for the fiscal year ended",
        "annual_report",
    ),
    (r"loan application|mortgage application|credit application", "loan_application"),
    (r"account statement|bank statement|statement period", "bank_statement"),
    # Invoices in the languages of the real ones in ../shared/corpora (invoice2data): Dutch
    # factuur, French facture, German Rechnung, Polish faktura; Italian and Spanish alike.
    (
        r"\binvoice\b|\bbill to\b|\bfactu(?:ur|re|ra)\b|\brechnung\b|\bfaktura\b|\bfattura\b",
        "invoice",
    ),
    (r"know your customer|\bkyc\b|customer due diligence", "kyc_form"),
)
_REPORT_SIGNS = re.compile(
    r"consolidated (?:balance sheets?|statements? of)|statements? of (?:operations|cash flows)"
    r"|management'?s discussion and analysis|securities and exchange commission",
    re.IGNORECASE,
)
_SCALE = re.compile(
    r"\(?\b(?:in|amounts in|dollars in|expressed in)\s+(thousands|millions|billions)\b",
    re.IGNORECASE,
)
_DATE_LED = re.compile(
    r"^\s*(?:<DATE(?:_TIME)?_\d+>|\d{1,2}/\d{1,2}(?:/\d{2,4})?|\d{4}-\d{2}-\d{2}|\d{1,2}-[A-Za-z]{3}(?:-\d{2,4})?"
    r"|[A-Z][a-z]{2}\.?\s+\d{1,2}(?:,\s*\d{4})?)\s+\S"
)
_AGGREGATE = re.compile(
    r"\b(?:total|subtotal|balance|summary|average|beginning|ending|opening|closing|net|ytd"
    r"|year[- ]to[- ]date|equivalents)\b",
    re.IGNORECASE,
)
_PERIOD = re.compile(
    r"for the (?:fiscal )?(?:year|quarter|quarterly period|(?:three|six|nine|twelve) months)"
    r" ended\s+((?:[A-Z][a-z]+\s+\d{1,2},?\s+\d{4})|\d{1,2}/\d{1,2}/\d{4})",
    re.IGNORECASE,
)
_ISSUER = (
    re.compile(
        r"^\s*([A-Z][\w.,&' -]{2,100}?)\s*\n\s*\(exact name of registrant",
        re.MULTILINE | re.IGNORECASE,
    ),
    re.compile(
        r"^\s*([A-Z][A-Za-z0-9.&' -]{1,80}?(?:,?\s+(?:Inc|Incorporated|Corp|Corporation|Company"
        r"|Co|Ltd|Limited|plc|PLC|N\.V|S\.A|AG|LLC|Holdings))\.?)\s*$",
        re.MULTILINE,
    ),
)
_FIGURES: tuple[tuple[str, str], ...] = (
    ("revenue", r"^\s*(?:total\s+)?(?:net\s+)?(?:revenues?|sales|net sales)\b"),
    ("net_income", r"^\s*net\s+(?:income|earnings|loss|income\s*\(loss\))\b"),
    ("total_assets", r"^\s*total\s+assets\b"),
    ("total_liabilities", r"^\s*total\s+liabilities\b(?!\s+and)"),
    ("cash", r"^\s*cash\s+and\s+(?:cash\s+)?equivalents\b"),
    ("operating_cash_flow", r"^\s*net\s+cash\s+(?:provided\s+by|from)\s+operating"),
)
_FIRST_NUMBER = re.compile(r"(?<![\w.(])\$?\s*(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?(?![\w%)])")


def document_kind(text: str) -> str:
    """The kind whose cue comes first in the head: a document names what it is before it
    mentions other kinds ("This invoice ... for this statement period" is an invoice)."""
    head = text[:3000]
    found = [
        (match.start(), order, kind)
        for order, (pattern, kind) in enumerate(_KINDS)
        if (match := re.search(pattern, head, re.IGNORECASE)) is not None
    ]
    if found:
        return min(found)[2]
    return "annual_report" if len(_REPORT_SIGNS.findall(text)) >= 2 else "other"


def is_report(kind: str) -> bool:
    return kind in ("annual_report", "quarterly_report")


def is_transaction(segment: Segment) -> bool:
    """A row of an account's activity: dated, with an amount, not a total or a balance."""
    return bool(_DATE_LED.search(segment.text)) and not _AGGREGATE.search(segment.text)


def _amount(line: str) -> str | None:
    match = _FIRST_NUMBER.search(line[line.find(" ") :] if " " in line else line)
    if match is None:
        return None
    whole = match.group(1).replace(",", "")
    if len(whole) > 12:
        return None
    return f"{whole}.{(match.group(2) or '').ljust(2, '0')}" if match.group(2) else whole


def report_summary(text: str, segments: list[Segment]) -> dict[str, Any]:
    issuer = next((m.group(1) for p in _ISSUER if (m := p.search(text[:6000]))), None)
    period = _PERIOD.search(text)
    scale = _SCALE.search(text)
    figures: list[dict[str, str]] = []
    for kind, pattern in _FIGURES:
        label = re.compile(pattern, re.IGNORECASE)
        for segment in segments:
            if label.search(segment.text) and (amount := _amount(segment.text)) is not None:
                figures.append({"kind": kind, "amount": amount, "evidence": quote(segment)})
                break
    return {
        "issuer": " ".join(issuer.split()).strip(" ,")[:120] if issuer else None,
        "reporting_period": " ".join(period.group(0).split())[:60] if period else None,
        "amount_scale": scale.group(1).lower() if scale else "units",
        "headline_figures": figures[:6],
    }
