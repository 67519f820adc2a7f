"""Presidio analyzer + anonymizer, offline, with consistent typed placeholders per document."""

from __future__ import annotations

import importlib.metadata
from pathlib import Path

import regex
from presidio_analyzer import AnalyzerEngine, EntityRecognizer, RecognizerRegistry, RecognizerResult
from presidio_analyzer import predefined_recognizers as builtin
from presidio_anonymizer import AnonymizerEngine
from presidio_anonymizer.entities import OperatorConfig

from extractors.redact.nlp import OfflineSpacyNlpEngine
from extractors.redact.placeholders import PlaceholderMap
from extractors.redact.policy import BUILTIN_RECOGNIZERS, DEFAULT_POLICY, RedactionPolicy
from extractors.redact.recognizers import custom_recognizers
from schemas.redaction import RedactedDocument, RedactedSpan, RedactionConfig

_NAME_PART = regex.compile(r"\p{Lu}(?:['’]\p{Lu})?\p{Ll}+(?:\p{Lu}\p{Ll}+)?(?:[-'’]\p{Lu}\p{Ll}+)*")
_NOT_NAME_PARTS = frozenset(
    {"Dr", "Mr", "Mrs", "Ms", "Mx", "Miss", "Prof", "The", "And", "Patient", "Name", "Jr", "Sr"}
)
PROPAGATION = "attest.NamePropagation"


def _builtin(name: str) -> EntityRecognizer:
    if name == "PhoneRecognizer":
        # Eight regions cost ~44 ms per document; the documents here are US ones.
        return builtin.PhoneRecognizer(supported_regions=("US",))
    recognizer: EntityRecognizer = getattr(builtin, name)()
    return recognizer


class Redactor:
    """Thread-safe: the engines hold no per-document state; placeholders live per call."""

    def __init__(
        self, policy: RedactionPolicy = DEFAULT_POLICY, nlp_model: Path | None = None
    ) -> None:
        self.policy = policy
        nlp = OfflineSpacyNlpEngine(nlp_model)
        nlp.load()
        registry = RecognizerRegistry(supported_languages=["en"])
        for name in BUILTIN_RECOGNIZERS:
            registry.add_recognizer(_builtin(name))
        for recognizer in custom_recognizers():
            registry.add_recognizer(recognizer)
        self._analyzer = AnalyzerEngine(
            registry=registry, nlp_engine=nlp, supported_languages=["en"]
        )
        self._anonymizer = AnonymizerEngine()  # type: ignore[no-untyped-call]
        recognizers = sorted(f"{r.name}@{r.version}" for r in registry.recognizers)  # type: ignore[has-type]
        self.config = RedactionConfig(
            policy_id=policy.policy_id,
            policy_version=policy.version,
            entity_types=policy.entity_types,
            recognizers=tuple(recognizers),
            score_threshold=policy.score_threshold,
            nlp_engine=nlp.description(),
            presidio_version=importlib.metadata.version("presidio-analyzer"),
        )

    def analyze(self, text: str) -> list[RecognizerResult]:
        """Non-overlapping findings, longest span first where they compete."""
        found = self._analyzer.analyze(
            text=text,
            language="en",
            entities=list(self.policy.entity_types),
            score_threshold=self.policy.score_threshold,
        )
        return _without_overlaps(found)

    def redact(self, doc_id: str, text: str) -> RedactedDocument:
        results = self.analyze(text)
        names = PlaceholderMap()
        if self.policy.propagate_names:
            results = _propagate_names(text, results, names)
        originals = {(r.start, r.end): text[r.start : r.end] for r in results}
        for result in results:  # number placeholders in reading order
            names.placeholder(result.entity_type, originals[(result.start, result.end)])
        used: dict[str, tuple[str, float]] = {}

        def operator(entity_type: str) -> OperatorConfig:
            def replace(original: str) -> str:
                return names.placeholder(entity_type, original)

            return OperatorConfig("custom", {"lambda": replace})

        anonymized = self._anonymizer.anonymize(
            text=text,
            analyzer_results=results,  # type: ignore[arg-type]  # same shape, other class
            operators={etype: operator(etype) for etype in {r.entity_type for r in results}},
        )
        for result in results:
            placeholder = names.placeholder(
                result.entity_type, originals[(result.start, result.end)]
            )
            recognizer = _recognizer_name(result)
            best = used.get(placeholder)
            if best is None or result.score > best[1]:
                used[placeholder] = (recognizer, result.score)
        spans = tuple(
            RedactedSpan(
                entity_type=item.entity_type,
                placeholder=item.text,
                start=item.start,
                end=item.end,
                recognizer=used[item.text][0],
                score=round(used[item.text][1], 3),
            )
            for item in sorted(anonymized.items, key=lambda i: i.start)
        )
        return RedactedDocument(
            doc_id=doc_id, text=anonymized.text, spans=spans, config=self.config
        )


def _recognizer_name(result: RecognizerResult) -> str:
    metadata = result.recognition_metadata or {}
    return str(metadata.get(RecognizerResult.RECOGNIZER_NAME_KEY, "unknown"))


def _without_overlaps(results: list[RecognizerResult]) -> list[RecognizerResult]:
    ranked = sorted(results, key=lambda r: (-(r.end - r.start), -r.score, r.start))
    kept: list[RecognizerResult] = []
    for candidate in ranked:
        if all(candidate.end <= k.start or candidate.start >= k.end for k in kept):
            kept.append(candidate)
    return sorted(kept, key=lambda r: r.start)


def _propagate_names(
    text: str, results: list[RecognizerResult], names: PlaceholderMap
) -> list[RecognizerResult]:
    """Find every other mention of a found name, whole or in part, and link it to the name."""
    variants: dict[str, str] = {}
    for result in results:
        if result.entity_type != "PERSON":
            continue
        full = text[result.start : result.end].rstrip(".")
        variants.setdefault(full, full)
        for part in _NAME_PART.findall(full):
            if len(part) >= 3 and part not in _NOT_NAME_PARTS:
                variants.setdefault(part, full)
    if not variants:
        return results
    extra: list[RecognizerResult] = []
    for variant, full in sorted(variants.items(), key=lambda item: -len(item[0])):
        names.alias("PERSON", variant, full)
        for match in regex.finditer(rf"(?<![\w-]){regex.escape(variant)}(?![\w-])", text):
            extra.append(
                RecognizerResult(
                    "PERSON",
                    match.start(),
                    match.end(),
                    0.6,
                    recognition_metadata={RecognizerResult.RECOGNIZER_NAME_KEY: PROPAGATION},
                )
            )
    return _without_overlaps(results + extra)
