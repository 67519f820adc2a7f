"""Triage evaluation: a vignette generator written from the ESI Handbook, and the scoring of
`attest eval triage` (confusion matrix, under-triage, three-tier accuracy, red-flag recall)."""

from flows.triage_eval.generator import generate, write_set
from flows.triage_eval.scoring import TriageEvaluation, evaluate_triage, tier

__all__ = ["TriageEvaluation", "evaluate_triage", "generate", "tier", "write_set"]
