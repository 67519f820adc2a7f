"""Real invoices (tests/data/invoices, invoice2data, MIT) are invoices, with no AML flag."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractors.limits import ParseLimits
from extractors.llm.rules import finance
from extractors.ocr.tesseract import TesseractOcr
from extractors.parse.pdf import parse_pdf
from schemas.outputs.finance import FinanceOutput

INVOICES = Path(__file__).parents[1] / "data" / "invoices"


def _text(path: Path) -> str:
    if path.suffix == ".txt":
        return path.read_text(encoding="utf-8")
    pages = parse_pdf(path.read_bytes(), ParseLimits(), TesseractOcr())
    return "\n".join(page.text for page in pages)


@pytest.mark.parametrize(
    "name",
    [
        "AmazonWebServices.pdf",  # names its "statement period" after saying it is an invoice
        "NetpresseInvoice.pdf",  # Facture
        "coolblue1.pdf",  # FACTUUR
        "QualityHosting.pdf",  # Rechnung
        "Orlen.txt",  # Faktura
    ],
)
def test_a_real_invoice_is_an_invoice_without_aml_flags(name: str) -> None:
    output = finance.extract(_text(INVOICES / name))
    FinanceOutput.model_validate(output)
    assert output["document_type"] == "invoice"
    assert output["risk_flags"] == []


def test_the_first_named_kind_decides() -> None:
    text = "FIRST HARBOR BANK - ACCOUNT STATEMENT\nPayment of invoice 4471 received.\n"
    assert finance.extract(text)["document_type"] == "bank_statement"
