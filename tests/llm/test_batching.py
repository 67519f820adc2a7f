"""Completions asked for at the same time are decoded in one batch, each kind on its own, and
a fault reaches every caller of the batch it broke. The decoder here is a plain function; the
transformers transport's real one is exercised in test_transformers_backend.py."""

from __future__ import annotations

import threading
from collections.abc import Hashable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from extractors.llm.base import generation_request
from extractors.llm.batching import Batcher
from extractors.llm.prompting import chat_messages
from extractors.llm.transformers_local import TransformersTransport
from schemas.generation import DecodingParams
from schemas.outputs import OUTPUT_MODELS


class Recorder:
    def __init__(self, hold: threading.Event | None = None) -> None:
        self.calls: list[tuple[Hashable, list[str]]] = []
        self.hold = hold

    def __call__(self, key: Hashable, prompts: list[str]) -> list[str]:
        if self.hold is not None:
            self.hold.wait(5)
        self.calls.append((key, list(prompts)))
        return [f"{key}:{prompt}" for prompt in prompts]


def test_concurrent_requests_share_one_batch_and_get_their_own_answers() -> None:
    decode = Recorder()
    batcher = Batcher(decode, size=8, gather_s=1.0)
    prompts = [f"p{i}" for i in range(4)]
    with ThreadPoolExecutor(4) as pool:
        answers = list(pool.map(lambda p: batcher.complete("clinical", p), prompts))
    assert answers == [f"clinical:{p}" for p in prompts]
    assert batcher.batches == [4]
    assert sorted(decode.calls[0][1]) == prompts


def test_a_batch_holds_at_most_size_requests_and_one_kind() -> None:
    hold = threading.Event()
    decode = Recorder(hold)
    batcher = Batcher(decode, size=2, gather_s=0.2)
    keys = ["a", "b", "a", "a", "b"]
    with ThreadPoolExecutor(5) as pool:
        futures = [pool.submit(batcher.complete, k, f"{k}{i}") for i, k in enumerate(keys)]
        hold.set()
        answers = [f.result() for f in futures]
    assert answers == [f"{k}:{k}{i}" for i, k in enumerate(keys)]
    assert sum(batcher.batches) == 5 and max(batcher.batches) <= 2
    for key, prompts in decode.calls:
        assert all(p.startswith(str(key)) for p in prompts)


def test_a_fault_reaches_every_caller_of_its_batch_and_the_next_batch_runs() -> None:
    calls = 0

    def decode(key: Hashable, prompts: list[str]) -> list[str]:
        nonlocal calls
        calls += 1
        if calls == 1:
            raise RuntimeError("out of memory")
        return prompts

    batcher = Batcher(decode, size=4, gather_s=0.5)
    with ThreadPoolExecutor(2) as pool:
        futures = [pool.submit(batcher.complete, "k", p) for p in ("x", "y")]
        errors = [f.exception() for f in futures]
    assert all(isinstance(e, RuntimeError) for e in errors)
    assert batcher.complete("k", "z") == "z"


@pytest.mark.slow
def test_batched_decoding_is_schema_valid_and_equals_decoding_alone(tiny_model_dir: Path) -> None:
    transport = TransformersTransport(tiny_model_dir, decoding=DecodingParams(max_tokens=400))
    request = generation_request("clinical", "")
    notes = ["Chief complaint: chest pain.", "Chief complaint: ankle sprain after a fall."]
    prompts = [transport.prompt(chat_messages("clinical", note)) for note in notes]
    key = request.schema_ref.sha256
    together = transport.complete_many(prompts, request.json_schema, key)
    alone = [transport.complete_many([p], request.json_schema, key)[0] for p in prompts]
    for text in together:
        OUTPUT_MODELS["clinical"].model_validate_json(text)
    assert together == alone
