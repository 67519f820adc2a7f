"""Bytes in, pages of text out, with each page's source and OCR confidence."""

from __future__ import annotations

import importlib.metadata
from collections.abc import Iterable
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


def _within_text_limit(pages: Iterable[Page], limits: ParseLimits) -> tuple[Page, ...]:
    """The pages, stopping at the first that takes the text past `max_chars`: a long document
    is rejected before its later pages are read, OCR'd or held."""
    kept: list[Page] = []
    total = 0
    for page in pages:
        total += len(page.text)
        if total > limits.max_chars:
            raise RejectedInput(
                "too_long",
                f"the document has more than {limits.max_chars:,} characters of text "
                f"(reached on page {page.number})",
                hint="split the document, or raise ATTEST_MAX_CHARS where the workers have "
                "the memory (see README: Performance)",
            )
        kept.append(page)
    return tuple(kept)


def parse_document(
    data: bytes, ingested: Ingested, limits: ParseLimits, ocr: TesseractOcr
) -> ParsedDocument:
    pages: tuple[Page, ...]
    if ingested.kind is SourceKind.PDF:
        pages = _within_text_limit(parse_pdf(data, limits, ocr), limits)
    elif ingested.kind is SourceKind.TEXT:
        pages = _within_text_limit((parse_text(data),), limits)
    else:
        pages = _within_text_limit(parse_image(data, limits, ocr), limits)
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
