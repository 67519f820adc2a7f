"""Explicit bounds on what one document may cost: bytes, pages, pixels, seconds."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ParseLimits:
    max_bytes: int = 50 * 1024 * 1024
    max_pages: int = 500
    max_image_pixels: int = 12_000 * 12_000
    """Above this an image is a decompression bomb, not a scan (A3 at 600 dpi is ~70 Mpx)."""
    ocr_dpi: int = 300
    ocr_timeout_s: float = 120.0
    max_stream_bytes: int = 64 * 1024 * 1024
    """A page's content streams may inflate to this much; beyond it the file is a bomb."""
    min_text_chars: int = 25
    """A PDF page with fewer non-space characters in its text layer is treated as a scan."""
    low_ocr_confidence: float = 60.0
    max_chars: int = 1_000_000
    """A document with more text than this is rejected while it is parsed: redaction holds a
    document's whole text and its analysis at once, so this bounds a worker's memory."""
