"""The vLLM backend against the stand-in: identity and pinning, what is sent and recorded,
retries on server faults, and long documents split by the server's own token count."""

from __future__ import annotations

from collections import deque
from pathlib import Path

import pytest

from extractors.errors import BackendError, ModelMismatch
from extractors.llm.base import GenerationRequest, generation_request
from extractors.llm.generation import ModelBackend
from extractors.llm.openai_compatible import OpenAICompatibleTransport
from extractors.llm.retries import RetryPolicy
from extractors.llm.token_count import BYTES_ESTIMATE, SERVER_COUNTER
from schemas.canonical import sha256_of
from schemas.document import DOMAINS, Domain
from schemas.generation import DecodingParams
from schemas.outputs import OUTPUT_MODELS
from tests.llm.standin import StandInConfig, StandInServer, TinyDecoder

DECODING = DecodingParams(temperature=0.0, seed=7, max_tokens=1200)


def _transport(server: StandInServer, **options: object) -> OpenAICompatibleTransport:
    return OpenAICompatibleTransport(
        server.url,
        "attest-tiny",
        decoding=DECODING,
        **options,  # type: ignore[arg-type]
    )


def _backend(server: StandInServer, **options: object) -> ModelBackend:
    return ModelBackend(_transport(server, **options), RetryPolicy(attempts=3, backoff_s=0.01))


def _request(
    domain: Domain, text: str = "Patient: <PERSON_1> reports chest pain."
) -> GenerationRequest:
    return generation_request(domain, text)


def test_identity_is_what_the_server_reports(standin: StandInServer) -> None:
    identity = _backend(standin).identity()
    assert (identity.backend, identity.model_id, identity.root, identity.max_context) == (
        "openai-compatible",
        "attest-tiny",
        standin.config.root,
        4096,
    )
    assert identity.is_language_model and identity.server_url == standin.url


def test_a_run_pinned_to_another_root_refuses_to_start(standin: StandInServer) -> None:
    with pytest.raises(ModelMismatch, match="pinned"):
        _backend(standin, expected_root="/models/attest-tiny@rev-2").identity()


def test_a_model_the_server_does_not_serve_refuses_to_start(standin: StandInServer) -> None:
    transport = OpenAICompatibleTransport(standin.url, "attest-large", decoding=DECODING)
    with pytest.raises(ModelMismatch, match="does not serve"):
        transport.identity()


@pytest.mark.parametrize("domain", DOMAINS)
def test_output_fits_the_schema_and_records_how_it_was_made(
    standin: StandInServer, domain: Domain
) -> None:
    result = _backend(standin).generate(_request(domain))
    OUTPUT_MODELS[domain].model_validate_json(result.raw_output)
    sent = standin.config.received[-1]
    assert result.request_sha256 == sha256_of(sent)
    assert sent["response_format"]["type"] == "json_schema"
    assert (sent["temperature"], sent["seed"], sent["max_tokens"]) == (0.0, 7, 1200)
    assert "repetition_penalty" not in sent  # 1.0, none: the body is what it always was
    assert result.identity.system_fingerprint and result.instructions.kind == "prompt"


def test_a_repetition_penalty_is_sent_as_vllms_sampling_parameter_and_recorded(
    standin: StandInServer,
) -> None:
    decoding = DecodingParams(seed=7, max_tokens=1200, repetition_penalty=1.1)
    transport = OpenAICompatibleTransport(standin.url, "attest-tiny", decoding=decoding)
    result = ModelBackend(transport).generate(_request("legal"))
    sent = standin.config.received[-1]
    assert sent["repetition_penalty"] == 1.1 and result.request_sha256 == sha256_of(sent)
    assert result.decoding is not None and result.decoding.repetition_penalty == 1.1
    # The server cannot stop on a loop: the trail says so rather than repeat the setting.
    assert result.decoding.stop_repeated_tokens == 0


def test_only_redacted_text_is_sent(standin: StandInServer) -> None:
    _backend(standin).generate(_request("clinical", "Patient: <PERSON_1> denies chest pain."))
    user = standin.config.received[-1]["messages"][-1]["content"]
    assert "<PERSON_1> denies chest pain." in user


@pytest.mark.parametrize("faults", [["500", "500"], ["bad-json"], ["hang"]], ids=str)
def test_transient_faults_are_retried(standin: StandInServer, faults: list[str]) -> None:
    standin.config.faults = deque(faults)
    # The client's timeout ends a hang; it must still let a real decode finish on a busy CPU.
    result = _backend(standin, timeout_s=20.0).generate(_request("legal"))
    assert result.attempts == len(faults) + 1


def test_persistent_faults_end_in_a_backend_error_with_the_reason(
    standin: StandInServer,
) -> None:
    standin.config.faults = deque(["500"] * 3)
    with pytest.raises(BackendError, match="after 3 attempts: HTTP 500"):
        _backend(standin).generate(_request("legal"))


def test_a_document_longer_than_the_context_is_chunked_and_merged(
    standin: StandInServer,
) -> None:
    paragraph = "Section {n}. Either party may terminate this Agreement for convenience.\n\n"
    text = "".join(paragraph.format(n=n) for n in range(220))
    assert _transport(standin).count_tokens(text) > 4096
    result = _backend(standin).generate(_request("legal", text))
    assert result.chunks > 1
    assert len(standin.config.received) == result.chunks
    OUTPUT_MODELS["legal"].model_validate_json(result.raw_output)


def _long_contract() -> str:
    paragraph = "Section {n}. Either party may terminate this Agreement for convenience.\n\n"
    return "".join(paragraph.format(n=n) for n in range(220))


def test_without_tokenize_the_stated_byte_estimate_counts_and_is_recorded(
    tiny_model_dir: Path, decoder: TinyDecoder
) -> None:
    text = _long_contract() + "Café, naïve, 東京.\n"
    with StandInServer(StandInConfig(tiny_model_dir, tokenize=False), decoder) as server:
        transport = _transport(server)
        assert transport.count_tokens(text) == len(text.encode("utf-8")) >= decoder.count(text)
        assert transport.identity().token_counter == BYTES_ESTIMATE


def test_without_tokenize_the_local_tokenizer_counts_exactly(
    tiny_model_dir: Path, decoder: TinyDecoder
) -> None:
    text = _long_contract()
    with StandInServer(StandInConfig(tiny_model_dir, tokenize=False), decoder) as server:
        transport = _transport(server, tokenizer_dir=tiny_model_dir)
        assert transport.count_tokens(text) == decoder.count(text)
        assert (transport.identity().token_counter or "").startswith("local tokenizer sha256:")


def test_a_server_with_tokenize_is_recorded_as_counting(standin: StandInServer) -> None:
    assert _backend(standin).identity().token_counter == SERVER_COUNTER
