"""The JSON-schema constraint for local decoding: llguidance through Outlines' backend API.

Outlines' default JSON-schema backend (outlines_core) compiles a schema into a token-level
automaton before the first token: for the clinical schema that took 4-8 minutes and 8.5 GB.
llguidance builds the grammar lazily while decoding (about a second for any of the three
schemas, mostly converting the tokenizer once) and computes each token mask in microseconds.

`BatchConstraint` is Outlines' llguidance logits processor made safe for batches of sequences
of different lengths: one matcher per sequence; a sequence that has ended (its end-of-text
token, or stopped by a loop) consumes nothing more, its padding is left alone, and only the
sequences still decoding are masked. Outlines' own processor feeds the padding to the ended
sequence's matcher, which errs and warns once per step.
"""

from __future__ import annotations

import importlib.metadata
import json
from functools import cache
from typing import Any

from outlines.backends.llguidance import LLGuidanceBackend, LLGuidanceLogitsProcessor

COMPACT = {"whitespace_flexible": False, "item_separator": ",", "key_separator": ":"}
"""JSON without whitespace between tokens, as pydantic writes it (and so the fine-tuning
targets, flows.model.dataset): llguidance's default allows any whitespace there, and a small
model can spend its whole budget on it (outlines_core allowed one optional space)."""


@cache
def constraint_name() -> str:
    """What enforces the schema, with versions (recorded with every result)."""
    outlines = importlib.metadata.version("outlines")
    llguidance = importlib.metadata.version("llguidance")
    return f"outlines {outlines} json schema, backend llguidance {llguidance}"


class BatchConstraint(LLGuidanceLogitsProcessor):
    """One schema's constraint; `reset()` before each batch (Outlines' generator does).

    The masks of all sequences are computed together (llguidance's executor, in Rust, outside
    the GIL) and applied to the batch's logits in one operation: per-row calls into torch cost
    more than the mask itself.
    """

    def process_logits(self, input_ids: Any, logits: Any) -> Any:
        import llguidance
        import llguidance.torch
        import numpy as np
        import torch

        rows = int(input_ids.shape[0])
        if self.is_first_token:
            self._setup(rows)
            self._executor = llguidance.LLExecutor()
            self.is_first_token = False
        else:
            for row, matcher in enumerate(self.ll_matchers):
                if not (matcher.is_stopped() or matcher.is_error()):
                    matcher.consume_token(int(input_ids[row, -1]))
        # A sequence ended by the loop stopper has no valid next token: its row is left free
        # (its logits are not used); every other row gets its matcher's mask.
        live = [(m, row) for row, m in enumerate(self.ll_matchers) if not m.is_error()]
        self.bitmask.fill_(-1)
        llguidance.torch.fill_next_token_bitmask_par(self._executor, live, self.bitmask)
        words = self.bitmask.numpy().view(np.uint8)  # little-endian: token 32*w + i is bit i
        allowed = np.unpackbits(words, axis=1, bitorder="little")
        covered = min(allowed.shape[1], int(logits.shape[1]))
        logits[:, covered:] = float("-inf")
        blocked = torch.from_numpy(allowed[:, :covered] == 0)
        logits[:, :covered].masked_fill_(blocked.to(logits.device), float("-inf"))
        return logits

    def reset(self) -> None:
        """Before each batch: the matchers are set up again on its first step."""
        self.is_first_token = True

    def keep_rows(self, rows: list[int]) -> None:
        """Only these rows (indices into the current ones) decode on: the batch dropped the
        others (extractors.llm.batch_decoding)."""
        self.ll_matchers = [self.ll_matchers[row] for row in rows]
        self.bitmask = self.bitmask[rows].contiguous()


class Constraints:
    """Each schema's constraint built once per model (per process), by the schema's hash."""

    def __init__(self, model: Any) -> None:
        self._backend = LLGuidanceBackend(model)
        self._built: dict[str, BatchConstraint] = {}

    def for_schema(self, json_schema: dict[str, object], key: str) -> BatchConstraint:
        if key not in self._built:
            import llguidance

            compact = {**json_schema, "x-guidance": COMPACT}
            grammar = llguidance.grammar_from("json_schema", json.dumps(compact))
            self._built[key] = BatchConstraint(
                grammar, self._backend.llg_tokenizer, self._backend.tensor_library_name
            )
        return self._built[key]
