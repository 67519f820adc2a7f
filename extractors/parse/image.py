"""Scanned images (PNG, JPEG, multi-page TIFF): every frame goes through OCR."""

from __future__ import annotations

import io
import warnings
from collections.abc import Iterator

from PIL import Image, ImageSequence, UnidentifiedImageError

from extractors.errors import RejectedInput
from extractors.limits import ParseLimits
from extractors.ocr.normalize import normalize_ocr_text
from extractors.ocr.tesseract import TesseractOcr
from schemas.document import Page, PageSource


def parse_image(data: bytes, limits: ParseLimits, ocr: TesseractOcr) -> Iterator[Page]:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
            width, height = image.size
            if width * height > limits.max_image_pixels:
                raise RejectedInput(
                    "image_too_large",
                    f"the image is {width:,}x{height:,} pixels; the limit is "
                    f"{limits.max_image_pixels:,} pixels",
                    hint="rescan at 300 dpi",
                )
            frames = getattr(image, "n_frames", 1)
            if frames > limits.max_pages:
                raise RejectedInput(
                    "too_many_pages",
                    f"the image has {frames:,} frames; the limit is {limits.max_pages:,}",
                    hint="split the scan or raise ATTEST_MAX_PAGES",
                )
            for index, frame in enumerate(ImageSequence.Iterator(image)):
                frame.load()
                result = ocr.recognize(frame)
                yield Page(
                    number=index + 1,
                    text=normalize_ocr_text(result.text),
                    source=PageSource.OCR,
                    ocr_confidence=result.confidence,
                )
    except (Image.DecompressionBombWarning, Image.DecompressionBombError) as error:
        raise RejectedInput(
            "image_too_large", "the image is a decompression bomb", hint="rescan at 300 dpi"
        ) from error
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
        raise RejectedInput(
            "malformed_image",
            f"the image cannot be decoded ({type(error).__name__})",
            hint="the file is truncated or damaged; re-scan it",
        ) from error
