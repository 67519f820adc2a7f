"""Long documents against small context windows: split by the model's own token count, merge
per-chunk outputs deterministically.

Chunks break at paragraph, then line, then word boundaries, so a quote inside a chunk is a
quote of the whole document too: the evidence checks locate it in the full redacted text.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

from extractors.domains import flag_field
from extractors.errors import BackendError
from schemas.document import Domain
from schemas.outputs import list_limits

TokenCounter = Callable[[str], int]
_BREAKS = (re.compile(r"\n\s*\n"), re.compile(r"\n"), re.compile(r"(?<=\s)"))


def chunks_for_context(
    text: str,
    *,
    context: int | None,
    prompt_tokens: int,
    output_tokens: int,
    count: TokenCounter,
    margin: int = 32,
) -> list[str]:
    """The document's chunks for a model whose context must hold prompt, chunk and output."""
    if context is None:
        return [text]
    budget = context - output_tokens - prompt_tokens - margin
    if budget < 8:
        raise BackendError(
            f"the model's context ({context} tokens) leaves no room for the document after "
            f"the prompt ({prompt_tokens}) and the output ({output_tokens})",
            hint="lower --max-tokens or use a model with a longer context",
            retryable=False,
        )
    return split_to_fit(text, budget, count)


def split_to_fit(text: str, budget: int, count: TokenCounter) -> list[str]:
    """Pieces of `text`, in order, each within `budget` tokens; joined they give `text` back."""
    if budget < 8:
        raise ValueError(f"a chunk budget of {budget} tokens is too small to be useful")
    if count(text) <= budget:
        return [text]
    return _split(text, budget, count, 0)


def _split(text: str, budget: int, count: TokenCounter, level: int) -> list[str]:
    if level >= len(_BREAKS):
        # No whitespace left to break at: cut by characters, halving until it fits.
        half = max(1, len(text) // 2)
        pieces = [text[:half], text[half:]]
        return [
            p for piece in pieces for p in (split_to_fit(piece, budget, count) if piece else [])
        ]
    parts = [p for p in _split_keep(text, _BREAKS[level]) if p]
    chunks: list[str] = []
    current = ""
    for part in parts:
        candidate = current + part
        if count(candidate) <= budget:
            current = candidate
            continue
        if current:
            chunks.append(current)
        if count(part) <= budget:
            current = part
        else:
            chunks.extend(_split(part, budget, count, level + 1))
            current = ""
    if current:
        chunks.append(current)
    return chunks


def _split_keep(text: str, boundary: re.Pattern[str]) -> list[str]:
    """Split after each boundary match, keeping the separators with the preceding part."""
    pieces, start = [], 0
    for match in boundary.finditer(text):
        if match.end() > start:
            pieces.append(text[start : match.end()])
            start = match.end()
    pieces.append(text[start:])
    return pieces


_UNSET = (None, "", "other", "unknown")


def merge_outputs(domain: Domain, outputs: list[dict[str, Any]]) -> dict[str, Any]:
    """One output from per-chunk outputs, independent of timing: chunk order decides ties.

    Scalars: the first chunk's value that says something (not empty, 'other' or 'unknown').
    Lists: concatenated in chunk order without duplicates, cut at the schema's maximum.
    Flags: one per kind, the first chunk's evidence. Triage: the most urgent level.
    """
    if len(outputs) == 1:
        return outputs[0]
    merged: dict[str, Any] = {}
    limits = list_limits(domain)
    # A model may leave out an optional field in one chunk and fill it in another: every key
    # any chunk wrote is merged, from the chunks that wrote it.
    keys = list(dict.fromkeys(key for output in outputs for key in output))
    for key in keys:
        values = [output[key] for output in outputs if key in output]
        if key == "triage_level":
            merged[key] = min(values)
        elif key == flag_field(domain):
            seen: dict[str, Any] = {}
            for flags in values:
                for flag in flags:
                    seen.setdefault(flag["kind"], flag)
            merged[key] = list(seen.values())[: limits[key]]
        elif isinstance(values[0], list):
            items: list[Any] = []
            for value in values:
                items += [item for item in value if item not in items]
            merged[key] = items[: limits.get(key, len(items))]
        else:
            merged[key] = next((v for v in values if v not in _UNSET), values[0])
    return merged


def merged_raw_output(domain: Domain, contents: list[str]) -> str:
    """The raw output: the model's own bytes for one chunk, else the merge."""
    if len(contents) == 1:
        return contents[0]
    merged = merge_outputs(domain, [json.loads(content) for content in contents])
    return json.dumps(merged, ensure_ascii=False, sort_keys=True)
