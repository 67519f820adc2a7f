"""`attest eval flags`: scores flags against labels the same way every time."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

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
