"""The stand-in answers like vLLM's OpenAI-compatible server, refusals included."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from schemas.outputs import json_schema
from tests.llm.standin import StandInServer


def _chat(server: StandInServer, **overrides: Any) -> httpx.Response:
    body: dict[str, Any] = {
        "model": server.config.served_model_name,
        "messages": [{"role": "user", "content": "hello"}],
        "temperature": 0,
        "max_tokens": 64,
    }
    body.update(overrides)
    return httpx.post(f"{server.url}/chat/completions", json=body, timeout=60)


def test_models_lists_id_root_and_context_length(standin: StandInServer) -> None:
    card = httpx.get(f"{standin.url}/models").json()["data"][0]
    assert card["id"] == "attest-tiny" and card["root"] == standin.config.root
    assert card["max_model_len"] == 4096


@pytest.mark.parametrize(
    ("overrides", "status"),
    [
        ({"model": "someone-else"}, 404),
        ({"temperature": 3}, 400),
        ({"messages": []}, 400),
        ({"response_format": {"type": "xml"}}, 400),
        ({"response_format": {"type": "json_schema", "json_schema": {"name": "x"}}}, 400),
        ({"max_tokens": 5000}, 400),
    ],
    ids=["unknown-model", "temperature", "no-messages", "format-type", "no-schema", "context"],
)
def test_requests_vllm_would_refuse_are_refused(
    standin: StandInServer, overrides: dict[str, Any], status: int
) -> None:
    assert _chat(standin, **overrides).status_code == status


def test_a_json_schema_response_format_constrains_the_output(standin: StandInServer) -> None:
    schema = json_schema("legal")
    response = _chat(
        standin,
        max_tokens=1500,
        response_format={"type": "json_schema", "json_schema": {"name": "l", "schema": schema}},
    )
    content = response.json()["choices"][0]["message"]["content"]
    from schemas.outputs import OUTPUT_MODELS

    OUTPUT_MODELS["legal"].model_validate_json(content)


def test_the_obsolete_guided_json_key_is_ignored_as_vllm_ignores_it(
    standin: StandInServer,
) -> None:
    response = _chat(standin, guided_json=json_schema("legal"), max_tokens=32)
    assert response.status_code == 200
    content = response.json()["choices"][0]["message"]["content"]
    assert not content.lstrip().startswith('{"contract_type"')
