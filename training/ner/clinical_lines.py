"""Real clinical text for the NER: lines of MTSamples reports, trained on as text with no entity.

MTSamples (4,999 transcribed medical reports, CC0; see data/NOTICE) is already de-identified, so
its lines teach the model what real notes look like when nothing in them is a name: drug names,
eponyms, anatomy, headings and vital signs. Only the training split is used; every 4th report
(`extractors.redact.mtsamples.is_held_out`) is never trained on and is what the over-redaction figures are measured on.

The lines are committed (`data/mtsamples_train.txt`), so a fresh clone trains the same model
without the corpus; `python -m training.ner.clinical_lines CSV` rebuilds the file.
Lines that name someone after a title or a label ("Dr. Trask", "Patient: ...") are left out:
the model must not learn that such names are not names.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from collections.abc import Iterator
from pathlib import Path

from extractors.redact.mtsamples import is_held_out, read_reports

DATA_FILE = Path(__file__).parent / "data" / "mtsamples_train.txt"
LINES = 6_000
_SEED = 4999

# MTSamples writes its line breaks as ", " runs (",1.  Left atrial ...,2.  Normal ...").
_BREAK = re.compile(r",\s*(?=,|\d+\.\s|[A-Z][A-Z /&-]{2,}:)|\s{3,}")
_NAMED = re.compile(
    r"\b(?:Dr|Mr|Mrs|Ms|Miss|Prof)\b\.?\s+\w|\b(?:Patient|Name|Physician|Surgeon|Assistant|"
    r"Attending|Referring|Dictated|Signed|cc)\b\s*:"
)


def _fragments(text: str) -> Iterator[str]:
    for part in _BREAK.split(text):
        part = " ".join(part.split()).strip(" ,")
        if 12 <= len(part) <= 400 and not _NAMED.search(part):
            yield part


def select_lines(csv_path: Path, count: int = LINES) -> list[str]:
    """`count` fragments of training-split reports, in a fixed random order."""
    fragments = sorted(
        {
            f
            for index, text in read_reports(csv_path)
            if not is_held_out(index)
            for f in _fragments(text)
        }
    )
    random.Random(_SEED).shuffle(fragments)
    return fragments[:count]


def training_lines() -> list[str]:
    """The committed lines, one example each."""
    return [line for line in DATA_FILE.read_text(encoding="utf-8").splitlines() if line]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="rebuild the NER's MTSamples training lines")
    parser.add_argument("csv", type=Path, help="mtsamples.csv")
    parser.add_argument("--count", type=int, default=LINES)
    args = parser.parse_args(argv)
    lines = select_lines(args.csv, args.count)
    DATA_FILE.parent.mkdir(parents=True, exist_ok=True)
    DATA_FILE.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    print(f"{len(lines)} lines -> {DATA_FILE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
