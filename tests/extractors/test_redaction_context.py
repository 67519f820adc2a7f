"""The faster context enhancement, NLP artifacts and e-mail scan find exactly what Presidio's own do, on
real clinical notes and the redaction evaluation set, with the NER model loaded."""

from __future__ import annotations

from pathlib import Path

import pytest
from presidio_analyzer.context_aware_enhancers import LemmaContextAwareEnhancer
from presidio_analyzer.nlp_engine import SpacyNlpEngine
from presidio_analyzer.predefined_recognizers import EmailRecognizer

from extractors.redact import Redactor
from extractors.redact.policy import ENTITY_TYPES
from extractors.redact.recognizers.web_address import CandidateEmailRecognizer, WebUrlRecognizer

DATA = Path(__file__).parent.parent / "data"
TEXTS = (
    sorted((DATA / "clinical").glob("*.txt")) + sorted((DATA / "redaction_eval").glob("*.txt"))[:20]
)


@pytest.fixture(scope="module")
def ner_redactor(ner_model: Path) -> Redactor:
    return Redactor(nlp_model=ner_model)


def _findings(redactor: Redactor, text: str) -> list[tuple[str, int, int, float]]:
    found = redactor._analyzer.analyze(text=text, language="en", entities=list(ENTITY_TYPES))
    return sorted((r.entity_type, r.start, r.end, round(r.score, 6)) for r in found)


@pytest.mark.parametrize("path", TEXTS, ids=lambda p: p.name)
def test_context_scores_match_presidios_enhancer(ner_redactor: Redactor, path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    analyzer = ner_redactor._analyzer
    ours = _findings(ner_redactor, text)
    indexed = analyzer.context_aware_enhancer
    try:
        analyzer.context_aware_enhancer = LemmaContextAwareEnhancer()
        presidios = _findings(ner_redactor, text)
    finally:
        analyzer.context_aware_enhancer = indexed
    assert ours and ours == presidios


@pytest.mark.parametrize("path", TEXTS[:3], ids=lambda p: p.name)
def test_nlp_artifacts_match_presidios(ner_redactor: Redactor, path: Path) -> None:
    engine = ner_redactor._analyzer.nlp_engine
    doc = engine.nlp["en"](path.read_text(encoding="utf-8"))
    ours = engine._doc_to_nlp_artifact(doc, "en")
    presidios = SpacyNlpEngine._doc_to_nlp_artifact(engine, doc, "en")
    assert ours.lemmas == presidios.lemmas
    assert ours.lemmas == [token.lower_ for token in doc]
    assert ours.tokens_indices == presidios.tokens_indices
    assert ours.keywords == presidios.keywords
    assert [e.text for e in ours.entities] == [e.text for e in presidios.entities]


def test_email_runs_find_what_presidios_email_recognizer_finds() -> None:
    ours, presidios = CandidateEmailRecognizer(), EmailRecognizer()
    for path in sorted((DATA / "redaction_eval").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        assert [(r.start, r.end, r.score) for r in ours.analyze(text, ["EMAIL_ADDRESS"])] == [
            (r.start, r.end, r.score) for r in presidios.analyze(text, ["EMAIL_ADDRESS"])
        ], path.name


def test_web_addresses_are_found_and_numbered_lists_are_not() -> None:
    text = "See https://portal.example.org/x or www.clinic.com.\n1.Anterior infiltrate...this"

    found = [text[r.start : r.end] for r in WebUrlRecognizer().analyze(text, ["URL"])]

    assert found == ["https://portal.example.org/x", "www.clinic.com"]
