"""The original text stays in the stage that redacts it.

A patient's name and record number, seeded into real documents (a PDF discharge summary, a
plain-text progress note, a PDF loan application), are in the text the parse stage reads and
in no value that leaves `prepare_document`: not in what the prepare task returns (handed to
the generate and record tasks, and across processes under Dask or from a worker process), not
in what generate returns, not in the record task's outcome. Each value is pickled, as Dask
and the worker processes' pipe do, and its bytes searched.
"""

from __future__ import annotations

import dataclasses
import pickle
from collections.abc import Iterator
from pathlib import Path

import pytest

from corpora.demo_inbox import SAMPLES, SampleDocument, document_bytes
from extractors.ocr.tesseract import TesseractOcr
from flows.components import parse_limits
from flows.pipeline import build_pipeline
from flows.settings import Settings
from flows.stages import ingest_stage, parse_stage
from flows.tasks import PipelineRef, generate_task, prepare_task, record_task

SENTINEL_NAME = "Zephyrine Quillfeather"
SENTINEL_MRN = "MRN-73914582"
SENTINELS = (SENTINEL_NAME, "Zephyrine", "Quillfeather", SENTINEL_MRN, "73914582")


def _seeded(sample: SampleDocument, name: str) -> SampleDocument:
    pages = tuple(
        page.replace(name, SENTINEL_NAME).replace("MRN-00482913", SENTINEL_MRN)
        for page in sample.pages
    )
    return dataclasses.replace(sample, pages=pages)


SEEDED = {
    "discharge-summary-0412.pdf": "Marguerite Okonkwo",
    "progress-note-2231.txt": "Priya Raghunathan",
    "loan-application-5520.pdf": "Ingrid Vasquez-Thorne",
}


def write_inbox(inbox: Path) -> list[Path]:
    inbox.mkdir(parents=True)
    for sample in SAMPLES:
        if sample.filename in SEEDED:
            seeded = _seeded(sample, SEEDED[sample.filename])
            (inbox / sample.filename).write_bytes(document_bytes(seeded))
    return sorted(inbox.iterdir())


def leaks(value: object) -> list[str]:
    """The sentinels found in `value` as it travels between tasks and processes."""
    shipped = pickle.dumps(value)
    return [sentinel for sentinel in SENTINELS if sentinel.encode() in shipped]


def crossing_values(tmp_path: Path, processes: int) -> Iterator[tuple[str, object]]:
    """Every value that crosses a task boundary while the three tasks run each document."""
    paths = write_inbox(tmp_path / "inbox")
    settings = Settings(out=tmp_path / "out", domain="auto", processes=processes, progress=False)
    pipeline = build_pipeline(settings)
    try:
        for path in paths:
            ref = PipelineRef(pipeline)
            prepared = prepare_task.fn(str(path), ref)
            generated = generate_task.fn(prepared, ref)
            outcome = record_task.fn(str(path), prepared, generated, ref)
            assert outcome.status == "processed", outcome.reason
            assert prepared.value.redacted.value is not None
            yield f"{path.name}: the pipeline reference", ref
            yield f"{path.name}: prepare's result", prepared
            yield f"{path.name}: generate's result", generated
            yield f"{path.name}: the outcome", outcome
    finally:
        pipeline.close()


def test_the_sentinel_is_in_the_original_text_and_found_when_it_travels(tmp_path: Path) -> None:
    limits, ocr = parse_limits(Settings(out=tmp_path / "out")), TesseractOcr()
    texts = {}
    for path in write_inbox(tmp_path / "inbox"):
        parsed = parse_stage(ingest_stage(str(path), limits), limits, ocr)
        assert parsed.value is not None
        texts[path.name] = parsed.value.text
        assert leaks(parsed.value), "the search finds the sentinel in a pickled ParsedDocument"
    assert all(SENTINEL_NAME in text for text in texts.values())
    assert SENTINEL_MRN in texts["discharge-summary-0412.pdf"]


@pytest.mark.parametrize("processes", [0, 1], ids=["in the flow's process", "worker process"])
def test_no_value_between_tasks_carries_the_original_text(tmp_path: Path, processes: int) -> None:
    checked = 0
    for what, value in crossing_values(tmp_path, processes):
        assert leaks(value) == [], what
        checked += 1
    assert checked == 4 * len(SEEDED)
