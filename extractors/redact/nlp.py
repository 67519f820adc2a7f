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
from typing import Any

import spacy
from presidio_analyzer.nlp_engine import NerModelConfiguration, NlpArtifacts, SpacyNlpEngine
from spacy.attrs import IDX, IS_ALPHA, IS_PUNCT, IS_STOP, LEMMA, LOWER, ORTH
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from extractors.redact.common_words import is_common_word
from extractors.redact.ner.cache import MANIFEST

SPACY_VERSION = importlib.metadata.version("spacy")

NER_ENTITIES: tuple[str, ...] = ("PERSON", "LOCATION", "ORGANIZATION")
# The trainer's manifest (training time, dev scores) is not part of the model's identity.
_NOT_MODEL_FILES = frozenset({MANIFEST})

LEMMA_COMPONENT = "attest_lowercase_lemma"
NER_FILTER_COMPONENT = "attest_ner_plausible"
# The NER reads a long document in pieces of about this many characters, cut at line ends, as
# one batch: the transition parser then advances many pieces per matrix product instead of one
# state at a time (CUAD contracts: ~110k -> ~170k characters per CPU second for the NER).
NER_PIECE_CHARS = 4_000


# Lower-case words that belong inside names ("Ludwig van Beethoven", "Bank of America").
_NAME_PARTICLES = frozenset(
    [
        "of",
        "the",
        "and",
        "for",
        "at",
        "on",
        "de",
        "da",
        "das",
        "do",
        "dos",
        "du",
        "di",
        "del",
        "della",
        "der",
        "den",
        "van",
        "von",
        "la",
        "le",
        "bin",
        "ibn",
        "al",
        "y",
        "e",
    ]
)


def _is_plain_word(token: Token) -> bool:
    text = token.text
    return text.isalpha() and text.islower() and len(text) >= 3 and text not in _NAME_PARTICLES


# Words that start a sentence or a salutation, never a person's name or a place ("If Supplier",
# "There", "Dear"). Organisations keep theirs ("First Harbor Bank", "The Ohio State University").
_LEADING_FUNCTION_WORDS = frozenset(
    [
        "if",
        "the",
        "there",
        "this",
        "that",
        "these",
        "those",
        "we",
        "our",
        "you",
        "your",
        "it",
        "its",
        "in",
        "on",
        "at",
        "for",
        "when",
        "while",
        "please",
        "and",
        "or",
        "but",
        "to",
        "from",
        "by",
        "with",
        "dear",
        "per",
        "re",
        "attn",
    ]
)


def _is_edge_noise(token: Token, label: str, cased_document: bool) -> bool:
    """A token a name never starts or ends with: punctuation, a function or ordinary word for
    people and places ("If", "Yesterday"), or, in a document that writes names capitalised, a lower-case word ("hereby")."""
    if not any(ch.isalnum() for ch in token.text):
        return True
    if cased_document and token.text.islower() and token.lower_ in STOP_WORDS:
        return True  # "Kaiser, and the", "Despite an": in a cased text no name ends so
    if label != "ORGANIZATION" and (
        token.lower_ in _LEADING_FUNCTION_WORDS or is_common_word(token.text)
    ):
        return True
    return cased_document and _is_plain_word(token)


@Language.component(NER_FILTER_COMPONENT)
def _plausible_entities(doc: Doc) -> Doc:
    """Trim or drop NER entities that cannot be a name, place or organisation.

    A found "name" is searched for everywhere else in the document (name propagation), so one
    false positive costs many redactions and can remove the words a flag rule needs. Trimmed:
    punctuation, function words ("If", "There"; not for organisations) and, in a document that
    writes names capitalised, lower-case words at either edge ("Supplier hereby" -> "Supplier").
    Dropped: what is left empty or letterless ("gives notice", "=="), people and places still
    holding a lower-case word inside (organisations may: "Zastawny i syn"), and
    one-word spans the same document also writes in lower case ("Control" beside "control")
    or that are an ordinary word and nobody's name ("Cash", "Neither"; common_words.py).
    """
    # Column reads, not a Token object per token: this ran over every token of every document.
    strings = doc.vocab.strings
    columns: Any = doc.to_array([ORTH, IS_ALPHA]) if len(doc) else []
    words = [strings[orth] for orth, alpha in columns.tolist() if alpha] if len(doc) else []
    capitalised = sum(1 for word in words if word[0].isupper())
    cased_document = not words or capitalised / len(words) >= 0.05
    lower_words = {word for word in words if word.islower()}
    kept: list[Span] = []
    for ent in doc.ents:
        start, end = ent.start, ent.end
        while start < end and _is_edge_noise(doc[start], ent.label_, cased_document):
            start += 1
        while end > start and _is_edge_noise(doc[end - 1], ent.label_, cased_document):
            end -= 1
        span = doc[start:end]
        if not any(ch.isalpha() for ch in span.text):
            continue
        if (
            cased_document
            and ent.label_ != "ORGANIZATION"
            and any(_is_plain_word(token) for token in span)
        ):
            continue
        if (
            len(span) == 1
            and not span.text.islower()
            and (span.text.lower() in lower_words or is_common_word(span.text))
        ):
            continue
        kept.append(Span(doc, start, end, label=ent.label_))
    doc.ents = kept
    return doc


@Language.component(LEMMA_COMPONENT)
def _lowercase_lemma(doc: Doc) -> Doc:
    # Column to column in C: a loop over tokens would build a Python object per token.
    if len(doc):
        lower: Any = doc.to_array([LOWER])  # spaCy's stubs call it float; it is uint64
        doc.from_array([LEMMA], lower)
    return doc


def line_pieces(text: str, size: int = NER_PIECE_CHARS) -> list[str]:
    """The text cut into pieces of at most about `size` characters, each ending at a line end
    (a blank line if one is near) where the text has one; joined, they are the text."""
    pieces: list[str] = []
    start = 0
    while start < len(text):
        end = min(len(text), start + size)
        if end < len(text):
            cut = text.rfind("\n\n", start + size // 2, end)
            cut = cut + 1 if cut >= 0 else text.rfind("\n", start + size // 2, end)
            if cut > start:
                end = cut + 1
        pieces.append(text[start:end])
        start = end
    return pieces


def keywords(doc: Doc, lemmas: list[str]) -> list[str]:
    """Presidio's `NlpArtifacts.set_keywords`, from columns: the lemmas that are no stop word
    and no punctuation (not "-PRON-" or "be"), lower-cased and split at colons. Presidio asks
    the vocabulary about each lemma, two calls per token; a lemma here is the token's lower
    case, whose stop-word and punctuation flags are the token's own."""
    if not len(doc):
        return []
    flags: Any = doc.to_array([IS_STOP, IS_PUNCT])
    return [
        part
        for lemma, (stop, punct) in zip(lemmas, flags.tolist(), strict=True)
        if not stop and not punct and lemma not in ("-PRON-", "be")
        for part in lemma.lower().split(":")
    ]


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

    def process_text(self, text: str, language: str) -> NlpArtifacts:
        """Tokenizer and NER over the text's line pieces as one batch, joined into one document;
        the entity filter and the lemmas then run on the whole document (the filter weighs
        words across all of it)."""
        if not self.nlp:
            raise ValueError("the NLP engine is not loaded: call load() first")
        nlp: Language = self.nlp[language]
        pieces = line_pieces(text)
        if len(pieces) == 1:
            return self._doc_to_nlp_artifact(nlp(text), language)
        whole = [NER_FILTER_COMPONENT, LEMMA_COMPONENT]
        docs = list(nlp.pipe(pieces, batch_size=len(pieces), disable=whole))
        doc = Doc.from_docs(docs, ensure_whitespace=False)
        for name in whole:
            if name in nlp.pipe_names:
                doc = nlp.get_pipe(name)(doc)
        return self._doc_to_nlp_artifact(doc, language)

    def _doc_to_nlp_artifact(self, doc: Doc, language: str) -> NlpArtifacts:
        """Presidio's artifacts, with lemmas and offsets read as arrays rather than token by
        token (a Python object per token, twice per document)."""
        strings = doc.vocab.strings
        lemmas = [strings[key] for key in doc.to_array(LEMMA).tolist()] if len(doc) else []
        entities, scores = self._get_updated_entities(
            self._get_entities(doc), self._get_scores_for_entities(doc)
        )
        artifacts = NlpArtifacts(
            entities=entities,
            tokens=doc,
            tokens_indices=doc.to_array(IDX).tolist() if len(doc) else [],
            lemmas=lemmas,
            nlp_engine=None,  # no keywords computed token by token: see keywords()
            language=language,
            scores=scores,
        )
        artifacts.nlp_engine = self
        artifacts.keywords = keywords(doc, lemmas)
        return artifacts

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
            f"+{NER_FILTER_COMPONENT}+{LEMMA_COMPONENT} in {NER_PIECE_CHARS}-character pieces"
        )
