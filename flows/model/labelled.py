"""Training examples from labelled corpora in the `eval flags` layout (flows/evaluation.py).

A labelled corpus says which flags a document carries, not the whole output, so a target is
built from two sources and nothing else:
- the flags are the labelled ones: an expert's quote where the corpus has one (CUAD) and it
  stands verbatim in the redacted text, at the kind's own severity, else the rules baseline's
  flag of that kind (its evidence is a quote of the redacted text);
- every other field is the rules baseline's output on the same redacted text, and a triage
  set's labelled ESI level replaces the baseline's.
A document with a labelled flag that has no evidence in its redacted text is left out (counted
in the manifest): a target must never teach the model to flag without a quote. Given a model
directory (`attest model dataset --model-dir`), a document is split as the generation loop
splits it for that model and gives one example per chunk (flows.model.chunk_targets).

Documents go through the batch's own stages (ingest, parse/OCR, redact) with the configured
redaction, and only the redacted text enters an example. CUAD's release layout is read through
flows/cuad.py's fixed split, and only its `dev` part: the held-out part is for evaluation.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from extractors.lexicons import RED_FLAG_SEVERITY
from extractors.llm.base import generation_request
from extractors.llm.rules.clause_rules import CATEGORIES
from flows import cuad
from flows.components import build_components
from flows.errors import FlowError
from flows.evaluated import LabelledParts
from flows.evaluation import Label, fixed_subset, read_labels
from flows.model.chunk_targets import Chunker, chunk_targets, whole
from flows.model.dataset import Example, example_for
from flows.settings import Settings
from flows.stages import prepare_document
from schemas.canonical import sha256_hex, sha256_of
from schemas.document import Domain

FLAG_FIELD: dict[Domain, str] = {
    "clinical": "red_flags",
    "legal": "clause_flags",
    "finance": "risk_flags",
}
SEVERITY: dict[Domain, dict[str, str]] = {
    "clinical": dict(RED_FLAG_SEVERITY),
    "legal": {kind: category.severity for kind, category in CATEGORIES.items()},
    "finance": {},
}


@dataclass
class CorpusExport:
    """What one labelled corpus contributed, for the dataset's manifest."""

    folder: str
    split: str
    labels_sha256: str
    limit: int | None = None
    """Only the first N documents by the SHA-256 of their names, when set."""
    documents: int = 0
    examples: int = 0
    left_out: dict[str, str] = field(default_factory=dict)
    """Document name -> why no example was made from it."""
    redacted_sha256: list[str] = field(default_factory=list)


def _labels_file_sha256(folder: Path) -> str:
    for name in ("labels.json", "labels.csv"):
        if (folder / name).is_file():
            return sha256_hex((folder / name).read_bytes())
    master = cuad.master_csv(folder)
    return sha256_hex(master.read_bytes()) if master is not None else ""


def _esi_levels(folder: Path) -> dict[str, int]:
    path = folder / "labels.json"
    if not path.is_file():
        return {}
    raw: dict[str, dict[str, Any]] = json.loads(path.read_text())
    return {name: int(entry["esi"]) for name, entry in raw.items() if "esi" in entry}


def labelled_target(
    domain: Domain, redacted_text: str, label: Label, esi: int | None = None
) -> dict[str, Any] | str:
    """The target output for one labelled document read whole, or why there is none."""
    targets = chunk_targets(
        domain, [redacted_text], label.flags, label.quotes, SEVERITY[domain], esi
    )
    return targets if isinstance(targets, str) else targets[0]


def model_chunker(settings: Settings) -> Chunker:
    """The generation loop's own split for the configured model directory (its tokenizer,
    context, prompt and `max_tokens`); without a model directory every document is whole."""
    if settings.model_dir is None:
        return whole
    from extractors.llm.generation import document_chunks
    from extractors.llm.transformers_local import TransformersTransport
    from schemas.generation import DecodingParams

    transport = TransformersTransport(
        settings.model_dir, decoding=DecodingParams(max_tokens=settings.max_tokens)
    )

    def split(domain: Domain, text: str) -> list[str]:
        return document_chunks(generation_request(domain, text), transport)

    return split


def labelled_examples(
    folder: Path, settings: Settings, limit: int | None = None
) -> tuple[list[Example], CorpusExport]:
    """Examples from every labelled document whose every flag has evidence (CUAD: dev split):
    one per chunk the configured model would be sent (flows.model.chunk_targets). `limit`: only
    the first N documents by the SHA-256 of their names (flows.evaluation.fixed_subset)."""
    split: cuad.Split = "dev" if cuad.master_csv(folder) is not None else "all"
    labels = read_labels(folder, split)
    esi = _esi_levels(folder)
    export = CorpusExport(str(folder), split, _labels_file_sha256(folder), limit)
    components = build_components(settings.model_copy(update={"backend": "rules"}))
    chunker = model_chunker(settings)
    examples: list[Example] = []
    for name in fixed_subset(list(labels), limit):
        label = labels[name]
        export.documents += 1
        path = label.path or folder / "documents" / name
        prepared = prepare_document(str(path), LabelledParts.of(components, label.domain))
        if prepared.redacted.value is None:
            stop = prepared.stop
            export.left_out[name] = f"not redacted: {stop.code if stop else 'unknown'}"
            continue
        text = prepared.redacted.value.text
        chunks = chunker(label.domain, text)
        targets = chunk_targets(
            label.domain, chunks, label.flags, label.quotes, SEVERITY[label.domain], esi.get(name)
        )
        if isinstance(targets, str):
            export.left_out[name] = targets
            continue
        digest = sha256_hex(text)
        export.redacted_sha256.append(digest)
        for part, (chunk, target) in enumerate(zip(chunks, targets, strict=True), start=1):
            messages = example_for(label.domain, chunk, target, part, len(chunks))
            examples.append(Example(label.domain, messages, [digest]))
    if not labels:
        raise FlowError(f"no labelled documents in {folder}", hint="see `attest eval flags --help`")
    export.examples = len(examples)
    return examples, export


def corpus_manifest(exports: list[CorpusExport]) -> list[dict[str, Any]]:
    entries = [
        {
            "folder": e.folder,
            "split": e.split,
            "labels_sha256": e.labels_sha256,
            **({"limit": e.limit} if e.limit is not None else {}),
            "documents": e.documents,
            "examples": e.examples,
            "left_out": e.left_out,
            "redacted_sha256": sorted(e.redacted_sha256),
        }
        for e in exports
    ]
    return [entry | {"entry_sha256": sha256_of(entry)} for entry in entries]
