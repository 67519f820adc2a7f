"""MTSamples, the CC0 corpus of transcribed medical reports: reading it, and its fixed split.

Every 4th report is held out: the NER's training lines (training/ner/clinical_lines.py) and
the clinical vocabulary's lists (clinical_vocabulary.py) never read it, and the over-redaction
figures (`attest eval redaction mtsamples.csv --held-out-only`) are measured on it alone.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

HELD_OUT_EVERY = 4


def is_held_out(row_index: int) -> bool:
    """The fixed evaluation split: every 4th report (1,249 of 4,999), never trained on."""
    return row_index % HELD_OUT_EVERY == HELD_OUT_EVERY - 1


def read_reports(csv_path: Path) -> Iterator[tuple[int, str]]:
    """(row index, transcription) for every report in the MTSamples CSV."""
    csv.field_size_limit(1 << 26)
    with csv_path.open(encoding="utf-8", newline="") as handle:
        for index, row in enumerate(csv.DictReader(handle)):
            yield index, row["transcription"]
