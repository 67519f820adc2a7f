"""Stage 5, generate: the backend fills the domain's schema from the redacted text."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext

from extractors.llm.base import Backend, generation_request
from flows.stages.values import Classified, Staged, passed_on, timed
from schemas.generation import GenerationResult
from schemas.redaction import RedactedDocument

ModelSlot = Callable[[], AbstractContextManager[object]]
"""Held around the backend call: on a Prefect server, the run's shared cap on model requests
in flight (flows/tasks.py); elsewhere nothing."""


def generate_stage(
    redacted: Staged[RedactedDocument],
    classified: Staged[Classified],
    backend: Backend,
    slot: ModelSlot = nullcontext,
) -> Staged[GenerationResult]:
    if (stopped := passed_on(classified, redacted)) is not None:
        return stopped
    assert redacted.value is not None and classified.value is not None
    text, domain = redacted.value.text, classified.value.domain

    def work() -> GenerationResult:
        request = generation_request(domain, text)
        with slot():
            # The one call into the generation backend (extractors/llm).
            return backend.generate(request)

    return timed("generate", work)
