"""Stage 6, check: the output against its schema, its evidence against the redacted text,
negations, OCR confidence, and the rules' safety floor over every backend."""

from __future__ import annotations

from extractors.checks import check_output
from extractors.routing import route
from flows.stages.values import Prepared, Staged, passed_on, timed
from schemas.decision import CheckedOutput
from schemas.generation import GenerationResult


def check_stage(
    generated: Staged[GenerationResult], prepared: Prepared, low_ocr_confidence: float
) -> Staged[CheckedOutput]:
    if (stopped := passed_on(prepared.classified, prepared.redacted, generated)) is not None:
        return stopped
    assert (
        generated.value is not None
        and prepared.classified.value is not None
        and prepared.redacted.value is not None
        and prepared.parsed.value is not None
    )
    result, domain = generated.value, prepared.classified.value.domain
    text, confidence = prepared.redacted.value.text, prepared.parsed.value.min_ocr_confidence

    def work() -> CheckedOutput:
        checked = check_output(
            domain,
            result.raw_output,
            text,
            min_ocr_confidence=confidence,
            low_ocr_confidence=low_ocr_confidence,
        )
        # The rules' safety floor holds over every backend (extractors/routing.py).
        rules_backend = result.identity.backend == "rules"
        return route(checked, text, "rules" if rules_backend else "model")

    # Checking the same output again cannot change the verdict: never retried.
    return timed("check", work, retry=False)
