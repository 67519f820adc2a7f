"""Presidio analyzer, offline, then the policy's operators; placeholders consistent per document."""

from __future__ import annotations

import gc
import importlib.metadata
import os
from bisect import bisect_left, bisect_right
from collections.abc import Mapping
from pathlib import Path

import regex
from presidio_analyzer import AnalyzerEngine, EntityRecognizer, RecognizerRegistry, RecognizerResult
from presidio_analyzer import predefined_recognizers as builtin
from presidio_analyzer.predefined_recognizers import SpacyRecognizer

from extractors.redact import clinical_vocabulary
from extractors.redact.clinical_meaning import keep_clinical_meaning
from extractors.redact.clinical_vocabulary import is_lexicon_word
from extractors.redact.context import IndexedContextEnhancer
from extractors.redact.nlp import NER_ENTITIES, OfflineSpacyNlpEngine
from extractors.redact.operators import DocumentContext, apply, secret_id
from extractors.redact.placeholders import PlaceholderMap, normalised
from extractors.redact.policy import BUILTIN_RECOGNIZERS, DEFAULT_POLICY, ENTITY_TYPES, POLICIES
from extractors.redact.recognizers import custom_recognizers
from extractors.redact.recognizers.web_address import CandidateEmailRecognizer, WebUrlRecognizer
from schemas.document import Domain
from schemas.redaction import RedactedDocument, RedactedSpan, RedactionConfig
from schemas.redaction_policy import RedactionPolicy

_NAME_PART = regex.compile(r"\p{Lu}(?:['’]\p{Lu})?\p{Ll}+(?:\p{Lu}\p{Ll}+)?(?:[-'’]\p{Lu}\p{Ll}+)*")
_NOT_NAME_PARTS = frozenset(
    {"Dr", "Mr", "Mrs", "Ms", "Mx", "Miss", "Prof", "The", "And", "Patient", "Name", "Jr", "Sr"}
)
PROPAGATION = "attest.NamePropagation"


def _builtin(name: str) -> EntityRecognizer:
    if name == "PhoneRecognizer":
        # Eight regions cost ~44 ms per document; the documents here are US ones.
        return builtin.PhoneRecognizer(supported_regions=("US",))
    if name == "EmailRecognizer":
        return CandidateEmailRecognizer()  # the same findings, scanned for where an "@" is
    if name == "UrlRecognizer":
        # Presidio's patterns, but no domain ending inside a word ("1.An|terior").
        return WebUrlRecognizer()
    recognizer: EntityRecognizer = getattr(builtin, name)()
    return recognizer


class Redactor:
    """Thread-safe: the engines hold no per-document state; placeholders live per call."""

    def __init__(
        self,
        policy: RedactionPolicy = DEFAULT_POLICY,
        nlp_model: Path | None = None,
        *,
        policies: Mapping[Domain, RedactionPolicy] = POLICIES,
        secret: bytes | None = None,
    ) -> None:
        """`secret` keys date shifts and hashes; without one, a random one for this instance
        (fine for tests, useless for consistency across runs: the pipeline passes the site's)."""
        self.policy = policy
        self.policies = dict(policies)
        self._secret = secret if secret is not None else os.urandom(32)
        nlp = OfflineSpacyNlpEngine(nlp_model)
        nlp.load()
        registry = RecognizerRegistry(supported_languages=["en"])
        for name in BUILTIN_RECOGNIZERS:
            registry.add_recognizer(_builtin(name))
        for recognizer in custom_recognizers():
            registry.add_recognizer(recognizer)
        if nlp.has_ner:
            # Names, places and organisations from the local NER model (extractors.redact.ner).
            registry.add_recognizer(SpacyRecognizer(supported_entities=list(NER_ENTITIES)))
        self._analyzer = AnalyzerEngine(
            registry=registry,
            nlp_engine=nlp,
            supported_languages=["en"],
            context_aware_enhancer=IndexedContextEnhancer(),
        )
        recognizers = sorted(f"{r.name}@{r.version}" for r in registry.recognizers)  # type: ignore[has-type]
        self.config = RedactionConfig(
            policies=(policy.ref(), *(self.policies[d].ref() for d in sorted(self.policies))),
            entity_types=ENTITY_TYPES,
            recognizers=tuple(recognizers),
            nlp_engine=nlp.description(),
            presidio_version=importlib.metadata.version("presidio-analyzer"),
            secret_id=secret_id(self._secret),
        )
        clinical_vocabulary.load()
        # The model, lexicons and patterns now loaded live as long as the process (half a
        # million objects): out of the cyclic collector's way, which otherwise walks them
        # all again every few documents (~10% of redaction time).
        gc.freeze()

    def analyze(self, text: str, policy: RedactionPolicy | None = None) -> list[RecognizerResult]:
        """Non-overlapping findings, longest span first where they compete; none that only
        erases clinical meaning (a measurement, a drug or heading taken for a name)."""
        found = self._analyzer.analyze(
            text=text,
            language="en",
            entities=list(ENTITY_TYPES),
            score_threshold=(policy or self.policy).score_threshold,
        )
        return _without_overlaps(keep_clinical_meaning(text, found))

    def findings(self, text: str) -> list[RecognizerResult]:
        """Every span `redact` replaces, in input offsets: analyzer findings plus name mentions."""
        return self._findings(text, self.policy, PlaceholderMap())

    def _findings(
        self, text: str, policy: RedactionPolicy, names: PlaceholderMap
    ) -> list[RecognizerResult]:
        results = self.analyze(text, policy)
        if policy.propagate_names:
            results = _propagate_names(text, results, names)
        return results

    def policy_for(self, domain: Domain | None) -> RedactionPolicy:
        """The domain's policy; the default one when the domain is not known."""
        return self.policies.get(domain, self.policy) if domain is not None else self.policy

    def redact(self, doc_id: str, text: str, domain: Domain | None = None) -> RedactedDocument:
        return self.redact_with_originals(doc_id, text, domain)[0]

    def redact_with_originals(
        self, doc_id: str, text: str, domain: Domain | None = None
    ) -> tuple[RedactedDocument, tuple[str, ...]]:
        """The redacted document, and each span's original text (for the vault only)."""
        policy = self.policy_for(domain)
        names = PlaceholderMap()
        results = self._findings(text, policy, names)
        context = DocumentContext(
            self._secret, _shift_key(doc_id, text, results, policy), names, text=text
        )
        pieces: list[str] = []
        found: list[tuple[str, int, int, str, RecognizerResult]] = []
        originals: list[str] = []
        used: dict[tuple[str, str], tuple[str, float]] = {}
        last = length = 0
        for result in results:  # reading order: placeholders are numbered as they appear
            original = text[result.start : result.end]
            rule = policy.rule(result.entity_type)
            context.before = text[max(0, result.start - 40) : result.start]
            context.after = text[result.end : result.end + 40]
            replacement, operator = apply(rule, result.entity_type, original, context)
            if replacement == original:
                continue  # the policy keeps it (an age up to 89): nothing was redacted
            pieces.append(text[last : result.start])
            length += result.start - last
            found.append((replacement, length, length + len(replacement), operator, result))
            originals.append(original)
            pieces.append(replacement)
            length += len(replacement)
            last = result.end
            key = (result.entity_type, replacement)
            best = used.get(key)
            if best is None or result.score > best[1]:
                used[key] = (_recognizer_name(result), result.score)
        pieces.append(text[last:])
        spans = tuple(
            RedactedSpan(
                entity_type=result.entity_type,
                placeholder=replacement,
                start=start,
                end=end,
                recognizer=used[(result.entity_type, replacement)][0],
                score=round(used[(result.entity_type, replacement)][1], 3),
                operator=operator,  # type: ignore[arg-type]  # one of the policy's operators
            )
            for replacement, start, end, operator, result in found
        )
        document = RedactedDocument(
            doc_id=doc_id,
            text="".join(pieces),
            spans=spans,
            config=self.config,
            policy=policy.ref(),
        )
        return document, tuple(originals)


def _shift_key(
    doc_id: str, text: str, results: list[RecognizerResult], policy: RedactionPolicy
) -> str:
    """What keys a document's date shift: the first value of the policy's key entity (the
    patient's MRN, the account number), so every document of that patient moves alike."""
    key_entity = policy.rule("DATE_TIME").params.get("key_entity")
    for result in results:
        if result.entity_type == key_entity:
            _, value = normalised(result.entity_type, text[result.start : result.end])
            if key_entity == "MEDICAL_RECORD_NUMBER":
                value = value.removeprefix("mrn")
            return f"{key_entity}:{value}"
    return f"document:{doc_id}"


def _recognizer_name(result: RecognizerResult) -> str:
    metadata = result.recognition_metadata or {}
    return str(metadata.get(RecognizerResult.RECOGNIZER_NAME_KEY, "unknown"))


def _without_overlaps(results: list[RecognizerResult]) -> list[RecognizerResult]:
    """Longest span first where they compete; where spans overlap only in part, the kept one
    grows to cover both: an NER span "VIN LFH0WPFCW5FYVC8" must not leave "KB" of the VIN
    the pattern found in the text."""
    ranked = sorted(results, key=lambda r: (-(r.end - r.start), -r.score, r.start))
    # The kept spans never overlap, so in start order their ends ascend too: the ones a
    # candidate overlaps are one run, found by bisection (a scan of every kept span per
    # candidate made a contract with a thousand findings quadratic). Among them the first kept
    # (lowest rank) wins and grows over the run and the candidate.
    starts: list[int] = []
    ends: list[int] = []
    kept: list[tuple[int, RecognizerResult]] = []
    for rank, candidate in enumerate(ranked):
        low = bisect_right(ends, candidate.start)
        high = bisect_left(starts, candidate.end, lo=low)
        if low == high:
            starts.insert(low, candidate.start)
            ends.insert(low, candidate.end)
            kept.insert(low, (rank, candidate))
            continue
        _, winner = min(kept[low:high], key=lambda item: item[0])
        winner.start = min(candidate.start, starts[low])
        winner.end = max(candidate.end, ends[high - 1])
        starts[low:high] = [winner.start]
        ends[low:high] = [winner.end]
        kept[low:high] = [(min(item[0] for item in kept[low:high]), winner)]
    return [result for _, result in kept]


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
            # A part that is also a drug or clinical word ("Ringer") is searched for only as
            # part of the whole name: alone it would erase that word from the whole note.
            if len(part) >= 3 and part not in _NOT_NAME_PARTS and not is_lexicon_word(part):
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
