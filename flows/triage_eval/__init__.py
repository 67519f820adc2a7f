"""The scoring of `attest eval triage` (confusion matrix, under-triage, three-tier accuracy,
red-flag recall). The labelled vignettes it scores are generated in corpora/triage_vignettes."""

from flows.triage_eval.scoring import TriageEvaluation, evaluate_triage

__all__ = ["TriageEvaluation", "evaluate_triage"]
