"""Presidio's spaCy NLP engine, loaded offline.

Presidio's default engine downloads `en_core_web_lg` on first use; in an air-gapped site that
fails. This engine loads a blank English pipeline (tokenizer only) or a local model directory,
never a hub name. A tiny component sets each token's lemma to its lower-case text: Presidio's
context enhancer compares lemmas with context words, and a blank pipeline has no lemmas, so
without it "SSN:" would never raise a score.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
from pathlib import Path

import spacy
from presidio_analyzer.nlp_engine import NerModelConfiguration, SpacyNlpEngine
from spacy.language import Language
from spacy.tokens import Doc

SPACY_VERSION = importlib.metadata.version("spacy")

LEMMA_COMPONENT = "attest_lowercase_lemma"


@Language.component(LEMMA_COMPONENT)
def _lowercase_lemma(doc: Doc) -> Doc:
    for token in doc:
        token.lemma_ = token.lower_
    return doc


class OfflineSpacyNlpEngine(SpacyNlpEngine):  # type: ignore[misc]
    def __init__(self, model_path: Path | None = None) -> None:
        super().__init__(
            models=[{"lang_code": "en", "model_name": str(model_path or "blank:en")}],
            ner_model_configuration=NerModelConfiguration(labels_to_ignore=[]),
        )
        self.model_path = model_path

    def load(self) -> None:
        nlp = spacy.load(self.model_path) if self.model_path else spacy.blank("en")
        nlp.max_length = 5_000_000
        if LEMMA_COMPONENT not in nlp.pipe_names:
            nlp.add_pipe(LEMMA_COMPONENT, last=True)
        self.nlp = {"en": nlp}  # type: ignore[assignment]

    def description(self) -> str:
        """What the trail records as the NLP engine: blank, or the local model's digest."""
        if self.model_path is None:
            return f"spacy {SPACY_VERSION} blank(en)+{LEMMA_COMPONENT}"
        digest = hashlib.sha256()
        for path in sorted(self.model_path.rglob("*")):
            if path.is_file():
                digest.update(path.relative_to(self.model_path).as_posix().encode())
                digest.update(path.read_bytes())
        return f"spacy {SPACY_VERSION} {self.model_path.name}@sha256:{digest.hexdigest()[:16]}"
