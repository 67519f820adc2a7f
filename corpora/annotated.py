"""Annotated documents: the format on disk, and readers for it and for presidio-research.

A corpus is a folder of `NAME.txt` + `NAME.json` pairs, where the JSON holds
`{"spans": [{"start": 0, "end": 4, "label": "PERSON"}, ...]}` (character offsets into the
text, end exclusive), or a JSON Lines file with one `{"id", "text", "spans"}` object per line.
The presidio-research data sets (a JSON list of `{"full_text", "spans": [{"entity_type",
"start_position", "end_position"}]}`) are read too, their labels mapped onto ours.

Unannotated text is read as well, for the over-redaction figures only: a `NAME.txt` with no
`NAME.json` beside it, or a CSV file with a `transcription` or `text` column (MTSamples);
`held_out_only` keeps the MTSamples rows the NER never trains on.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# Gold labels: what the HIPAA Safe Harbor identifier each one stands for is in the README.
LABELS: tuple[str, ...] = (
    "PERSON",
    "ORGANIZATION",
    "LOCATION",
    "ADDRESS",
    "ZIP",
    "DATE",
    "AGE",
    "AGE_OVER_89",
    "PHONE_NUMBER",
    "FAX_NUMBER",
    "EMAIL_ADDRESS",
    "US_SSN",
    "MEDICAL_RECORD_NUMBER",
    "HEALTH_PLAN_NUMBER",
    "ACCOUNT_NUMBER",
    "CREDIT_CARD",
    "IBAN_CODE",
    "LICENSE_NUMBER",
    "VEHICLE_ID",
    "DEVICE_ID",
    "URL",
    "IP_ADDRESS",
)

# presidio-research labels onto ours; None: not an identifier Safe Harbor asks to remove
# (job titles, nationalities/religions/political groups, Mr/Ms).
PRESIDIO_RESEARCH_LABELS: dict[str, str | None] = {
    "PERSON": "PERSON",
    "ORGANIZATION": "ORGANIZATION",
    "GPE": "LOCATION",
    "LOCATION": "LOCATION",
    "STREET_ADDRESS": "ADDRESS",
    "ADDRESS": "ADDRESS",
    "ZIP_CODE": "ZIP",
    "DATE_TIME": "DATE",
    "AGE": "AGE",
    "PHONE_NUMBER": "PHONE_NUMBER",
    "EMAIL_ADDRESS": "EMAIL_ADDRESS",
    "US_SSN": "US_SSN",
    "CREDIT_CARD": "CREDIT_CARD",
    "IBAN_CODE": "IBAN_CODE",
    "US_DRIVER_LICENSE": "LICENSE_NUMBER",
    "DOMAIN_NAME": "URL",
    "IP_ADDRESS": "IP_ADDRESS",
    "TITLE": None,
    "NRP": None,
    "PREFIX": None,
}


class CorpusError(ValueError):
    """The corpus cannot be read: the message says which file and why."""


@dataclass(frozen=True)
class GoldSpan:
    start: int
    end: int
    label: str


@dataclass(frozen=True)
class AnnotatedDocument:
    doc_id: str
    text: str
    spans: tuple[GoldSpan, ...]
    annotated: bool = True  # False: no gold spans known (recall is not measured on it)

    def to_json(self) -> dict[str, Any]:
        return {"spans": [{"start": s.start, "end": s.end, "label": s.label} for s in self.spans]}


def _document(doc_id: str, text: str, spans: Iterable[dict[str, Any]]) -> AnnotatedDocument:
    gold = []
    for span in spans:
        start, end, label = int(span["start"]), int(span["end"]), str(span["label"])
        if not 0 <= start < end <= len(text):
            raise CorpusError(f"{doc_id}: span {start}-{end} lies outside the text")
        gold.append(GoldSpan(start, end, label))
    return AnnotatedDocument(doc_id, text, tuple(sorted(gold, key=lambda s: (s.start, s.end))))


def write_corpus(documents: Iterable[AnnotatedDocument], folder: Path) -> int:
    folder.mkdir(parents=True, exist_ok=True)
    count = 0
    for doc in documents:
        (folder / f"{doc.doc_id}.txt").write_text(doc.text, encoding="utf-8")
        (folder / f"{doc.doc_id}.json").write_text(
            json.dumps(doc.to_json(), indent=1) + "\n", encoding="utf-8"
        )
        count += 1
    return count


def read_corpus(path: Path, *, held_out_only: bool = False) -> list[AnnotatedDocument]:
    """Every document under `path` (a folder, a .jsonl file, a presidio .json or a .csv)."""
    if not path.exists():
        raise CorpusError(f"{path} does not exist")
    files = [path] if path.is_file() else sorted(p for p in path.iterdir() if p.is_file())
    documents: list[AnnotatedDocument] = []
    for file in files:
        if file.suffix == ".jsonl":
            documents.extend(_read_jsonl(file))
        elif file.suffix == ".csv":
            documents.extend(_read_csv(file, held_out_only))
        elif file.suffix == ".txt" and not file.with_suffix(".json").exists():
            text = file.read_text(encoding="utf-8")
            documents.append(AnnotatedDocument(file.stem, text, (), annotated=False))
        elif file.suffix == ".json":
            text_file = file.with_suffix(".txt")
            if text_file.exists():
                data = _load_json(file)
                text = text_file.read_text(encoding="utf-8")
                documents.append(_document(file.stem, text, data.get("spans", [])))
            else:
                data = _load_json(file)
                if isinstance(data, list):
                    documents.extend(_read_presidio_research(file.stem, data))
    if not documents:
        raise CorpusError(
            f"no documents in {path}: expected NAME.txt (+ NAME.json) files, a .jsonl file, "
            "a presidio-research .json list, or a .csv with a transcription or text column"
        )
    return documents


def _load_json(file: Path) -> Any:
    try:
        return json.loads(file.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise CorpusError(f"{file}: not valid JSON ({error})") from error


def _read_jsonl(file: Path) -> Iterator[AnnotatedDocument]:
    for number, line in enumerate(file.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            try:
                row = json.loads(line)
            except json.JSONDecodeError as error:
                raise CorpusError(f"{file}:{number}: not valid JSON ({error})") from error
            doc_id = str(row.get("id", f"{file.stem}-{number}"))
            yield _document(doc_id, row["text"], row.get("spans", []))


def _read_csv(file: Path, held_out_only: bool) -> Iterator[AnnotatedDocument]:
    from extractors.redact.mtsamples import is_held_out

    csv.field_size_limit(1 << 26)
    with file.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        column = next((c for c in ("transcription", "text") if c in (reader.fieldnames or [])), "")
        if not column:
            raise CorpusError(f"{file}: no transcription or text column")
        for index, row in enumerate(reader):
            if held_out_only and not is_held_out(index):
                continue
            if row[column].strip():
                yield AnnotatedDocument(
                    f"{file.stem}-{index:05d}", row[column], (), annotated=False
                )


def _read_presidio_research(stem: str, rows: list[Any]) -> Iterator[AnnotatedDocument]:
    for number, row in enumerate(rows):
        spans = []
        for span in row.get("spans", []):
            label = PRESIDIO_RESEARCH_LABELS.get(span["entity_type"], span["entity_type"])
            if label is not None:
                spans.append(
                    {"start": span["start_position"], "end": span["end_position"], "label": label}
                )
        yield _document(f"{stem}-{number:05d}", row["full_text"], spans)
