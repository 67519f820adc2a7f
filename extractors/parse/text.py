"""Plain-text documents: one page, decoded from UTF-8, UTF-16 or Latin-1."""

from __future__ import annotations

from extractors.ingest import decode_text
from schemas.document import Page, PageSource


def parse_text(data: bytes) -> Page:
    text = decode_text(data).replace("\r\n", "\n").replace("\x00", "")
    return Page(number=1, text=text, source=PageSource.PLAIN_TEXT)
