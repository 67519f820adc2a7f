"""Presidio's spaCy NLP engine, loaded offline.

Presidio's default engine downloads `en_core_web_lg` on first use; in an air-gapped site that
fails. This engine loads a blank English pipeline (tokenizer only) or a local model directory,
never a hub name. The local model is the NER trained by `extractors.redact.ner` (labels
PERSON, LOCATION, ORGANIZATION, mapped one to one onto Presidio's entity types; nothing is
ignored, so ORGANIZATION is kept). A tiny component sets each token's lemma to its lower-case text: Presidio's
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

from extractors.redact.ner.cache import MANIFEST

SPACY_VERSION = importlib.metadata.version("spacy")

NER_ENTITIES: tuple[str, ...] = ("PERSON", "LOCATION", "ORGANIZATION")
# The trainer's manifest (training time, dev scores) is not part of the model's identity.
_NOT_MODEL_FILES = frozenset({MANIFEST})

LEMMA_COMPONENT = "attest_lowercase_lemma"
NER_FILTER_COMPONENT = "attest_ner_letters_only"


@Language.component(NER_FILTER_COMPONENT)
def _entities_with_letters(doc: Doc) -> Doc:
    """Drop NER entities without a letter ("==", "12"): never a name, place or organisation,
    and a found "name" is searched for everywhere else in the document (name propagation)."""
    doc.ents = [ent for ent in doc.ents if any(ch.isalpha() for ch in ent.text)]
    return doc


@Language.component(LEMMA_COMPONENT)
def _lowercase_lemma(doc: Doc) -> Doc:
    for token in doc:
        token.lemma_ = token.lower_
    return doc


class OfflineSpacyNlpEngine(SpacyNlpEngine):  # type: ignore[misc]
    def __init__(self, model_path: Path | None = None) -> None:
        super().__init__(
            models=[{"lang_code": "en", "model_name": str(model_path or "blank:en")}],
            ner_model_configuration=NerModelConfiguration(
                labels_to_ignore=[],
                model_to_presidio_entity_mapping={label: label for label in NER_ENTITIES},
            ),
        )
        self.model_path = model_path

    @property
    def has_ner(self) -> bool:
        return self.model_path is not None

    def load(self) -> None:
        nlp = spacy.load(self.model_path) if self.model_path else spacy.blank("en")
        nlp.max_length = 5_000_000
        if "ner" in nlp.pipe_names and NER_FILTER_COMPONENT not in nlp.pipe_names:
            nlp.add_pipe(NER_FILTER_COMPONENT, after="ner")
        if LEMMA_COMPONENT not in nlp.pipe_names:
            nlp.add_pipe(LEMMA_COMPONENT, last=True)
        self.nlp = {"en": nlp}  # type: ignore[assignment]

    def description(self) -> str:
        """What the trail records as the NLP engine: blank, or the local model's digest."""
        if self.model_path is None:
            return f"spacy {SPACY_VERSION} blank(en)+{LEMMA_COMPONENT}"
        digest = hashlib.sha256()
        for path in sorted(self.model_path.rglob("*")):
            if path.is_file() and path.name not in _NOT_MODEL_FILES:
                digest.update(path.relative_to(self.model_path).as_posix().encode())
                digest.update(path.read_bytes())
        return (
            f"spacy {SPACY_VERSION} {self.model_path.name}@sha256:{digest.hexdigest()[:16]}"
            f"+{NER_FILTER_COMPONENT}+{LEMMA_COMPONENT}"
        )
