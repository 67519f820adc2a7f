"""`attest eval flags --limit N`: a slow model is scored on a subset fixed before any result
(the first N names by their SHA-256), and beside a model the rules' flags are scored with its
own (the union a reviewer sees)."""

from __future__ import annotations

import json
import shutil
from hashlib import sha256
from pathlib import Path

import pytest

from flows.cli import main
from flows.evaluation import evaluate, fixed_subset
from flows.settings import Settings

CUAD_LAYOUT = Path(__file__).parents[1] / "data" / "cuad_layout"


def test_the_subset_is_the_first_names_by_their_sha256_whatever_the_order_given() -> None:
    names = [f"contract-{n}.txt" for n in range(20)]
    first = sorted(names, key=lambda name: sha256(name.encode()).hexdigest())[:5]
    assert fixed_subset(names, 5) == sorted(first)
    assert fixed_subset(list(reversed(names)), 5) == sorted(first)


def test_without_a_limit_every_document_is_scored() -> None:
    assert fixed_subset(["b.txt", "a.txt"], None) == ["a.txt", "b.txt"]


def test_the_command_scores_only_the_subset(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ATTEST_NER_MODEL", "none")
    folder = tmp_path / "cuad"
    shutil.copytree(CUAD_LAYOUT, folder)
    figures = tmp_path / "figures.json"
    command = ["eval", "flags", str(folder), "--limit", "1", "--json", str(figures)]
    assert main(command) == 0
    body = json.loads(figures.read_text())
    assert body["documents"] == 1 and "with_rules_micro" not in body


def test_beside_a_model_the_union_with_the_rules_is_scored(
    tmp_path: Path, tiny_model_dir: Path
) -> None:
    folder = tmp_path / "cuad"
    shutil.copytree(CUAD_LAYOUT, folder)
    out = tmp_path / "out"
    rules = evaluate(folder, Settings(out=out, ner_model="none"), limit=1)
    model = Settings(
        out=out, ner_model="none", backend="transformers", model_dir=tiny_model_dir, max_tokens=300
    )
    result = evaluate(folder, model, limit=1)
    assert result.with_rules is not None and rules.with_rules is None
    union = sum(s.tp for s in result.with_rules.values())
    assert union >= rules.micro.tp and union >= result.micro.tp
