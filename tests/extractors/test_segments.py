"""Sentences, clauses and lines as offsets into a text: quotes taken from them are verbatim."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from extractors.segments import MAX_QUOTE, Segment, clauses, lines, quote, sentences

Splitter = Callable[[str], list[Segment]]

NOTE = (
    "<PERSON_1> presented with substernal chest pain\n"
    "that began at rest. She denies fever!  Is she short of breath? No.\n"
    "\n"
    "Medications:\n"
    "- Aspirin 81 mg daily\n"
    "- Clopidogrel 75 mg daily\n"
)


@pytest.mark.parametrize("split", [sentences, clauses, lines], ids=lambda f: f.__name__)
def test_every_segment_is_the_text_at_its_offsets(split: Splitter) -> None:
    segments = split(NOTE)

    assert segments
    assert all(NOTE[s.start : s.end] == s.text for s in segments)


@pytest.mark.parametrize("split", [sentences, clauses, lines], ids=lambda f: f.__name__)
def test_segments_carry_no_surrounding_whitespace(split: Splitter) -> None:
    segments = split("  \n One line.  \n\n  Another line. \n")

    assert [s.text for s in segments] == ["One line.", "Another line."]


def test_a_line_wrap_inside_a_sentence_stays_inside_it() -> None:
    assert sentences(NOTE)[0].text == (
        "<PERSON_1> presented with substernal chest pain\nthat began at rest."
    )


def test_sentences_end_at_full_stops_exclamation_and_question_marks() -> None:
    assert [s.text for s in sentences(NOTE)][1:4] == [
        "She denies fever!",
        "Is she short of breath?",
        "No.",
    ]


def test_list_items_are_separate_sentences() -> None:
    texts = [s.text for s in sentences(NOTE)]

    assert texts[-2:] == ["- Aspirin 81 mg daily", "- Clopidogrel 75 mg daily"]


def test_clauses_never_cross_a_line() -> None:
    assert [c.text for c in clauses(NOTE)][:2] == [
        "<PERSON_1> presented with substernal chest pain",
        "that began at rest.",
    ]


def test_a_short_segment_is_quoted_whole() -> None:
    segment = sentences(NOTE)[1]

    assert quote(segment) == segment.text


def test_a_long_segment_is_cut_at_a_word_boundary_to_fit_an_evidence_field() -> None:
    text = " ".join(f"word{i}" for i in range(100))
    segment = Segment(0, len(text), text)

    quoted = quote(segment)

    assert len(quoted) <= MAX_QUOTE
    assert text.startswith(quoted)
    assert text[len(quoted)] == " "


def test_a_long_segment_without_spaces_is_cut_at_the_limit() -> None:
    text = "x" * (MAX_QUOTE * 2)

    assert quote(Segment(0, len(text), text)) == "x" * MAX_QUOTE
