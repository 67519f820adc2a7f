"""From configuration to a backend: `kind` names one; an unknown kind lists the valid ones.
No plugin loading: the backends an installation can use are the ones shipped here.

`rules` is the deterministic baseline; the language models are a transport each, driven by the
one generation loop (extractors.llm.generation.ModelBackend)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from extractors.errors import BackendError
from extractors.llm.base import Backend
from extractors.llm.retries import RetryPolicy
from schemas.generation import DecodingParams
from schemas.outputs.legal import ClauseSet


def _rules(*, clause_flags: ClauseSet = "default", **_: Any) -> Backend:
    from extractors.llm.rules import RulesBackend

    return RulesBackend(clause_flags=clause_flags)


def _openai_compatible(
    *,
    url: str | None,
    model: str | None,
    api_key: str | None = None,
    expected_root: str | None = None,
    decoding: DecodingParams,
    timeout_s: float,
    attempts: int,
    model_dir: Path | None = None,
    promotion_event_id: str | None = None,
    **_: Any,
) -> Backend:
    from extractors.llm.generation import ModelBackend
    from extractors.llm.openai_compatible import OpenAICompatibleTransport

    if not url or not model:
        raise BackendError(
            "the openai-compatible backend needs the server URL and the model name",
            hint="pass --llm-url http://host:8000/v1 --model NAME (or ATTEST_LLM_URL, ATTEST_MODEL)",
        )
    retry = RetryPolicy(attempts=attempts)
    transport = OpenAICompatibleTransport(
        url,
        model,
        api_key=api_key,
        expected_root=expected_root,
        decoding=decoding,
        timeout_s=timeout_s,
        tokenizer_dir=model_dir,  # counts tokens when the server has no /tokenize
        retry=retry,
    )
    return ModelBackend(transport, retry, promotion_event_id=promotion_event_id)


def _transformers(
    *,
    model_dir: Path | None,
    decoding: DecodingParams,
    adapter_dir: Path | None = None,
    promotion_event_id: str | None = None,
    **_: Any,
) -> Backend:
    from extractors.llm.generation import ModelBackend
    from extractors.llm.transformers_local import TransformersTransport

    if model_dir is None:
        raise BackendError(
            "the transformers backend needs a local model directory",
            hint="pass --model-dir /path/to/model (or ATTEST_MODEL_DIR)",
        )
    transport = TransformersTransport(model_dir, decoding=decoding, adapter_dir=adapter_dir)
    # Two attempts, at once: greedy decoding answers the same again, so more would only wait.
    retry = RetryPolicy(attempts=2, backoff_s=0.0)
    return ModelBackend(transport, retry, promotion_event_id=promotion_event_id)


BACKENDS: dict[str, Callable[..., Backend]] = {
    "rules": _rules,
    "openai-compatible": _openai_compatible,
    "transformers": _transformers,
}


def create_backend(kind: str, **options: Any) -> Backend:
    factory = BACKENDS.get(kind)
    if factory is None:
        raise BackendError(
            f"unknown backend {kind!r}", hint=f"valid backends: {', '.join(sorted(BACKENDS))}"
        )
    return factory(**options)
