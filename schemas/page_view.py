"""What the review app asks of the page renderer, and what it gets back.

The review app (audit) knows the trail: the redacted text, where its placeholders are and
what each flag quotes. The renderer (extractors) knows files: it re-reads the processed copy
in memory, finds each placeholder's original on the page and boxes it out. These two values
are all that passes between them; the original text never leaves the renderer.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from schemas.document import PageFacts


class PageViewRequest(BaseModel):
    model_config = ConfigDict(frozen=True)

    doc_id: str = Field(description="SHA-256 of the file: which processed file to read")
    redacted_text: str
    redacted_text_sha256: str
    spans: tuple[tuple[int, int], ...] = Field(
        description="each placeholder's (start, end) in the redacted text"
    )
    evidence: tuple[tuple[int, int], ...] = Field(
        description="each grounded flag's quote as (start, end) in the redacted text"
    )
    pages: tuple[PageFacts, ...] = Field(
        description="what parsing recorded per page (source, length), to check the re-read"
    )


class RenderedPage(BaseModel):
    model_config = ConfigDict(frozen=True)

    number: int = Field(description="1-based")
    png: bytes = Field(description="the page with every redacted span filled in solid colour")
    boxed: int = Field(description="how many boxes cover redacted text")
    outlined: int = Field(description="how many outlines mark flag evidence")
    covered: bool = Field(
        description="True when the page could not be matched to the trail's text and is "
        "covered whole (recall first: nothing is shown that might be an identifier)"
    )
    note: str = ""


class PageView(BaseModel):
    """Every page of one document as the review app shows it."""

    model_config = ConfigDict(frozen=True)

    doc_id: str
    pages: tuple[RenderedPage, ...]
