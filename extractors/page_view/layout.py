"""Each page of a file as an image, its text exactly as parsing read it, and where each
character of that text lies on the image.

PDF text layers: pdfium's character boxes (the same text pages parsing reads). Scans and
image files: Tesseract's word boxes, every character of a word taking the word's box. Plain
text: drawn line by line, each character's box measured with the font.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass

import pypdfium2
from PIL import Image, ImageDraw, ImageFont, ImageSequence

from extractors.ingest import detect_kind
from extractors.limits import ParseLimits
from extractors.ocr.normalize import normalize_ocr_text
from extractors.ocr.tesseract import OcrWord, TesseractOcr
from extractors.parse.pdf import _PDFIUM_LOCK, _render
from extractors.parse.text import parse_text
from schemas.document import PageFacts, PageSource, SourceKind

Box = tuple[float, float, float, float]  # left, top, right, bottom in image pixels

# Text layers are drawn at twice PDF resolution (144 dpi), sharp enough to read small print.
_TEXT_LAYER_SCALE = 2.0
_PLAIN_FONT_SIZE = 18
_PLAIN_WRAP = 100  # characters per drawn line; longer lines continue on the next


@dataclass
class PageLayout:
    number: int
    source: PageSource
    text: str
    image: Image.Image
    boxes: list[Box | None]  # one per character of `text`; None where it has no place


def page_layouts(
    data: bytes, facts: tuple[PageFacts, ...], limits: ParseLimits, ocr: TesseractOcr
) -> list[PageLayout]:
    """Every page, read the way parsing read it; `facts` says which pages were OCR'd."""
    kind = detect_kind(data)
    if kind is SourceKind.PDF:
        return list(_pdf_pages(data, facts, limits, ocr))
    if kind is SourceKind.TEXT:
        return [_plain_page(parse_text(data).text)]
    return list(_image_pages(data, ocr))


def _pdf_pages(
    data: bytes, facts: tuple[PageFacts, ...], limits: ParseLimits, ocr: TesseractOcr
) -> Iterator[PageLayout]:
    sources = {f.number: f.source for f in facts}
    with _PDFIUM_LOCK:
        document = pypdfium2.PdfDocument(data)
    try:
        with _PDFIUM_LOCK:
            count = len(document)
        for index in range(count):
            if sources.get(index + 1) is PageSource.OCR:
                with _PDFIUM_LOCK:
                    scan = _render(document, index, limits)
                yield _ocr_page(index + 1, scan, ocr)
            else:
                with _PDFIUM_LOCK:
                    yield _text_layer_page(document, index)
    finally:
        with _PDFIUM_LOCK:
            document.close()


def _text_layer_page(document: pypdfium2.PdfDocument, index: int) -> PageLayout:
    """The caller holds the pdfium lock."""
    page = document[index]
    try:
        _, height = page.get_size()
        bitmap = page.render(scale=_TEXT_LAYER_SCALE)
        try:
            image = bitmap.to_pil().convert("RGB")
        finally:
            bitmap.close()
        textpage = page.get_textpage()
        try:
            raw: str = textpage.get_text_range()
            boxes: list[Box | None] = []
            if len(raw) == textpage.count_chars():
                for i, char in enumerate(raw):
                    if char.isspace():
                        boxes.append(None)
                        continue
                    left, bottom, right, top = textpage.get_charbox(i, loose=True)
                    s = _TEXT_LAYER_SCALE
                    boxes.append((left * s, (height - top) * s, right * s, (height - bottom) * s))
            else:
                # Characters outside the BMP count twice in pdfium: positions unknown.
                boxes = [None] * len(raw)
        finally:
            textpage.close()
    finally:
        page.close()
    text, kept = _unix_newlines(raw)
    return PageLayout(index + 1, PageSource.TEXT_LAYER, text, image, [boxes[i] for i in kept])


def _unix_newlines(raw: str) -> tuple[str, list[int]]:
    """Parsing turns CRLF and CR into LF: the same here, keeping which raw index each is."""
    chars: list[str] = []
    kept: list[int] = []
    i = 0
    while i < len(raw):
        if raw[i] == "\r":
            chars.append("\n")
            kept.append(i)
            i += 2 if raw[i + 1 : i + 2] == "\n" else 1
            continue
        chars.append(raw[i])
        kept.append(i)
        i += 1
    return "".join(chars), kept


def _image_pages(data: bytes, ocr: TesseractOcr) -> Iterator[PageLayout]:
    image = Image.open(io.BytesIO(data))
    for index, frame in enumerate(ImageSequence.Iterator(image)):
        frame.load()
        yield _ocr_page(index + 1, frame.copy(), ocr)


def _ocr_page(number: int, scan: Image.Image, ocr: TesseractOcr) -> PageLayout:
    result, words = ocr.recognize_words(scan)
    text = normalize_ocr_text(result.text)
    return PageLayout(number, PageSource.OCR, text, scan.convert("RGB"), _word_boxes(text, words))


def _word_boxes(text: str, words: list[OcrWord]) -> list[Box | None]:
    """Each word found in the text in reading order; its characters take its box. A word
    normalisation joined to its neighbour ("809-81 -5483") is still found as it stands."""
    boxes: list[Box | None] = [None] * len(text)
    position = 0
    for word in words:
        at = text.find(word.text, position, position + len(word.text) + 16)
        if at < 0:
            continue  # its characters stay without a box: the renderer covers what it must
        box = tuple(float(v) for v in word.box)
        for i in range(at, at + len(word.text)):
            boxes[i] = box  # type: ignore[assignment]
        position = at + len(word.text)
    return boxes


def _plain_page(text: str) -> PageLayout:
    font = ImageFont.load_default(size=_PLAIN_FONT_SIZE)
    line_height = _PLAIN_FONT_SIZE * 1.4
    margin = 24.0
    boxes: list[Box | None] = []
    drawn: list[tuple[float, float, str]] = []
    x = y = margin
    column = 0
    widest = margin
    for char in text:
        if char == "\n" or column >= _PLAIN_WRAP:
            x, y, column = margin, y + line_height, 0
            if char == "\n":
                boxes.append(None)
                continue
        width = font.getlength(char)
        boxes.append(None if char.isspace() else (x, y, x + width, y + line_height))
        drawn.append((x, y, char))
        x += width
        column += 1
        widest = max(widest, x)
    image = Image.new("RGB", (int(widest + margin), int(y + line_height + margin)), "white")
    pen = ImageDraw.Draw(image)
    for left, top, char in drawn:
        pen.text((left, top), char, fill="black", font=font)
    return PageLayout(1, PageSource.PLAIN_TEXT, text, image, boxes)
