"""`attest eval summaries`: the legal summary's fields against labels, normalised as stated."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from flows.summary_eval import (
    SummaryEvaluation,
    iso_date,
    jurisdiction_key,
    months_of,
    party_key,
    read_labels,
    score,
)
from tests.flows.conftest import run_cli

NDAS = Path(__file__).parents[1] / "data" / "nda_summaries"


@pytest.mark.parametrize(
    ("written", "key"),
    [
        ("the State of New York", "new york"),
        ("STATE OF DELAWARE", "delaware"),
        ("Province of Ontario, Canada", "ontario"),
        ("the internal laws of Illinois", "illinois"),
        ("Republic of Singapore", "singapore"),
        ("NY", "new york"),
        ("England and Wales", "england and wales"),
    ],
)
def test_jurisdictions_are_compared_by_name(written: str, key: str) -> None:
    assert jurisdiction_key(written) == key


@pytest.mark.parametrize(
    ("written", "iso"),
    [
        ("July 31, 2008", "2008-07-31"),
        ("30th day of November, 2001", "2001-11-30"),
        ("23 August, 2019", "2019-08-23"),
        ("March 12,2019", "2019-03-12"),
        ("May 10 , 1999", "1999-05-10"),
        ("11/28/17", "2017-11-28"),
        ("the __ day of ______, 2016", None),
    ],
)
def test_dates_are_read_as_iso(written: str, iso: str | None) -> None:
    assert iso_date(written) == iso


@pytest.mark.parametrize(
    ("written", "months"),
    [
        ("three (3) years from the Effective Date", 36),
        ("eighteen (18) months following the date", 18),
        ("second anniversary of the Effective Date", 24),
        ("a two-year term", 24),
        ("1 year period", 12),
        ("ninety (90) days", 3),
        ("until terminated", None),
    ],
)
def test_terms_are_read_in_months(written: str, months: int | None) -> None:
    assert months_of(written) == months


def test_party_names_ignore_case_punctuation_and_legal_forms() -> None:
    assert party_key("COGENT, INC.") == party_key("Cogent Inc") == "cogent"
    assert party_key("The City of Winnipeg") == party_key("City of Winnipeg")
    assert party_key("Acme Holdings") != party_key("Acme Widgets")


def test_a_document_is_scored_field_by_field() -> None:
    result = SummaryEvaluation()
    label = {
        "parties": ["3M Company", "Cogent, Inc."],
        "governing_law": "Minnesota",
        "effective_date": "2008-07-31",
        "term_months": None,
    }
    output = {
        "parties": ["Cogent, Inc.", "Interested Party"],
        "governing_law": "State of Minnesota",
        "effective_date": "July 30, 2008",
        "term": "two (2) years",
    }
    score(result, "a.txt", label, output)
    figures = result.as_dict()
    assert (figures["parties"]["found"], figures["parties"]["labelled"]) == (1, 2)
    assert figures["parties"]["precision"] == 0.5
    assert (figures["governing_law"]["right"], figures["governing_law"]["labelled"]) == (1, 1)
    assert (figures["effective_date"]["right"], figures["effective_date"]["labelled"]) == (0, 1)
    # No term is stated: a predicted one is a false positive, not a right answer.
    assert (figures["term"]["labelled"], figures["term"]["predicted"]) == (0, 1)
    assert result.misses[0]["term"] == (None, "two (2) years")


def test_the_committed_set_is_split_by_its_fixed_rule() -> None:
    from corpora.nda_summaries import document_name, split_of

    sources = json.loads((NDAS / "sources.json").read_text())
    labels = read_labels(NDAS)
    assert len(labels) == 40 and set(labels) == set(sources)
    for name, source in sources.items():
        assert document_name(source["source_file"]) == name
        assert labels[name]["split"] == split_of(source["source_file"]) == source["split"]
    assert len(read_labels(NDAS, "dev")) == 20


@pytest.mark.slow
def test_eval_summaries_runs_the_pipeline_and_writes_figures(tmp_path: Path) -> None:
    folder = tmp_path / "ndas"
    (folder / "documents").mkdir(parents=True)
    labels = read_labels(NDAS, "dev")
    picked = {name: labels[name] for name in ("nda-01c5cb1750.txt", "nda-1892dcd940.txt")}
    for name in picked:
        shutil.copy(NDAS / "documents" / name, folder / "documents" / name)
    (folder / "labels.json").write_text(json.dumps(picked))
    run = run_cli(tmp_path, "eval", "summaries", "ndas", "--json", "figures.json")
    assert run.returncode == 0, run.output
    figures = json.loads((tmp_path / "figures.json").read_text())
    assert figures["documents"] == 2
    assert figures["governing_law"]["right"] == 2  # Minnesota, Delaware
    assert figures["parties"]["found"] >= 3
