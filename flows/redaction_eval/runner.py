"""Run the Redactor over an annotated corpus and score what it would remove."""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from corpora.annotated import AnnotatedDocument
from extractors.redact import Redactor
from flows.redaction_eval.overredaction import OverRedaction
from flows.redaction_eval.scoring import PredictedSpan, Scores
from schemas.document import Domain


@dataclass(frozen=True)
class RedactionEval:
    corpus: str
    nlp_engine: str
    seconds: float
    scores: Scores
    over_redaction: OverRedaction


def build_redactor(ner_model: Path | None) -> Redactor:
    """The Redactor as the pipeline builds it: default policy, NER model when there is one."""
    return Redactor(nlp_model=ner_model)


def predictions(redactor: Redactor, doc: AnnotatedDocument) -> list[PredictedSpan]:
    return [PredictedSpan(f.start, f.end, f.entity_type) for f in redactor.findings(doc.text)]


def evaluate(
    documents: list[AnnotatedDocument],
    redactor: Redactor,
    corpus: str,
    domain: Domain | None = None,
) -> RedactionEval:
    """Scores, and over-redaction as the domain's policy would redact (placeholders are the
    spans it replaces; with no domain, the default policy's)."""
    scores = Scores()
    over = OverRedaction()
    policy = redactor.policy_for(domain) if domain else None
    started = time.perf_counter()
    for doc in documents:
        found = predictions(redactor, doc)
        if doc.annotated:
            scores.add(doc, found)
        over.add(doc.text, [(p.start, p.end, p.entity_type) for p in found], policy)
    return RedactionEval(
        corpus=corpus,
        nlp_engine=redactor.config.nlp_engine,
        seconds=round(time.perf_counter() - started, 2),
        scores=scores,
        over_redaction=over,
    )
