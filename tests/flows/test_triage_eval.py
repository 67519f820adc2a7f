"""The triage evaluation: the vignette generator's labels and the safety figures' arithmetic."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from corpora.triage_vignettes import generate, set_names, write_named_set, write_set
from flows.triage_eval import TriageEvaluation
from schemas.outputs.clinical import triage_tier as tier

VIGNETTES = Path(__file__).parents[2] / "corpora" / "triage_vignettes"


def test_the_generator_shares_no_code_with_the_rules() -> None:
    for path in VIGNETTES.glob("*.py"):
        tree = ast.parse(path.read_text())
        imported = [
            node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)
        ] + [
            alias.name
            for node in ast.walk(tree)
            if isinstance(node, ast.Import)
            for alias in node.names
        ]
        assert not [name for name in imported if name.startswith("extractors")], path.name


def test_every_vignette_is_labelled_with_its_level_tier_and_flags() -> None:
    for _, label in generate(40, seed=7):
        esi = label["esi"]
        assert esi in range(1, 6)
        assert label["tier"] == tier(int(str(esi)))
        assert isinstance(label["flags"], list)


def test_the_adversarial_forms_are_in_the_generated_set() -> None:
    texts = "\n".join(text for text, _ in generate(240, seed=16001))

    for form in ("IGNORE PREVIOUS INSTRUCTIONS", "sober", "Denies CP or SOB", "CP radiating"):
        assert form in texts


def test_the_same_seed_writes_the_same_set(tmp_path: Path) -> None:
    write_set(tmp_path / "a", 20, 3)
    write_set(tmp_path / "b", 20, 3)

    assert (tmp_path / "a" / "labels.json").read_text() == (
        tmp_path / "b" / "labels.json"
    ).read_text()


@pytest.mark.parametrize("name", set_names())
def test_each_checked_in_set_is_byte_for_byte_what_the_generator_writes(
    name: str, tmp_path: Path
) -> None:
    write_named_set(name, tmp_path)
    checked_in = Path(__file__).parents[1] / "data" / "triage" / name

    written = sorted(p.name for p in (tmp_path / "documents").iterdir())
    assert written == sorted(p.name for p in (checked_in / "documents").iterdir())
    for file_name in written:
        document = f"documents/{file_name}"
        assert (tmp_path / document).read_bytes() == (checked_in / document).read_bytes()
    assert (tmp_path / "labels.json").read_bytes() == (checked_in / "labels.json").read_bytes()


def figures(pairs: list[tuple[int, int]]) -> TriageEvaluation:
    result = TriageEvaluation()
    for true, predicted in pairs:
        result.matrix[true][predicted] += 1
    return result


def test_a_critical_patient_triaged_urgent_is_under_triage_and_critical_below_critical() -> None:
    result = figures([(2, 3), (2, 2), (3, 3), (5, 5)])

    assert result.critical_below_critical == 1
    assert result.under_triaged == 1
    assert result.tier_accuracy == 0.75


def test_esi_4_triaged_5_is_the_same_tier_and_not_under_triage() -> None:
    assert figures([(4, 5)]).under_triaged == 0


def test_routine_triaged_urgent_is_over_triage_of_routine() -> None:
    result = figures([(5, 3), (4, 4), (5, 5), (4, 2)])

    assert result.over_triage_of_routine == 0.5
    assert result.under_triaged == 0
