"""Bytes in, pages of text out, with each page's source and OCR confidence."""

from __future__ import annotations

import importlib.metadata
from functools import cache

import pypdf

from extractors.errors import RejectedInput
from extractors.limits import ParseLimits
from extractors.ocr.tesseract import TesseractOcr
from extractors.parse.image import parse_image
from extractors.parse.pdf import parse_pdf
from extractors.parse.text import parse_text
from schemas.document import Ingested, Page, PageSource, ParsedDocument, SourceKind


@cache
def parser_description() -> str:
    """The parsers and their versions, recorded with every parsed document."""
    return f"pypdf {pypdf.__version__}; pypdfium2 {importlib.metadata.version('pypdfium2')}"


def parse_document(
    data: bytes, ingested: Ingested, limits: ParseLimits, ocr: TesseractOcr
) -> ParsedDocument:
    pages: tuple[Page, ...]
    if ingested.kind is SourceKind.PDF:
        pages = tuple(parse_pdf(data, limits, ocr))
    elif ingested.kind is SourceKind.TEXT:
        pages = (parse_text(data),)
    else:
        pages = tuple(parse_image(data, limits, ocr))
    if not any(page.text.strip() for page in pages):
        raise RejectedInput(
            "no_text",
            "no text was found on any page, not even by OCR",
            hint="check that the scan is not blank or upside down",
        )
    used_ocr = any(page.source is PageSource.OCR for page in pages)
    return ParsedDocument(
        doc_id=ingested.doc_id,
        kind=ingested.kind,
        pages=pages,
        parser=parser_description(),
        ocr_engine=ocr.version() if used_ocr else None,
    )


__all__ = ["parse_document", "parser_description"]
