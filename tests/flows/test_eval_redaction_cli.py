"""`attest eval redaction` and `attest eval redaction-sample`, run as the real command."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from corpora.redaction_heldout import generate
from tests.flows.conftest import run_cli

COMMITTED = Path(__file__).resolve().parent.parent / "data" / "redaction_eval"


def _few_documents(tmp_path: Path, count: int = 5) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    for text in sorted(COMMITTED.glob("*.txt"))[:count]:
        shutil.copy(text, folder / text.name)
        shutil.copy(text.with_suffix(".json"), folder / f"{text.stem}.json")
    return folder


def test_eval_redaction_prints_recall_per_label_and_precision_per_type(tmp_path: Path) -> None:
    corpus = _few_documents(tmp_path)

    run = run_cli(tmp_path / "run", "eval", "redaction", str(corpus), "--no-ner")

    assert run.returncode == 0, run.output
    assert "redaction recall on 5 documents" in run.output
    assert "recall (full)" in run.output and "recall (any)" in run.output
    us_ssn_row = next(line for line in run.output.splitlines() if "│ US_SSN " in line)
    assert "1.000" in us_ssn_row
    assert "redaction precision" in run.output


def test_eval_redaction_json_goes_to_standard_output(tmp_path: Path) -> None:
    corpus = _few_documents(tmp_path, count=2)

    run = run_cli(tmp_path / "run", "eval", "redaction", str(corpus), "--no-ner", "--json")

    figures = json.loads(run.output)
    assert figures["documents"] == 2
    assert {"label", "support", "recall_full", "recall_any"} <= set(figures["recall"][0])


def test_a_folder_without_documents_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()

    run = run_cli(tmp_path / "run", "eval", "redaction", str(tmp_path / "empty"), "--no-ner")

    assert run.returncode == 2
    assert "no documents" in run.output


def test_an_unannotated_corpus_reports_placeholders_per_thousand_words(tmp_path: Path) -> None:
    corpus = tmp_path / "notes"
    corpus.mkdir()
    (corpus / "a.txt").write_text(
        "Seen by Dr. Abernathy. BP 84/56, SpO2 96%. Given Zyrtec.", encoding="utf-8"
    )

    run = run_cli(tmp_path / "run", "eval", "redaction", str(corpus), "--no-ner", "--json")

    over = json.loads(run.output)["over_redaction"]
    assert over["placeholders"] == 1 and over["per_1000_words_by_type"] == {"PERSON": 100.0}
    assert over["vital_and_lab_values_kept"] == over["vital_and_lab_values"] == 2
    assert over["lexicon_drug_names_kept"] == over["lexicon_drug_names"] == 1


def test_the_committed_set_is_what_the_sample_command_writes() -> None:
    """The evaluation set in tests/data is the generator's output for the default seed: regenerate
    it with `attest eval redaction-sample tests/data/redaction_eval` after changing the code."""
    for doc in generate():
        assert (COMMITTED / f"{doc.doc_id}.txt").read_text(encoding="utf-8") == doc.text
        stored = json.loads((COMMITTED / f"{doc.doc_id}.json").read_text(encoding="utf-8"))
        assert stored == json.loads(json.dumps(doc.to_json()))


def test_the_sample_command_writes_text_and_annotation_pairs(tmp_path: Path) -> None:
    run = run_cli(tmp_path, "eval", "redaction-sample", "out", "--count", "3", "--seed", "7")

    assert run.returncode == 0, run.output
    assert len(list((tmp_path / "out").glob("*.txt"))) == 3
    assert len(list((tmp_path / "out").glob("*.json"))) == 3


def test_with_the_clinical_domain_a_shifted_date_is_no_placeholder(tmp_path: Path) -> None:
    corpus = tmp_path / "notes"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Admitted on March 3, 2021 by Dr. Abernathy.", encoding="utf-8")

    run = run_cli(
        tmp_path / "run", "eval", "redaction", str(corpus), "--no-ner", "--domain", "clinical",
        "--json",
    )  # fmt: skip

    over = json.loads(run.output)["over_redaction"]
    assert over["per_1000_words_by_type"].keys() == {"PERSON"}
    assert over["transformed_not_replaced"] == {"DATE_TIME": 1}
