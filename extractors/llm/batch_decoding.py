"""Greedy decoding of a batch of prompts on local weights: transformers' greedy search, with
two changes that matter on a CPU.

1. The shared beginning of the prompts (the domain's system prompt) is not prefilled again:
   the batch starts from a copy of its cached keys and values (extractors.llm.prefix_cache)
   and prefills only each prompt's own tokens. The batch is laid out [prefix][padding][own
   tokens], the padding masked and the positions counted from the attention mask, so every
   token sees the same keys at the same positions as when the whole prompt is prefilled.
2. A sequence that has ended (its end-of-text token, a loop stopped, the token budget) leaves
   the batch: its row is dropped from the cache and the next steps compute only the sequences
   still decoding. `generate` keeps computing an ended row, padding included, until the
   longest one ends: under the schema constraint, where each document's JSON ends on its own,
   that was a quarter of the decoding steps of a batch of 8 spent on finished rows.

The logits processors (the repetition penalty, the schema constraint) and the stopping
criteria see the batch as `generate` showed it to them: each live row's prompt, left-padded,
then its generated tokens. Decoding stays greedy: the output is a function of the input.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from extractors.llm.constraint import BatchConstraint
from extractors.llm.prefix_cache import PrefixCache

Processor = Callable[[Any, Any], Any]
"""A transformers logits processor: (input ids, float32 scores) -> scores."""


@dataclass(frozen=True)
class Budget:
    """When a sequence ends: `max_new_tokens`, an end token, or a stopping criterion."""

    max_new_tokens: int
    eos_ids: frozenset[int]
    pad_id: int
    stopping: Callable[[Any, Any], Any] | None = None
    processors: tuple[Processor, ...] = ()


class _Batch:
    """The rows still decoding: their cache, attention mask, positions and processor view."""

    def __init__(
        self, model: Any, rows: Sequence[Sequence[int]], pad_id: int, cache: PrefixCache | None
    ) -> None:
        import torch
        from transformers import DynamicCache

        prefix = cache.prefix_for(rows) if cache is not None else ()
        own = [list(row[len(prefix) :]) for row in rows]
        width = max(len(tokens) for tokens in own)
        self.step_ids = torch.tensor([[pad_id] * (width - len(t)) + t for t in own])
        mask = torch.tensor(
            [[1] * len(prefix) + [0] * (width - len(t)) + [1] * len(t) for t in own]
        )
        self.positions = (mask.cumsum(-1) - 1).masked_fill(mask == 0, 0)[:, -width:]
        # transformers drops a mask without padding (its attention takes the causal path): same.
        self.mask: Any = None if bool((mask == 1).all()) else mask
        longest = max(len(row) for row in rows)
        self.view = torch.tensor([[pad_id] * (longest - len(row)) + list(row) for row in rows])
        if prefix:
            assert cache is not None
            self.cache = cache.expanded(model, prefix, len(rows))
        else:
            self.cache = DynamicCache(config=model.config)
        self.rows = list(range(len(rows)))
        """Which of the original rows each live row is."""

    def advance(self, next_ids: Any) -> None:
        import torch

        self.view = torch.cat([self.view, next_ids[:, None]], dim=-1)
        self.step_ids = next_ids[:, None]
        self.positions = self.positions[:, -1:] + 1
        if self.mask is not None:
            self.mask = torch.cat([self.mask, self.mask.new_ones((self.mask.shape[0], 1))], -1)

    def keep(self, live: list[int]) -> None:
        """Only the live rows (indices into the current rows) decode on."""
        import torch

        index = torch.tensor(live)
        self.cache.batch_select_indices(index)
        self.view, self.step_ids = self.view[index], self.step_ids[index]
        self.positions = self.positions[index]
        if self.mask is not None:
            self.mask = self.mask[index]
        self.rows = [self.rows[i] for i in live]


def greedy_batch(
    model: Any,
    rows: Sequence[Sequence[int]],
    budget: Budget,
    *,
    constraint: BatchConstraint | None = None,
    prefix_cache: PrefixCache | None = None,
) -> list[list[int]]:
    """The tokens generated for each prompt (`rows`: token ids), end token included."""
    import torch

    generated: list[list[int]] = [[] for _ in rows]
    if not rows or budget.max_new_tokens <= 0:
        return generated
    if constraint is not None:
        constraint.reset()
    with torch.no_grad():
        batch = _Batch(model, rows, budget.pad_id, prefix_cache)
        for step in range(budget.max_new_tokens):
            output = model(
                input_ids=batch.step_ids,
                attention_mask=batch.mask,
                position_ids=batch.positions,
                past_key_values=batch.cache,
                use_cache=True,
                logits_to_keep=1,
            )
            scores = output.logits[:, -1].to(copy=True, dtype=torch.float32)
            for processor in budget.processors:
                scores = processor(batch.view, scores)
            if constraint is not None:
                scores = constraint(batch.view, scores)
            next_ids = torch.argmax(scores, dim=-1)
            batch.advance(next_ids)
            ended = _ended(
                next_ids, batch.view, scores, budget, last=step + 1 == budget.max_new_tokens
            )
            for row, token in zip(batch.rows, next_ids.tolist(), strict=True):
                generated[row].append(token)
            live = [i for i, done in enumerate(ended) if not done]
            if not live:
                break
            if len(live) < len(ended):
                batch.keep(live)
                if constraint is not None:
                    constraint.keep_rows(live)
    return generated


def _ended(next_ids: Any, view: Any, scores: Any, budget: Budget, *, last: bool) -> list[bool]:
    if last:
        return [True] * int(next_ids.shape[0])
    ended = [token in budget.eos_ids for token in next_ids.tolist()]
    if budget.stopping is not None:
        stopped = budget.stopping(view, scores).tolist()
        ended = [a or bool(b) for a, b in zip(ended, stopped, strict=True)]
    return ended
