"""Shared, expensive components: built once per test session, used read-only by every test."""

from __future__ import annotations

import pytest

from extractors.limits import ParseLimits
from extractors.ocr.tesseract import TesseractOcr
from extractors.redact import Redactor


@pytest.fixture(scope="session")
def redactor() -> Redactor:
    """Presidio with attest's recognizers takes seconds to load; it holds no per-call state."""
    return Redactor()


@pytest.fixture(scope="session")
def ocr() -> TesseractOcr:
    return TesseractOcr()


@pytest.fixture(scope="session")
def limits() -> ParseLimits:
    return ParseLimits()
