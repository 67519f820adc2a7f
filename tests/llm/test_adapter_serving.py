"""A LoRA adapter served by vLLM (`--enable-lora --lora-modules NAME=PATH`): attest asks for
the adapter by its digest name, records base and adapter, and pins both."""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest

from extractors.errors import BackendError, ModelMismatch
from extractors.llm.base import generation_request
from extractors.llm.generation import ModelBackend
from extractors.llm.openai_compatible import OpenAICompatibleTransport
from extractors.llm.retries import RetryPolicy
from flows.replay import same_model
from schemas.generation import DecodingParams
from tests.llm.standin import StandInConfig, StandInServer, TinyDecoder

NAME = "lora-0123456789abcdef"
PATH = f"/models/adapters/{NAME}"
BASE_ROOT = "/models/attest-tiny@rev-1"


def _serve(tiny_model_dir: Path, decoder: TinyDecoder, adapters: dict[str, str]) -> StandInServer:
    return StandInServer(StandInConfig(tiny_model_dir, root=BASE_ROOT, adapters=adapters), decoder)


def _backend(
    server: StandInServer, model: str = NAME, expected_root: str | None = None
) -> OpenAICompatibleTransport:
    return OpenAICompatibleTransport(
        server.url, model, decoding=DecodingParams(max_tokens=1200), expected_root=expected_root
    )


def test_the_identity_records_the_base_root_and_the_adapter(
    tiny_model_dir: Path, decoder: TinyDecoder
) -> None:
    with _serve(tiny_model_dir, decoder, {NAME: PATH}) as server:
        identity = _backend(server, expected_root=BASE_ROOT).identity()
    assert (identity.model_id, identity.revision, identity.root) == (NAME, BASE_ROOT, PATH)
    assert identity.adapter_revision == NAME and identity.max_context == 4096


def test_requests_name_the_adapter(tiny_model_dir: Path, decoder: TinyDecoder) -> None:
    request = generation_request("legal", "This Agreement is governed by the laws of Delaware.")
    with _serve(tiny_model_dir, decoder, {NAME: PATH}) as server:
        transport = OpenAICompatibleTransport(
            server.url, NAME, decoding=DecodingParams(max_tokens=64)
        )
        backend = ModelBackend(transport, RetryPolicy(attempts=1))
        # 64 tokens rarely finish the JSON: what is under test is the request, not the answer.
        with contextlib.suppress(BackendError):
            backend.generate(request)
        assert [body["model"] for body in server.config.received] == [NAME]


def test_an_adapter_on_another_base_than_pinned_refuses_to_start(
    tiny_model_dir: Path, decoder: TinyDecoder
) -> None:
    with (
        _serve(tiny_model_dir, decoder, {NAME: PATH}) as server,
        pytest.raises(ModelMismatch, match="pinned"),
    ):
        _backend(server, expected_root="/models/attest-tiny@rev-2").identity()


def test_a_name_that_is_not_the_adapter_folder_refuses_to_start(
    tiny_model_dir: Path, decoder: TinyDecoder
) -> None:
    with (
        _serve(tiny_model_dir, decoder, {"attest-clinical": PATH}) as server,
        pytest.raises(ModelMismatch, match="never reuse"),
    ):
        _backend(server, model="attest-clinical").identity()


def test_another_adapter_on_the_same_base_is_another_model(
    tiny_model_dir: Path, decoder: TinyDecoder
) -> None:
    other = "lora-fedcba9876543210"
    with _serve(
        tiny_model_dir, decoder, {NAME: PATH, other: f"/models/adapters/{other}"}
    ) as server:
        first, second = _backend(server).identity(), _backend(server, model=other).identity()
    assert not same_model(first, second)
