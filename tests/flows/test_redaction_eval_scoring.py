"""Span scoring of `attest eval redaction`: type-agnostic recall, full cover vs partial, and
precision by overlap, on small hand-written spans."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from flows.redaction_eval import (
    AnnotatedDocument,
    CorpusError,
    GoldSpan,
    PredictedSpan,
    Scores,
    read_corpus,
)

TEXT = "Call Ann Lee on 617-555-0142 today."
NAME = GoldSpan(5, 12, "PERSON")  # "Ann Lee"
PHONE = GoldSpan(16, 28, "PHONE_NUMBER")  # "617-555-0142"
DOC = AnnotatedDocument("d1", TEXT, (NAME, PHONE))


def scored(*predicted: PredictedSpan) -> Scores:
    scores = Scores()
    scores.add(DOC, predicted)
    return scores


def test_a_gold_span_is_recalled_whatever_type_covers_it() -> None:
    scores = scored(PredictedSpan(5, 12, "ORGANIZATION"), PredictedSpan(16, 28, "US_SSN"))

    assert scores.labels["PERSON"].recall_full == 1.0
    assert scores.labels["PHONE_NUMBER"].recall_full == 1.0


def test_a_partly_covered_span_counts_for_any_overlap_but_not_full_cover() -> None:
    scores = scored(PredictedSpan(5, 8, "PERSON"))  # "Ann" only: "Lee" leaks

    assert scores.labels["PERSON"].recall_full == 0.0
    assert scores.labels["PERSON"].recall_any == 1.0
    assert scores.labels["PERSON"].leaked_characters == 3


def test_spaces_and_punctuation_need_not_be_covered() -> None:
    # Two predictions that leave out the space and the dashes still hide every digit/letter.
    scores = scored(
        PredictedSpan(5, 8, "PERSON"),
        PredictedSpan(9, 12, "PERSON"),
        PredictedSpan(16, 19, "PHONE_NUMBER"),
        PredictedSpan(20, 23, "PHONE_NUMBER"),
        PredictedSpan(24, 28, "PHONE_NUMBER"),
    )

    assert scores.micro.recall_full == 1.0


def test_a_prediction_overlapping_no_gold_span_lowers_precision_only() -> None:
    scores = scored(
        PredictedSpan(5, 12, "PERSON"),
        PredictedSpan(16, 28, "PHONE_NUMBER"),
        PredictedSpan(29, 34, "DATE_TIME"),  # "today": not an identifier
    )

    assert scores.types["DATE_TIME"].precision == 0.0
    assert scores.precision == pytest.approx(2 / 3)
    assert scores.micro.recall_full == 1.0


def test_a_prediction_overlapping_a_gold_span_by_one_character_is_correct() -> None:
    scores = scored(PredictedSpan(11, 15, "PERSON"))  # "e on"

    assert scores.types["PERSON"].precision == 1.0


def test_missed_spans_are_listed_with_their_document() -> None:
    scores = scored(PredictedSpan(5, 12, "PERSON"))

    assert scores.misses == [("d1", "PHONE_NUMBER", "617-555-0142")]


def test_pairs_of_text_and_json_are_read_with_their_spans(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "a.json").write_text(json.dumps(DOC.to_json()), encoding="utf-8")

    [doc] = read_corpus(tmp_path)

    assert doc.spans == (NAME, PHONE)


def test_presidio_research_labels_are_mapped_and_non_identifiers_dropped(tmp_path: Path) -> None:
    rows = [
        {
            "full_text": "Ms. Ann Lee, nurse, lives in Cork.",
            "spans": [
                {"entity_type": "PERSON", "start_position": 4, "end_position": 11},
                {"entity_type": "TITLE", "start_position": 13, "end_position": 18},
                {"entity_type": "GPE", "start_position": 29, "end_position": 33},
            ],
        }
    ]
    path = tmp_path / "synth.json"
    path.write_text(json.dumps(rows), encoding="utf-8")

    [doc] = read_corpus(path)

    assert [s.label for s in doc.spans] == ["PERSON", "LOCATION"]


def test_a_span_outside_the_text_is_an_error_naming_the_document(tmp_path: Path) -> None:
    (tmp_path / "bad.txt").write_text("short", encoding="utf-8")
    (tmp_path / "bad.json").write_text('{"spans": [{"start": 2, "end": 40, "label": "X"}]}')

    with pytest.raises(CorpusError, match="bad"):
        read_corpus(tmp_path)
