"""The page beside the extraction: each page of the processed file as an image, every redacted
span filled in solid colour and each flag's quote outlined.

The file is re-read in memory (its text layer, or OCR for scans, exactly as parsing did), the
trail's placeholders are located in that text (`align`), and their characters' boxes are
filled before the image is ever encoded. Only the finished images are cached, under the
output folder and outside the audit store. Recall first: when the re-read text does not fit
the trail's redacted text, or a redacted character has no known place on the page, the whole
page is covered rather than guessed at.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import threading
from collections.abc import Iterable
from pathlib import Path

from PIL import Image, ImageDraw

from extractors.limits import ParseLimits
from extractors.ocr.tesseract import TesseractOcr
from extractors.page_view.align import Interval, evidence_spans, original_spans
from extractors.page_view.layout import Box, PageLayout, page_layouts
from schemas.document import ParsedDocument
from schemas.page_view import PageView, PageViewRequest, RenderedPage

# Part of every cache key: a change to how pages are drawn draws them again.
RENDER_VERSION = "1"
REDACTION_FILL = (29, 42, 68)
EVIDENCE_OUTLINE = (230, 126, 0)
COVERED_FILL = (120, 124, 132)
MAX_WIDTH = 1100
_PAD = 2.0


class PageRenderer:
    """Renders and caches a document's pages; safe to call from several threads."""

    def __init__(
        self,
        processed: Path,
        cache: Path,
        limits: ParseLimits | None = None,
        ocr: TesseractOcr | None = None,
    ) -> None:
        self.processed = processed
        self.cache = cache
        self.limits = limits or ParseLimits()
        self.ocr = ocr or TesseractOcr()
        self._lock = threading.Lock()

    def __call__(self, request: PageViewRequest) -> PageView | None:
        """Every page of the document, or None when its processed file is not here."""
        folder = self.cache / _cache_key(request)
        with self._lock:
            cached = _read_cached(folder, request.doc_id)
            if cached is not None:
                return cached
            data = self._processed_file(request.doc_id)
            if data is None:
                return None
            view = render_pages(data, request, self.limits, self.ocr)
            _write_cached(folder, view)
            return view

    def _processed_file(self, doc_id: str) -> bytes | None:
        """The file the pipeline moved to processed/, checked against its id (its SHA-256)."""
        if not self.processed.is_dir():
            return None
        for path in sorted(self.processed.glob(f"{doc_id[:12]}-*")):
            data = path.read_bytes()
            if hashlib.sha256(data).hexdigest() == doc_id:
                return data
        return None


def render_pages(
    data: bytes, request: PageViewRequest, limits: ParseLimits, ocr: TesseractOcr
) -> PageView:
    layouts = page_layouts(data, request.pages, limits, ocr)
    original = ParsedDocument.PAGE_SEPARATOR.join(layout.text for layout in layouts)
    redacted = list(request.spans)
    originals = original_spans(original, request.redacted_text, redacted)
    quotes = evidence_spans(list(request.evidence), redacted, originals) if originals else []
    pages = []
    offset = 0
    for layout in layouts:
        end = offset + len(layout.text)
        if originals is None:
            pages.append(_covered(layout, "the file's text does not match the trail's"))
        else:
            pages.append(
                _drawn(layout, _within(originals, offset, end), _within(quotes, offset, end))
            )
        offset = end + len(ParsedDocument.PAGE_SEPARATOR)
    return PageView(doc_id=request.doc_id, pages=tuple(pages))


def _within(spans: Iterable[Interval], start: int, end: int) -> list[Interval]:
    """The parts of `spans` on the page [start, end), in page offsets."""
    return [(max(a, start) - start, min(b, end) - start) for a, b in spans if a < end and start < b]


def _drawn(layout: PageLayout, redacted: list[Interval], quotes: list[Interval]) -> RenderedPage:
    fills: list[Box] = []
    for start, end in redacted:
        chars = range(start, end)
        if any(layout.boxes[i] is None and not layout.text[i].isspace() for i in chars):
            return _covered(layout, "a redacted span has no known place on the page")
        fills.extend(_line_boxes(layout.boxes[i] for i in chars))
    outlines = [box for start, end in quotes for box in _line_boxes(layout.boxes[start:end])]
    image = layout.image.copy()
    pen = ImageDraw.Draw(image)
    for left, top, right, bottom in outlines:
        pen.rectangle((left - 4, top - 4, right + 4, bottom + 4), outline=EVIDENCE_OUTLINE, width=3)
    for left, top, right, bottom in fills:
        pen.rectangle((left - _PAD, top - _PAD, right + _PAD, bottom + _PAD), fill=REDACTION_FILL)
    return RenderedPage(
        number=layout.number,
        png=_png(image),
        boxed=len(fills),
        outlined=len(outlines),
        covered=False,
    )


def _covered(layout: PageLayout, why: str) -> RenderedPage:
    image = Image.new("RGB", layout.image.size, COVERED_FILL)
    ImageDraw.Draw(image).text((24, 24), f"Page {layout.number} is not shown: {why}.", fill="white")
    return RenderedPage(
        number=layout.number, png=_png(image), boxed=0, outlined=0, covered=True, note=why
    )


def _line_boxes(boxes: Iterable[Box | None]) -> list[Box]:
    """Characters' boxes joined into one box per line (a line: boxes that overlap vertically)."""
    joined: list[Box] = []
    for box in boxes:
        if box is None:
            continue
        if joined:
            left, top, right, bottom = joined[-1]
            if box[1] < bottom and top < box[3] and box[0] >= left - 1:
                joined[-1] = (left, min(top, box[1]), max(right, box[2]), max(bottom, box[3]))
                continue
        joined.append(box)
    return joined


def _png(image: Image.Image) -> bytes:
    if image.width > MAX_WIDTH:
        height = round(image.height * MAX_WIDTH / image.width)
        image = image.resize((MAX_WIDTH, height), Image.Resampling.LANCZOS)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")  # no text chunks: PIL writes none unless asked
    return buffer.getvalue()


def _cache_key(request: PageViewRequest) -> str:
    marks = json.dumps([request.spans, request.evidence])
    basis = f"{RENDER_VERSION}\n{request.doc_id}\n{request.redacted_text_sha256}\n{marks}"
    return hashlib.sha256(basis.encode()).hexdigest()


def _read_cached(folder: Path, doc_id: str) -> PageView | None:
    manifest = folder / "pages.json"
    if not manifest.is_file():
        return None
    entries = json.loads(manifest.read_text())
    pages = tuple(
        RenderedPage(png=(folder / f"{entry['number']}.png").read_bytes(), **entry)
        for entry in entries
    )
    return PageView(doc_id=doc_id, pages=pages)


def _write_cached(folder: Path, view: PageView) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for page in view.pages:
        _write_atomic(folder / f"{page.number}.png", page.png)
    entries = [page.model_dump(exclude={"png"}) for page in view.pages]
    _write_atomic(folder / "pages.json", json.dumps(entries).encode())


def _write_atomic(path: Path, data: bytes) -> None:
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_bytes(data)
    os.replace(temporary, path)


__all__ = ["PageRenderer", "render_pages"]
