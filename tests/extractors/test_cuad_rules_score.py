"""`python -m flows.cuad DIR SPLIT` scores the legal rules alone on CUAD's own layout."""

from __future__ import annotations

from pathlib import Path

from flows.cuad import score_rules

CUAD_LAYOUT = Path(__file__).resolve().parents[1] / "data" / "cuad_layout"


def test_the_rules_score_counts_every_labelled_category_with_its_evidence_overlap() -> None:
    score = score_rules(CUAD_LAYOUT, "all")
    found = {kind: counts for kind, counts in score.counts.items() if any(counts)}
    # alpha's three clauses are found and quoted; gamma is labelled Audit Rights by the fixture
    # but holds no audit clause (only "exclusive of outages" and "exclusive jurisdiction").
    assert found.keys() == {"Governing Law", "Exclusivity", "Anti-Assignment", "Audit Rights"}
    assert found["Audit Rights"] == [0, 0, 1, 0, 0]
    assert all(found[kind] == [1, 0, 0, 1, 1] for kind in found.keys() - {"Audit Rights"})
    assert "micro P=1.000 R=0.750" in score.summary()
