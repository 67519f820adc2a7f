"""Completions asked for at the same time, decoded together in one forward batch.

On a CPU a small model's forward pass costs nearly the same for four sequences as for one
(the weights are read once per step), so the batch's worker threads, each asking for one
completion, are served together: the first caller waits `gather_s` for companions, then
decodes every waiting request of the same kind (the same schema) up to `size` at once, while
later callers queue for the next batch. Each request keeps its own constraint state (one
matcher per sequence) and its own end; nothing else is shared.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field

Decode = Callable[[Hashable, list[str]], list[str]]
"""Decodes prompts of one kind (the key) in one batch: one text per prompt, in order."""


@dataclass(eq=False)
class _Request:
    key: Hashable
    prompt: str
    text: str | None = None
    error: BaseException | None = None
    done: bool = field(default=False)


class Batcher:
    def __init__(self, decode: Decode, *, size: int = 8, gather_s: float = 0.05) -> None:
        if size < 1:
            raise ValueError("a batch holds at least one request")
        self.size = size
        self.gather_s = gather_s
        self._decode = decode
        self._ready = threading.Condition()
        self._waiting: list[_Request] = []
        self._decoding = False
        self.batches: list[int] = []
        """The size of every batch decoded so far (for benchmarks and tests)."""

    def complete(self, key: Hashable, prompt: str) -> str:
        request = _Request(key, prompt)
        with self._ready:
            self._waiting.append(request)
            self._ready.notify_all()
            while not request.done:
                if self._decoding:
                    self._ready.wait()
                    continue
                self._decoding = True
                try:
                    batch = self._gather()
                    self._ready.release()
                    try:
                        self._run(batch)
                    finally:
                        self._ready.acquire()
                finally:
                    self._decoding = False
                    self._ready.notify_all()
        if request.error is not None:
            raise request.error
        assert request.text is not None
        return request.text

    def _gather(self) -> list[_Request]:
        """Up to `size` waiting requests of the first one's kind, in arrival order (called
        with the lock held; waits up to `gather_s` for the batch to fill)."""
        deadline = time.monotonic() + self.gather_s
        while self._same_kind() < self.size and (left := deadline - time.monotonic()) > 0:
            self._ready.wait(left)
        key = self._waiting[0].key
        batch = [r for r in self._waiting if r.key == key][: self.size]
        self._waiting = [r for r in self._waiting if r not in batch]
        return batch

    def _same_kind(self) -> int:
        key = self._waiting[0].key
        return sum(1 for r in self._waiting if r.key == key)

    def _run(self, batch: list[_Request]) -> None:
        self.batches.append(len(batch))
        try:
            texts = self._decode(batch[0].key, [r.prompt for r in batch])
            for request, text in zip(batch, texts, strict=True):
                request.text = text
        except BaseException as error:  # every caller in the batch sees the fault
            for request in batch:
                request.error = error
        finally:
            for request in batch:
                request.done = True
