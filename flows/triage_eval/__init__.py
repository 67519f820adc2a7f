"""Triage evaluation: a vignette generator written from the ESI Handbook, and the scoring of
`attest eval triage` (confusion matrix, under-triage, three-tier accuracy, red-flag recall)."""

from flows.triage_eval.generator import (
    generate,
    generate_set,
    load_set,
    set_names,
    tier,
    write_named_set,
    write_set,
)
from flows.triage_eval.scoring import TriageEvaluation, evaluate_triage

__all__ = [
    "TriageEvaluation",
    "evaluate_triage",
    "generate",
    "generate_set",
    "load_set",
    "set_names",
    "tier",
    "write_named_set",
    "write_set",
]
