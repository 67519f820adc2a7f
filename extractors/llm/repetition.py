"""A small model loops: the same few tokens over and over until max_tokens. Stop it early.

A loop here is the last `window` generated tokens being one block of at most `window // 8`
tokens repeated (so at least eight times over): whitespace runs, a phrase said again and
again inside a string. A JSON list of near-identical items is not one (each item is longer
than a block, and the schema's maxItems closes the list); repeated list items are dropped
after decoding instead (extractors.grounding.without_repeats). A stopped loop leaves
unfinished JSON, which the generation loop reports as not fitting the schema: the same end
as running to max_tokens, reached sooner.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any


def is_loop(tokens: Sequence[int], window: int) -> bool:
    """True when the last `window` tokens repeat a block of at most `window // 8` tokens."""
    if window <= 0 or len(tokens) < window:
        return False
    tail = list(tokens[-window:])
    return any(
        all(tail[i] == tail[i - period] for i in range(period, window))
        for period in range(1, window // 8 + 1)
    )


def loop_stopper(window: int) -> Any:
    """A transformers stopping criterion that ends generation on a loop of the output tokens
    (the prompt's own repeats, a form's underscores, say, never count)."""
    import torch
    from transformers import StoppingCriteria, StoppingCriteriaList

    class _LoopStop(StoppingCriteria):
        def __init__(self) -> None:
            self.prompt_length: int | None = None

        def __call__(self, input_ids: Any, scores: Any, **kwargs: Any) -> Any:
            if self.prompt_length is None:  # first call: one token generated so far
                self.prompt_length = int(input_ids.shape[1]) - 1
            done = [is_loop(row[self.prompt_length :].tolist(), window) for row in input_ids]
            return torch.tensor(done, dtype=torch.bool, device=input_ids.device)

    return StoppingCriteriaList([_LoopStop()])
