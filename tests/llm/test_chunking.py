"""Splitting by token count and merging per-chunk outputs, independent of any model."""

from __future__ import annotations

import pytest

from extractors.domains import flag_field
from extractors.llm.chunking import merge_outputs, split_to_fit
from schemas.document import Domain
from schemas.outputs import list_limits


def _words(text: str) -> int:
    return len(text.split())


def test_a_text_that_fits_is_one_chunk() -> None:
    assert split_to_fit("a b c", 10, _words) == ["a b c"]


def test_chunks_fit_the_budget_and_join_back_to_the_text() -> None:
    text = "\n\n".join(" ".join(f"w{p}_{i}" for i in range(7)) for p in range(30))
    chunks = split_to_fit(text, 20, _words)
    assert len(chunks) > 1 and all(_words(c) <= 20 for c in chunks)
    assert "".join(chunks) == text


def test_a_paragraph_longer_than_the_budget_is_split_at_words() -> None:
    text = " ".join(f"w{i}" for i in range(100))
    chunks = split_to_fit(text, 16, _words)
    assert all(_words(c) <= 16 for c in chunks) and "".join(chunks) == text


def test_merge_keeps_one_flag_per_kind_and_the_most_urgent_triage() -> None:
    first = {
        "document_type": "other",
        "chief_complaint": "",
        "diagnoses": ["A"],
        "medications": [],
        "triage_level": 4,
        "red_flags": [{"kind": "Chest Pain", "severity": "high", "evidence": "x"}],
    }
    second = {
        "document_type": "discharge_summary",
        "chief_complaint": "chest pain",
        "diagnoses": ["A", "B"],
        "medications": ["aspirin"],
        "triage_level": 2,
        "red_flags": [{"kind": "Chest Pain", "severity": "high", "evidence": "y"}],
    }
    merged = merge_outputs("clinical", [first, second])
    assert merged["document_type"] == "discharge_summary" and merged["triage_level"] == 2
    assert merged["diagnoses"] == ["A", "B"]
    assert [f["evidence"] for f in merged["red_flags"]] == ["x"]


@pytest.mark.parametrize("domain", ["clinical", "finance", "legal"])
def test_merged_lists_stay_within_the_schemas_maxima(domain: Domain) -> None:
    limits = list_limits(domain)

    def item(field: str, chunk: int, n: int) -> object:
        name = f"{field}-{chunk}-{n}"
        return {"kind": name, "evidence": name} if field == flag_field(domain) else name

    # Every chunk fills every list to its maximum with items of its own: the merge must cut.
    chunks = [
        {field: [item(field, chunk, n) for n in range(limit)] for field, limit in limits.items()}
        for chunk in range(2)
    ]
    merged = merge_outputs(domain, chunks)
    assert {field: len(merged[field]) for field in limits} == limits


def test_a_field_one_chunk_left_out_is_taken_from_the_chunk_that_wrote_it() -> None:
    # Seen with SmolLM2 on a CUAD contract: the first chunk's answer had no "renewal" at all.
    first = {"contract_type": "other", "parties": [], "clause_flags": []}
    second = {
        "contract_type": "license",
        "parties": ["<ORG_1>"],
        "renewal": "renews for one year",
        "clause_flags": [],
    }
    merged = merge_outputs("legal", [first, second])
    assert merged["renewal"] == "renews for one year" and merged["parties"] == ["<ORG_1>"]
    reverse = merge_outputs("legal", [second, first])
    assert reverse["renewal"] == "renews for one year"
