"""Stage 2, parse: the file's pages as text (a text layer, or OCR for scans).

Its `ParsedDocument` holds the original text: only the classify and redact stages read it,
inside `prepare_document`, and it goes no further (later stages get `ParsedFacts`).
"""

from __future__ import annotations

from extractors.limits import ParseLimits
from extractors.ocr.tesseract import TesseractOcr
from extractors.parse import parse_document
from flows.stages.values import Loaded, Staged, passed_on, timed
from schemas.document import ParsedDocument


def parse_stage(
    loaded: Staged[Loaded], limits: ParseLimits, ocr: TesseractOcr
) -> Staged[ParsedDocument]:
    if (stopped := passed_on(loaded)) is not None:
        return stopped
    assert loaded.value is not None
    value = loaded.value
    return timed("parse", lambda: parse_document(value.data, value.ingested, limits, ocr))
