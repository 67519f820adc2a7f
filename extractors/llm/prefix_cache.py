"""The attention cache of the prompt's shared beginning, computed once and reused by every batch.

Every document of a domain is sent with the same system prompt (the instructions and the
schema's field descriptions, ~500 tokens for the clinical chat) before its own text (tens of
tokens for a short note). Prefill of those shared tokens was most of the CPU time of a short
document; now their keys and values are computed once per prompt template (per transport, so
per model and adapter) and every batch starts from a copy of them.

A prefix is the token ids the full prompts begin with (`register`: the template's tokens up to
where the document starts, cut where the full prompt's tokenisation agrees). A batch reuses the
longest registered prefix that every one of its prompts extends. The stored tensors are never
handed to the model: each batch gets its own cache built by concatenation, which copies, so
decoding (which appends to its cache and drops finished rows) cannot change them.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Sequence
from typing import Any

TokenIds = tuple[int, ...]


def common_prefix(a: Sequence[int], b: Sequence[int]) -> TokenIds:
    """The ids `a` and `b` both begin with."""
    length = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        length += 1
    return tuple(a[:length])


class PrefixCache:
    """Keys and values of registered prompt prefixes, computed on first use (at most `size`
    kept, least recently used dropped: one per domain's template in practice)."""

    def __init__(self, size: int = 8, min_tokens: int = 16) -> None:
        self.size = size
        self.min_tokens = min_tokens
        self._prefixes: set[TokenIds] = set()
        self._states: OrderedDict[TokenIds, list[tuple[Any, Any]]] = OrderedDict()
        self._lock = threading.Lock()
        self.computed = 0
        """How many prefixes were prefilled so far (for tests and benchmarks)."""

    def register(self, prompt_ids: Sequence[int], template_ids: Sequence[int]) -> None:
        """`template_ids`: the prompt rendered without the document, tokenised on its own; the
        part both tokenisations agree on is the shared prefix (a token may merge across the
        boundary, so the last one or two can differ)."""
        prefix = common_prefix(prompt_ids, template_ids)
        if len(prefix) >= self.min_tokens:
            with self._lock:
                self._prefixes.add(prefix)

    def prefix_for(self, rows: Sequence[Sequence[int]]) -> TokenIds:
        """The longest registered prefix that every row extends by at least one token; () if
        none does."""
        with self._lock:
            candidates = sorted(self._prefixes, key=len, reverse=True)
        for prefix in candidates:
            if all(len(row) > len(prefix) and tuple(row[: len(prefix)]) == prefix for row in rows):
                return prefix
        return ()

    def expanded(self, model: Any, prefix: TokenIds, batch: int) -> Any:
        """A fresh transformers `DynamicCache` holding `prefix` for `batch` rows."""
        from transformers import DynamicCache

        layers = self._state(model, prefix)
        rows = [(k.expand(batch, -1, -1, -1), v.expand(batch, -1, -1, -1)) for k, v in layers]
        return DynamicCache(rows, config=model.config)  # concatenated: a copy per batch

    def _state(self, model: Any, prefix: TokenIds) -> list[tuple[Any, Any]]:
        with self._lock:
            if prefix in self._states:
                self._states.move_to_end(prefix)
                return self._states[prefix]
        import torch

        with torch.inference_mode():
            output = model(
                input_ids=torch.tensor([prefix], device=model.device),
                use_cache=True,
                logits_to_keep=1,
            )
        cache = output.past_key_values
        layers = [(layer.keys, layer.values) for layer in cache.layers]
        with self._lock:
            self._states[prefix] = layers
            self.computed += 1
            while len(self._states) > self.size:
                self._states.popitem(last=False)
        return layers
