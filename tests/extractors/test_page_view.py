"""The page beside the extraction: identifiers boxed out of the image, evidence outlined."""

from __future__ import annotations

import hashlib
import io

import pytest
from PIL import Image

from corpora.demo_inbox import SampleDocument, document_bytes
from extractors.ingest import detect_kind
from extractors.limits import ParseLimits
from extractors.ocr.tesseract import TesseractOcr
from extractors.page_view import PageRenderer, render_pages
from extractors.page_view.align import evidence_spans, original_spans
from extractors.parse import parse_document
from extractors.redact import Redactor
from schemas.document import Ingested, PageFacts
from schemas.page_view import PageView, PageViewRequest
from schemas.redaction import RedactedDocument

NOTE = (
    "DISCHARGE SUMMARY\n"
    "Patient: Johanna Whitfield, MRN 4471932\n"
    "Patient reports substernal chest pain that began at rest.\n"
    "Call 555-201-7731 with questions."
)


@pytest.fixture(scope="module")
def redactor() -> Redactor:
    return Redactor()


def _request(data: bytes, ocr: TesseractOcr, redactor: Redactor, quote: str) -> PageViewRequest:
    doc_id = hashlib.sha256(data).hexdigest()
    ingested = Ingested(doc_id=doc_id, kind=detect_kind(data), size_bytes=len(data), name_sha256="")
    parsed = parse_document(data, ingested, ParseLimits(), ocr)
    redacted: RedactedDocument = redactor.redact(doc_id, parsed.text, "clinical")
    at = redacted.text.index(quote)
    return PageViewRequest(
        doc_id=doc_id,
        redacted_text=redacted.text,
        redacted_text_sha256=redacted.text_sha256,
        spans=tuple((s.start, s.end) for s in redacted.spans),
        evidence=((at, at + len(quote)),),
        pages=tuple(
            PageFacts(number=p.number, source=p.source, chars=len(p.text)) for p in parsed.pages
        ),
    )


def _read_back(png: bytes, ocr: TesseractOcr) -> str:
    image = Image.open(io.BytesIO(png))
    # The view is drawn at ~100 dpi; Tesseract reads best near 300.
    return ocr.recognize(image.resize((image.width * 3, image.height * 3))).text


@pytest.mark.parametrize("scanned", [False, True], ids=["text layer", "scan"])
def test_redacted_identifiers_cannot_be_read_back_from_the_page_image(
    scanned: bool, redactor: Redactor
) -> None:
    ocr = TesseractOcr()
    data = document_bytes(
        SampleDocument(
            filename="n.pdf",
            domain="clinical",
            pages=(NOTE,),
            scanned_pages=frozenset({1}) if scanned else frozenset(),
        )
    )
    request = _request(data, ocr, redactor, "chest pain")

    [page] = render_pages(data, request, ParseLimits(), ocr).pages

    seen = _read_back(page.png, ocr)
    assert "began at rest" in seen  # the page is legible...
    for identifier in ("Whitfield", "Johanna", "4471932", "7731"):
        assert identifier not in seen  # ...but none of its identifiers
    assert not page.covered and page.boxed >= 3 and page.outlined == 1


@pytest.mark.parametrize("kind", ["text", "png"])
def test_text_files_and_image_scans_are_shown_with_identifiers_boxed_out(
    kind: str, redactor: Redactor
) -> None:
    ocr = TesseractOcr()
    if kind == "text":
        data = NOTE.encode()
    else:
        pdf = document_bytes(SampleDocument(filename="n.pdf", domain="clinical", pages=(NOTE,)))
        data = _scan_of(pdf)
    request = _request(data, ocr, redactor, "chest pain")

    [page] = render_pages(data, request, ParseLimits(), ocr).pages

    seen = _read_back(page.png, ocr)
    assert "began at rest" in seen
    assert not [i for i in ("Whitfield", "Johanna", "4471932", "7731") if i in seen]
    assert not page.covered and page.boxed >= 3


def _scan_of(pdf: bytes) -> bytes:
    """The PDF's page as a 300 dpi PNG, as a scanner would deliver it."""
    import pypdfium2

    document = pypdfium2.PdfDocument(pdf)
    try:
        image = document[0].render(scale=300 / 72, grayscale=True).to_pil()
        buffer = io.BytesIO()
        image.save(buffer, format="PNG")
        return buffer.getvalue()
    finally:
        document.close()


def test_a_page_whose_text_does_not_fit_the_trail_is_covered_whole(redactor: Redactor) -> None:
    ocr = TesseractOcr()
    data = document_bytes(SampleDocument(filename="n.pdf", domain="clinical", pages=(NOTE,)))
    request = _request(data, ocr, redactor, "chest pain")
    other = request.model_copy(update={"redacted_text": "Something else: <PERSON_1>."})

    [page] = render_pages(data, other, ParseLimits(), ocr).pages

    assert page.covered
    assert "Whitfield" not in _read_back(page.png, ocr)


def test_pages_are_cached_outside_the_store_and_only_as_redacted_images(
    redactor: Redactor, tmp_path: object
) -> None:
    from pathlib import Path

    root = Path(str(tmp_path))
    ocr = TesseractOcr()
    data = document_bytes(SampleDocument(filename="n.pdf", domain="clinical", pages=(NOTE,)))
    request = _request(data, ocr, redactor, "chest pain")
    (root / "processed").mkdir()
    (root / "processed" / f"{request.doc_id[:12]}-n.pdf").write_bytes(data)
    renderer = PageRenderer(root / "processed", root / "cache", ocr=ocr)

    first = renderer(request)
    again = renderer(request)

    assert isinstance(first, PageView) and first == again
    cached = [p for p in (root / "cache").rglob("*") if p.is_file()]
    assert {p.suffix for p in cached} == {".png", ".json"}
    assert all(b"Whitfield" not in p.read_bytes() for p in cached)
    assert renderer(request.model_copy(update={"doc_id": "0" * 64})) is None


def test_spans_are_found_in_the_original_between_the_verbatim_pieces() -> None:
    original = "Seen by Ann Lee on 3/4/2020, MRN 12345."
    redacted = "Seen by <P1> on <D1>, MRN <M1>."
    spans = [(8, 12), (16, 20), (26, 30)]

    found = original_spans(original, redacted, spans)

    assert found is not None
    assert [original[a:b] for a, b in found] == ["Ann Lee", "3/4/2020", "12345"]
    # A quote over a placeholder covers the whole original behind it.
    [(a, b)] = evidence_spans([(8, 20)], spans, found)
    assert original[a:b] == "Ann Lee on 3/4/2020"


def test_texts_that_do_not_fit_together_have_no_alignment() -> None:
    assert original_spans("Seen by Ann Lee.", "Seen by <P1>!", [(8, 12)]) is None
    assert original_spans("abc", "abd", []) is None
