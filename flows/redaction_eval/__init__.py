"""Measuring redaction: span scores and a report over annotated corpora.

`attest eval redaction DIR` reads the corpus (`corpora.annotated`), runs the Redactor the
pipeline uses (`runner`), scores the spans it would remove (`scoring`) and prints the tables
(`report`). The held-out corpus it is measured on is written by `corpora.redaction_heldout`
(`attest eval redaction-sample DIR`).
"""

from corpora.annotated import (
    AnnotatedDocument,
    CorpusError,
    GoldSpan,
    read_corpus,
    write_corpus,
)
from flows.redaction_eval.report import RULES, print_report, to_json
from flows.redaction_eval.runner import (
    RedactionEval,
    build_redactor,
    evaluate,
)
from flows.redaction_eval.scoring import PredictedSpan, Scores

__all__ = [
    "RULES",
    "AnnotatedDocument",
    "CorpusError",
    "GoldSpan",
    "PredictedSpan",
    "RedactionEval",
    "Scores",
    "build_redactor",
    "evaluate",
    "print_report",
    "read_corpus",
    "to_json",
    "write_corpus",
]
