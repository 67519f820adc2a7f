"""Property: every output schema, decoded under constraint by a random model, always validates.

Sampling (temperature 1, many seeds) explores far more of the schema than greedy decoding.
A schema with a constraint the decoder does not enforce fails here; the last test shows this
check can fail, on the amount type attest used before it was fixed.
"""

from __future__ import annotations

from typing import Annotated, Any

import httpx
import pytest
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from schemas.document import DOMAINS
from schemas.outputs import OUTPUT_MODELS, json_schema
from tests.llm.standin import StandInServer

SAMPLES_PER_SCHEMA = 6


def _sample(server: StandInServer, schema: dict[str, Any], seed: int) -> str:
    body = {
        "model": server.config.served_model_name,
        "messages": [{"role": "user", "content": "Summarise the document."}],
        "temperature": 1.0,
        "seed": seed,
        "max_tokens": 2500,
        "response_format": {"type": "json_schema", "json_schema": {"name": "s", "schema": schema}},
    }
    response = httpx.post(f"{server.url}/chat/completions", json=body, timeout=300)
    response.raise_for_status()
    content: str = response.json()["choices"][0]["message"]["content"]
    return content


@pytest.mark.slow
@pytest.mark.parametrize("domain", DOMAINS)
@pytest.mark.parametrize("seed", range(SAMPLES_PER_SCHEMA))
def test_sampled_generations_always_validate(
    standin: StandInServer, domain: str, seed: int
) -> None:
    content = _sample(standin, json_schema(domain), seed)  # type: ignore[arg-type]
    OUTPUT_MODELS[domain].model_validate_json(content)  # type: ignore[index]


class _PatternWithMaxLength(BaseModel):
    """attest's first Amount type: a pattern plus maxLength, of which Outlines keeps one."""

    model_config = ConfigDict(extra="forbid")
    amount: Annotated[str, Field(pattern=r"^[0-9]{1,12}(\.[0-9]{2})?$", max_length=15)] | None


@pytest.mark.slow
def test_the_property_catches_a_constraint_the_decoder_drops(standin: StandInServer) -> None:
    schema = _PatternWithMaxLength.model_json_schema()
    failures = 0
    for seed in range(12):
        try:
            _PatternWithMaxLength.model_validate_json(_sample(standin, schema, seed))
        except ValidationError:
            failures += 1
    assert failures > 0
