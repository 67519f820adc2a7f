"""Text-layer parsing speed against the physical limit (raw pypdfium2 text extraction of the
same pages), and OCR speed against Tesseract alone on the same page images, using both cores."""

from __future__ import annotations

import argparse
import io
import time
from concurrent.futures import ProcessPoolExecutor

import pypdfium2

from bench.common import print_header, print_table, save
from corpora.demo_inbox import (
    FINANCE_SCANNED_KYC,
    LEGAL_SERVICES,
    SAMPLES,
    document_bytes,
    render_scan,
)
from extractors.ingest import detect_kind
from extractors.limits import ParseLimits
from extractors.ocr.tesseract import TesseractOcr
from extractors.parse import parse_document
from schemas.document import Ingested


def _ingested(data: bytes) -> Ingested:
    return Ingested(doc_id="bench", kind=detect_kind(data), size_bytes=len(data), name_sha256="")


def text_layer(rounds: int) -> dict[str, float]:
    data = document_bytes(LEGAL_SERVICES)
    pages = 2 * rounds
    limits, ocr = ParseLimits(), TesseractOcr()
    started = time.perf_counter()
    for _ in range(rounds):
        parse_document(data, _ingested(data), limits, ocr)
    ours = pages / (time.perf_counter() - started)
    started = time.perf_counter()
    for _ in range(rounds):
        document = pypdfium2.PdfDocument(data)
        for page in document:
            page.get_textpage().get_text_range()
        document.close()
    raw = pages / (time.perf_counter() - started)
    return {
        "what": "text layer (1 core)",
        "pages_per_s": ours,
        "limit_pages_per_s": raw,
        "fraction": ours / raw,
    }


def _ocr_ours(png: bytes) -> float:
    started = time.perf_counter()
    parse_document(png, _ingested(png), ParseLimits(), TesseractOcr())
    return time.perf_counter() - started


def _ocr_alone(png: bytes) -> float:
    import subprocess

    started = time.perf_counter()
    subprocess.run(
        ["tesseract", "stdin", "stdout"],
        input=png,
        capture_output=True,
        check=True,
        env={"OMP_THREAD_LIMIT": "1", "PATH": "/usr/bin:/bin"},
    )
    return time.perf_counter() - started


def ocr(pages: int, workers: int) -> dict[str, float]:
    buffer = io.BytesIO()
    render_scan(FINANCE_SCANNED_KYC.pages[0] * 3).save(buffer, format="PNG")
    png = buffer.getvalue()
    with ProcessPoolExecutor(workers) as pool:
        started = time.perf_counter()
        list(pool.map(_ocr_ours, [png] * pages))
        ours = pages / (time.perf_counter() - started)
        started = time.perf_counter()
        list(pool.map(_ocr_alone, [png] * pages))
        alone = pages / (time.perf_counter() - started)
    return {
        "what": f"OCR 300 dpi ({workers} processes)",
        "pages_per_s": ours,
        "limit_pages_per_s": alone,
        "fraction": ours / alone,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=200)
    parser.add_argument("--ocr-pages", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    print_header("parsing and OCR speed against their physical limits")
    assert len(SAMPLES) > 0
    rows = [text_layer(args.rounds), ocr(args.ocr_pages, args.workers)]
    print_table(rows)
    print(f"   OCR: {rows[1]['pages_per_s'] * 60:.1f} pages/minute")
    save("parse_speed", {"rows": rows})


if __name__ == "__main__":
    main()
