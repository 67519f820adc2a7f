"""PDF pages: the text layer through pypdf, pages without usable text rendered and OCR'd."""

from __future__ import annotations

import io
import logging
import threading
import zlib
from collections.abc import Iterator

import pypdf
import pypdfium2
from PIL import Image
from pypdf.errors import FileNotDecryptedError, LimitReachedError, PyPdfError

from extractors.errors import RejectedInput
from extractors.limits import ParseLimits
from extractors.ocr.normalize import normalize_ocr_text
from extractors.ocr.tesseract import TesseractOcr
from schemas.document import Page, PageSource

# pypdf logs warnings about broken files with fragments of their content: keep them out of logs.
logging.getLogger("pypdf").setLevel(logging.ERROR)


# PDFium is not thread-safe, not even across different documents, and the batch parses on a
# thread pool: concurrent calls corrupted the heap ("double free or corruption", SIGABRT).
# Every pdfium call, including closing pages and bitmaps, holds this lock; OCR does not.
_PDFIUM_LOCK = threading.RLock()


# What pypdf raises on damaged files, besides its own errors: a broken xref or content stream
# surfaces as plain Python errors from deep inside the parser.
_BROKEN = (
    PyPdfError,
    ValueError,
    KeyError,
    TypeError,
    AttributeError,
    IndexError,
    RecursionError,
    AssertionError,
    UnicodeError,
    OverflowError,
    ZeroDivisionError,
    NotImplementedError,
)


def _bomb() -> RejectedInput:
    return RejectedInput(
        "decompression_bomb",
        "a compressed stream in the PDF expands beyond the safe limit (75 MB)",
        hint="the file is hostile or broken; do not open it on a workstation",
    )


def _open(data: bytes) -> pypdf.PdfReader:
    try:
        reader = pypdf.PdfReader(io.BytesIO(data), strict=False)
        # The empty password opens the file either as its user or, when the owner password is
        # empty too (RC4 V2/R3 filings often are), as its owner: both read without a password,
        # as pdfium and every viewer do. Only a file the empty password cannot open is closed.
        if reader.is_encrypted and reader.decrypt("") == pypdf.PasswordType.NOT_DECRYPTED:
            raise FileNotDecryptedError("needs a password")
        _ = len(reader.pages)
    except FileNotDecryptedError as error:
        raise RejectedInput(
            "encrypted",
            "the PDF is encrypted with a password",
            hint="ask the sender for an unencrypted copy; attest never guesses passwords",
        ) from error
    except LimitReachedError as error:
        raise _bomb() from error
    except _BROKEN as error:
        raise RejectedInput(
            "malformed_pdf",
            f"the PDF cannot be read ({type(error).__name__})",
            hint="the file is truncated or damaged; re-export or re-scan it",
        ) from error
    return reader


def _text_layer(page: pypdf.PageObject, number: int) -> str:
    try:
        return page.extract_text() or ""
    except LimitReachedError as error:
        raise _bomb() from error
    except _BROKEN as error:
        raise RejectedInput(
            "malformed_pdf",
            f"page {number} has a broken content stream ({type(error).__name__})",
            hint="the file is damaged; re-export or re-scan it",
        ) from error


_DEFLATE_MAX_RATIO = 1032


def _guard_inflation(page: pypdf.PageObject, number: int, limits: ParseLimits) -> None:
    """Measure how far the page's Flate content streams inflate, in bounded memory.

    pypdf and pdfium both inflate a content stream whole before reading it; a 300 KB stream
    can hold gigabytes. Counting the output of a streaming decompressor costs time, not memory.
    """
    contents = page.get("/Contents")
    if contents is None:
        return
    streams = contents.get_object()
    items = list(streams) if isinstance(streams, pypdf.generic.ArrayObject) else [streams]
    budget = limits.max_stream_bytes
    # Deflate cannot expand more than 1032:1, so small streams cannot exceed the budget: only
    # streams that could are inflated (and only up to the budget), normal pages cost nothing.
    if (
        sum(len(getattr(i.get_object(), "_data", b"")) for i in items) * _DEFLATE_MAX_RATIO
        <= budget
    ):
        return
    for item in items:
        stream = item.get_object()
        if not isinstance(stream, pypdf.generic.StreamObject):
            continue
        if stream.get("/Filter") not in ("/FlateDecode", ["/FlateDecode"]):
            continue
        inflater = zlib.decompressobj()
        raw = stream._data
        for start in range(0, len(raw), 65536):
            budget -= len(inflater.decompress(raw[start : start + 65536], budget + 1))
            while inflater.unconsumed_tail and budget >= 0:
                budget -= len(inflater.decompress(inflater.unconsumed_tail, budget + 1))
            if budget < 0:
                raise _bomb_on_page(number, limits)


def _bomb_on_page(number: int, limits: ParseLimits) -> RejectedInput:
    return RejectedInput(
        "decompression_bomb",
        f"page {number}'s content inflates beyond {limits.max_stream_bytes // 2**20} MB",
        hint="the file is hostile or broken; do not open it on a workstation",
    )


def _usable(text: str, limits: ParseLimits) -> bool:
    return sum(not ch.isspace() for ch in text) >= limits.min_text_chars


def _pdfium(data: bytes) -> pypdfium2.PdfDocument:
    try:
        with _PDFIUM_LOCK:
            return pypdfium2.PdfDocument(data)
    except pypdfium2.PdfiumError as error:
        raise RejectedInput(
            "malformed_pdf",
            "pdfium cannot open the PDF",
            hint="the file is damaged; re-export or re-scan it",
        ) from error


def _pdfium_for(reader: pypdf.PdfReader, data: bytes) -> pypdfium2.PdfDocument:
    """pdfium on the file; for an encrypted file it refuses (AES-256 R5/R6 whose owner
    password is empty: pdfium tries the empty password as the user's only), on the copy
    pypdf decrypted, which then costs the file's size once more."""
    try:
        return _pdfium(data)
    except RejectedInput:
        if not reader.is_encrypted:
            raise
    try:
        decrypted = io.BytesIO()
        pypdf.PdfWriter(clone_from=reader).write(decrypted)
    except LimitReachedError as error:
        raise _bomb() from error
    except _BROKEN as error:
        raise RejectedInput(
            "malformed_pdf",
            f"the encrypted PDF cannot be decrypted for rendering ({type(error).__name__})",
            hint="the file is damaged; re-export or re-scan it",
        ) from error
    return _pdfium(decrypted.getvalue())


def _pdfium_text(document: pypdfium2.PdfDocument, index: int) -> str | None:
    """The page's text layer through pdfium (3x faster than pypdf); None if pdfium fails."""
    try:
        with _PDFIUM_LOCK:
            page = document[index]
            try:
                textpage = page.get_textpage()
                try:
                    text: str = textpage.get_text_range()
                finally:
                    textpage.close()
            finally:
                page.close()
    except pypdfium2.PdfiumError:
        return None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _ocr_page(
    document: pypdfium2.PdfDocument, index: int, limits: ParseLimits, ocr: TesseractOcr
) -> Page:
    try:
        with _PDFIUM_LOCK:
            image = _render(document, index, limits)
    except pypdfium2.PdfiumError as error:
        raise RejectedInput(
            "malformed_pdf",
            f"page {index + 1} cannot be rendered for OCR",
            hint="the file is damaged; re-export or re-scan it",
        ) from error
    result = ocr.recognize(image)
    return Page(
        number=index + 1,
        text=normalize_ocr_text(result.text),
        source=PageSource.OCR,
        ocr_confidence=result.confidence,
    )


def _render(document: pypdfium2.PdfDocument, index: int, limits: ParseLimits) -> Image.Image:
    """The page as a grayscale image at the OCR resolution; the caller holds the pdfium lock."""
    page = document[index]
    try:
        width_pt, height_pt = page.get_size()
        if width_pt <= 0 or height_pt <= 0:
            raise RejectedInput(
                "malformed_pdf", f"page {index + 1} has no size", hint="re-export it"
            )
        scale = limits.ocr_dpi / 72
        if width_pt * scale * height_pt * scale > limits.max_image_pixels:
            raise RejectedInput(
                "page_too_large",
                f"page {index + 1} would render to more than {limits.max_image_pixels:,} pixels",
                hint="the page size is not a real paper size; check the file",
            )
        bitmap = page.render(scale=scale, grayscale=True)
        try:
            # A grayscale PIL image shares the bitmap's buffer: copy it before pdfium frees it.
            image: Image.Image = bitmap.to_pil().copy()
            return image
        finally:
            bitmap.close()
    finally:
        page.close()


def parse_pdf(data: bytes, limits: ParseLimits, ocr: TesseractOcr) -> Iterator[Page]:
    """pypdf checks the file (encryption, page count, stream sizes) before pdfium touches it;
    pdfium reads the text layer (pypdf if pdfium fails on a page) and renders scans."""
    reader = _open(data)
    count = len(reader.pages)
    if count == 0:
        raise RejectedInput("no_pages", "the PDF has no pages", hint="re-export the source")
    if count > limits.max_pages:
        raise RejectedInput(
            "too_many_pages",
            f"the PDF has {count:,} pages; the limit is {limits.max_pages:,}",
            hint="split the document or raise ATTEST_MAX_PAGES",
        )
    document = _pdfium_for(reader, data)
    try:
        for index, page in enumerate(reader.pages):
            try:
                _guard_inflation(page, index + 1, limits)
            except LimitReachedError as error:
                raise _bomb() from error
            except (zlib.error, *_BROKEN) as error:
                raise RejectedInput(
                    "malformed_pdf",
                    f"page {index + 1} has a corrupt content stream ({type(error).__name__})",
                    hint="the file is damaged; re-export or re-scan it",
                ) from error
            text = _pdfium_text(document, index)
            if text is None:
                text = _text_layer(page, index + 1)
            if _usable(text, limits):
                yield Page(number=index + 1, text=text, source=PageSource.TEXT_LAYER)
            else:
                yield _ocr_page(document, index, limits, ocr)
    finally:
        with _PDFIUM_LOCK:
            document.close()
