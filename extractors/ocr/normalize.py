"""Undo the OCR errors that hide identifiers from the recognizers.

Tesseract splits digit groups ("809-81 -5483") and puts spaces around '@' and '.' in e-mail
addresses; Presidio then misses them. These rewrites only join what OCR split.
"""

from __future__ import annotations

import re

_SPLIT_DIGIT_GROUP = re.compile(r"(?<=\d)\s*([-/])\s*(?=\d)")
_EMAIL_AT = re.compile(r"(?<=[\w.])\s+@\s*(?=\w)|(?<=\w)@\s+(?=\w)")
_PAREN_AREA = re.compile(r"\(\s*(\d{3})\s*\)\s*(?=\d)")


def normalize_ocr_text(text: str) -> str:
    text = _SPLIT_DIGIT_GROUP.sub(r"\1", text)
    text = _EMAIL_AT.sub("@", text)
    text = _PAREN_AREA.sub(r"(\1) ", text)
    return text
