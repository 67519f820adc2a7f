"""What ingest and parsing hand on: the document's identity and its pages of (unredacted) text."""

from __future__ import annotations

from enum import StrEnum
from typing import ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field

Domain = Literal["clinical", "finance", "legal"]
DOMAINS: tuple[Domain, ...] = ("clinical", "finance", "legal")


class SourceKind(StrEnum):
    """Detected from the file's bytes, never from its name."""

    PDF = "pdf"
    PNG = "png"
    JPEG = "jpeg"
    TIFF = "tiff"
    TEXT = "text"


class PageSource(StrEnum):
    TEXT_LAYER = "text-layer"
    OCR = "ocr"
    PLAIN_TEXT = "plain-text"


class Ingested(BaseModel):
    """A file accepted into the batch. Holds no document text and no file name (names can be PHI)."""

    model_config = ConfigDict(frozen=True)

    doc_id: str = Field(description="SHA-256 of the file's bytes, hex; the document's identity")
    kind: SourceKind
    size_bytes: int
    name_sha256: str = Field(description="SHA-256 of the original file name, to find it again")


class Page(BaseModel):
    model_config = ConfigDict(frozen=True)

    number: int = Field(description="1-based page number")
    text: str
    source: PageSource
    ocr_confidence: float | None = Field(
        default=None, description="Tesseract's mean word confidence, 0-100; None for text pages"
    )


class ParsedDocument(BaseModel):
    """Unredacted text by page. Never persisted, logged or sent anywhere: only the classify and
    redact stages read it, inside `prepare_document` (flows/stages/prepare.py)."""

    model_config = ConfigDict(frozen=True)

    doc_id: str
    kind: SourceKind
    pages: tuple[Page, ...]
    parser: str = Field(description="e.g. 'pypdf 7.1.0'")
    ocr_engine: str | None = Field(
        default=None, description="e.g. 'tesseract 5.3.0'; None if no OCR"
    )

    PAGE_SEPARATOR: ClassVar[str] = "\n\n"

    @property
    def text(self) -> str:
        return self.PAGE_SEPARATOR.join(page.text for page in self.pages)

    @property
    def min_ocr_confidence(self) -> float | None:
        scores = [p.ocr_confidence for p in self.pages if p.ocr_confidence is not None]
        return min(scores) if scores else None


class PageFacts(BaseModel):
    """What the audit trail records about a page: its provenance, never its text."""

    number: int
    source: PageSource
    chars: int
    ocr_confidence: float | None = None
