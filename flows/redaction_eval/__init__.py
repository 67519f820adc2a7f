"""Measuring redaction: annotated corpora, a held-out synthetic corpus, span scores, a report.

`attest eval redaction DIR` reads the corpus (`corpus`), runs the Redactor the pipeline uses
(`runner`), scores the spans it would remove (`scoring`) and prints the tables (`report`).
`attest eval redaction-sample DIR` writes the held-out corpus (`generator`).
"""

from flows.redaction_eval.corpus import (
    AnnotatedDocument,
    CorpusError,
    GoldSpan,
    read_corpus,
    write_corpus,
)
from flows.redaction_eval.generator import DEFAULT_COUNT, DEFAULT_SEED, generate
from flows.redaction_eval.report import RULES, print_report, to_json
from flows.redaction_eval.runner import (
    RedactionEval,
    build_redactor,
    evaluate,
)
from flows.redaction_eval.scoring import PredictedSpan, Scores

__all__ = [
    "DEFAULT_COUNT",
    "DEFAULT_SEED",
    "RULES",
    "AnnotatedDocument",
    "CorpusError",
    "GoldSpan",
    "PredictedSpan",
    "RedactionEval",
    "Scores",
    "build_redactor",
    "evaluate",
    "generate",
    "print_report",
    "read_corpus",
    "to_json",
    "write_corpus",
]
