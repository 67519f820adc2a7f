"""Tesseract OCR through its command-line program, one thread per process.

Tesseract's OpenMP threads fight each other on a small machine (8-14 s/page instead of ~2 s):
`OMP_THREAD_LIMIT=1` here, and parallelism comes from the batch running documents side by side.
"""

from __future__ import annotations

import csv
import io
import os
import shutil
import subprocess
from dataclasses import dataclass
from functools import cached_property

from PIL import Image

from extractors.errors import OcrUnavailable, RejectedInput


@dataclass(frozen=True)
class OcrResult:
    text: str
    confidence: float
    """Mean word confidence, 0-100 (Tesseract's own scale); 0 when no word was found."""


@dataclass(frozen=True)
class OcrWord:
    text: str
    box: tuple[int, int, int, int]
    """left, top, right, bottom in the image's pixels."""


class TesseractOcr:
    def __init__(self, binary: str = "tesseract", language: str = "eng", timeout_s: float = 120.0):
        self.binary = binary
        self.language = language
        self.timeout_s = timeout_s

    def _path(self) -> str:
        found = shutil.which(self.binary)
        if found is None:
            raise OcrUnavailable(f"the OCR program {self.binary!r} is not installed or not on PATH")
        return found

    @cached_property
    def _version(self) -> str:
        result = subprocess.run(
            [self._path(), "--version"], capture_output=True, text=True, timeout=30, check=False
        )
        first = (result.stdout or result.stderr).splitlines()
        return first[0].strip() if first else "tesseract unknown"

    def version(self) -> str:
        """e.g. 'tesseract 5.3.0'; recorded with every OCR'd page."""
        return self._version

    def recognize(self, image: Image.Image) -> OcrResult:
        return _from_tsv(self._tsv(image))

    def recognize_words(self, image: Image.Image) -> tuple[OcrResult, list[OcrWord]]:
        """The same result as `recognize`, and each word with its box in image pixels."""
        tsv = self._tsv(image)
        return _from_tsv(tsv), _words(tsv)

    def _tsv(self, image: Image.Image) -> str:
        buffer = io.BytesIO()
        image.convert("L").save(buffer, format="PNG")
        env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
        try:
            result = subprocess.run(
                [self._path(), "stdin", "stdout", "-l", self.language, "--psm", "3", "tsv"],
                input=buffer.getvalue(),
                capture_output=True,
                timeout=self.timeout_s,
                env=env,
                check=False,
            )
        except subprocess.TimeoutExpired as error:
            raise RejectedInput(
                "ocr_timeout",
                f"OCR of one page took longer than {self.timeout_s:.0f} s",
                hint="check the scan's resolution; a clean 300 dpi page takes about 2 s",
            ) from error
        if result.returncode != 0:
            message = result.stderr.decode("utf-8", "replace").strip().splitlines()
            raise OcrUnavailable(
                f"tesseract failed (exit {result.returncode}): {message[-1] if message else ''}"
            )
        return result.stdout.decode("utf-8", "replace")


def _words(tsv: str) -> list[OcrWord]:
    words = []
    reader = csv.DictReader(io.StringIO(tsv), delimiter="\t", quoting=csv.QUOTE_NONE)
    for row in reader:
        text = (row.get("text") or "").strip()
        if row.get("level") != "5" or not text:
            continue
        left, top = int(row["left"]), int(row["top"])
        box = (left, top, left + int(row["width"]), top + int(row["height"]))
        words.append(OcrWord(text, box))
    return words


def _from_tsv(tsv: str) -> OcrResult:
    """Rebuild lines from Tesseract's TSV and average the confidence of real words."""
    lines: dict[tuple[int, int, int], list[str]] = {}
    confidences: list[float] = []
    reader = csv.DictReader(io.StringIO(tsv), delimiter="\t", quoting=csv.QUOTE_NONE)
    for row in reader:
        if row.get("level") != "5":
            continue
        word = (row.get("text") or "").strip()
        if not word:
            continue
        key = (int(row["block_num"]), int(row["par_num"]), int(row["line_num"]))
        lines.setdefault(key, []).append(word)
        confidences.append(float(row["conf"]))
    paragraphs: list[str] = []
    previous: tuple[int, int] | None = None
    for (block, par, _line), words in lines.items():
        if previous is not None and previous != (block, par):
            paragraphs.append("")
        paragraphs.append(" ".join(words))
        previous = (block, par)
    confidence = sum(confidences) / len(confidences) if confidences else 0.0
    return OcrResult("\n".join(paragraphs), round(confidence, 2))
