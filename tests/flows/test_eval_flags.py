"""`attest eval flags`: scores flags against labels the same way every time."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from flows.cuad import evidence_overlaps, read_contracts, split_of
from flows.evaluation import FlagScore, import_cuad, read_labels
from tests.flows.conftest import run_cli


def test_f1_is_the_harmonic_mean_of_precision_and_recall() -> None:
    score = FlagScore(tp=3, fp=1, fn=2)
    assert (score.precision, score.recall) == (0.75, 0.6)
    assert score.f1 == pytest.approx(2 * 0.75 * 0.6 / 1.35)


def test_labels_can_come_from_csv(tmp_path: Path) -> None:
    (tmp_path / "labels.csv").write_text(
        "document,domain,flag\na.txt,legal,Governing Law\na.txt,legal,Audit Rights\nb.txt,legal,\n"
    )
    labels = read_labels(tmp_path)
    assert labels["a.txt"].flags == {"Governing Law", "Audit Rights"}
    assert labels["b.txt"].flags == frozenset()


def test_cuad_import_labels_only_our_categories_with_answers(tmp_path: Path) -> None:
    cuad = {
        "data": [
            {
                "title": "X",
                "paragraphs": [
                    {
                        "context": "This Agreement is governed by the laws of Ohio.",
                        "qas": [
                            {"id": "X__Governing Law", "answers": [{"text": "laws of Ohio"}]},
                            {"id": "X__Audit Rights", "answers": []},
                            {"id": "X__Document Name", "answers": [{"text": "Agreement"}]},
                        ],
                    }
                ],
            }
        ]
    }
    source = tmp_path / "CUAD_v1.json"
    source.write_text(json.dumps(cuad))
    assert import_cuad(source, tmp_path / "eval") == 1
    assert read_labels(tmp_path / "eval")["cuad-000.txt"].flags == {"Governing Law"}


@pytest.mark.slow
def test_eval_on_the_sample_set_prints_per_flag_and_average_figures(tmp_path: Path) -> None:
    assert run_cli(tmp_path, "eval", "sample", "set").returncode == 0
    run = run_cli(tmp_path, "eval", "flags", "set", "--json", "figures.json")
    assert run.returncode == 0, run.output
    figures = json.loads((tmp_path / "figures.json").read_text())
    assert figures["documents"] == 36 and figures["schema_validity_rate"] == 1.0
    assert 0.0 < figures["micro"]["recall"] <= 1.0 and "macro F1" in run.output


CUAD_LAYOUT = Path(__file__).parents[1] / "data" / "cuad_layout"


def test_cuad_master_clauses_layout_is_read_directly() -> None:
    labels = read_labels(CUAD_LAYOUT)
    assert labels["alpha.txt"].flags == {"Governing Law", "Exclusivity", "Anti-Assignment"}
    assert labels["gamma.txt"].flags == {"Audit Rights"}
    assert labels["alpha.txt"].path == CUAD_LAYOUT / "full_contract_txt" / "alpha.txt"


def test_the_cuad_split_is_fixed_by_file_name_and_holds_out_about_30_percent() -> None:
    names = [f"contract-{number}.pdf" for number in range(2000)]
    held_out = [name for name in names if split_of(name) == "heldout"]
    assert 0.27 < len(held_out) / len(names) < 0.33
    assert [split_of(name) for name in names] == [split_of(name) for name in names]


def test_dev_and_held_out_parts_partition_the_contracts() -> None:
    dev = {c.name for c in read_contracts(CUAD_LAYOUT, "dev")}
    held_out = {c.name for c in read_contracts(CUAD_LAYOUT, "heldout")}
    assert dev.isdisjoint(held_out)
    assert dev | held_out == {"alpha.txt", "gamma.txt"}


def test_evidence_overlaps_the_experts_clause_only_when_it_quotes_it() -> None:
    expert = ("Neither Party may transfer or assign this Agreement without consent.",)
    assert evidence_overlaps("2. Neither Party may transfer or assign this Agreement", expert)
    assert not evidence_overlaps("This Agreement is governed by the laws of Ohio.", expert)


def test_eval_flags_scores_a_cuad_folder_with_evidence_overlap(tmp_path: Path) -> None:
    folder = tmp_path / "cuad"
    shutil.copytree(CUAD_LAYOUT, folder)
    run = run_cli(tmp_path, "eval", "flags", str(folder), "--json", "figures.json")
    assert run.returncode == 0, run.output
    figures = json.loads((tmp_path / "figures.json").read_text())
    assert figures["documents"] == 2
    # alpha's three clauses are found; gamma's audit label has no clause in its text, and
    # "exclusive of scheduled outages" / "exclusive jurisdiction" are not Exclusivity.
    assert figures["micro"]["precision"] == 1.0 and figures["micro"]["recall"] == 0.75
    assert figures["evidence_overlap_rate"] == 1.0 and figures["grounding_rate"] == 1.0
