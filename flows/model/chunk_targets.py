"""Per-chunk training targets: a long labelled document taught as the model reads it.

At inference a document longer than the model's context is split (extractors.llm.chunking)
and every chunk is its own chat ("part 2 of 3; report only what this part shows"). An example
made of the whole document would teach a prompt the model never sees and a flag for text that
is not in front of it. So a labelled document becomes one example per chunk, split exactly as
the generation loop splits it (the same model tokenizer, context, prompt and output budget):
- a labelled flag belongs to every chunk that holds one of its experts' quotes (CUAD's
  clauses; compared after collapsing whitespace), with that quote as evidence (its first 300
  characters, the schema's limit);
- a labelled flag none of whose quotes lies whole in one chunk (no quotes in the corpus, a
  quote cut by a chunk boundary, or changed by redaction) belongs to the chunks where the
  rules baseline finds that kind, with the rules' evidence;
- a labelled flag neither places leaves the document out (the caller counts why): a target
  must never teach the model to flag without a quote;
- every other field is the rules baseline's output on that chunk, and a triage set's
  labelled ESI level replaces the baseline's in every chunk.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from extractors.domains import flag_field
from extractors.llm.base import generation_request
from extractors.llm.rules import RulesBackend
from schemas.document import Domain

EVIDENCE_LIMIT = 300
Chunker = Callable[[Domain, str], list[str]]
"""The pieces the generation loop would send for a redacted text (one when it fits)."""


def whole(domain: Domain, text: str) -> list[str]:
    """No model to split for: the document is one chunk."""
    return [text]


def _collapsed(text: str) -> str:
    return " ".join(text.split())


def _rules_output(domain: Domain, text: str) -> dict[str, Any]:
    output: dict[str, Any] = json.loads(
        RulesBackend().generate(generation_request(domain, text)).raw_output
    )
    return output


def _quoted_in(chunk: str, quotes: tuple[str, ...]) -> str | None:
    """The first expert quote that lies whole in the chunk, as evidence; else None."""
    collapsed = _collapsed(chunk)
    for quote in quotes:
        clause = _collapsed(quote)
        if clause and clause in collapsed:
            return clause[:EVIDENCE_LIMIT].strip()
    return None


def chunk_targets(
    domain: Domain,
    chunks: list[str],
    labelled: frozenset[str],
    quotes: dict[str, tuple[str, ...]],
    severity: dict[str, str],
    esi: int | None = None,
) -> list[dict[str, Any]] | str:
    """One target output per chunk, in order; or why the document teaches nothing."""
    field = flag_field(domain)
    outputs = [_rules_output(domain, chunk) for chunk in chunks]
    found = [{flag["kind"]: flag for flag in reversed(out[field])} for out in outputs]
    placed: list[dict[str, dict[str, str]]] = [{} for _ in chunks]
    for kind in sorted(labelled):
        for index, chunk in enumerate(chunks):
            evidence = _quoted_in(chunk, quotes.get(kind, ()))
            if evidence and severity.get(kind):
                placed[index][kind] = {
                    "kind": kind,
                    "severity": severity[kind],
                    "evidence": evidence,
                }
        if any(kind in flags for flags in placed):
            continue
        for index in range(len(chunks)):
            if kind in found[index]:
                placed[index][kind] = found[index][kind]
        if not any(kind in flags for flags in placed):
            return f"labelled {kind!r} has no evidence in the redacted text"
    for output, flags in zip(outputs, placed, strict=True):
        output[field] = [flags[kind] for kind in sorted(flags)]
        if esi is not None and "triage_level" in output:
            output["triage_level"] = esi
    return outputs
