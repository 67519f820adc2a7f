"""Checks on a backend's output, whatever the backend: schema, grounding, negation, routing.

- The output must parse and validate against the domain schema; otherwise `SchemaViolation`
  (retryable: a model may answer differently next time; numeric bounds, for one, are not
  enforced by constrained decoders).
- Every flag's evidence must be a verbatim quote of the redacted text. Line wraps are the one
  liberty allowed (a quote may join wrapped lines with single spaces); anything else is
  ungrounded and sends the decision to human review.
- A flag whose evidence only mentions the finding negated ("denies chest pain") is suppressed
  in the domains that ask for it (clinical: see extractors/domains/), and kept in the record
  as suppressed with its negation cue.
- Every text field and amount must be grounded in the redacted text too (see
  extractors.grounding); a field that is not sends the decision to review, named.
  Repeated list items are dropped.
- Low OCR confidence anywhere in the document, or any grounded high-severity flag, also sends
  the decision to review.
"""

from __future__ import annotations

import re
from typing import Any

from pydantic import ValidationError

from extractors.domains import domain_spec
from extractors.errors import BackendError
from extractors.grounding import ungrounded_fields, without_repeats
from extractors.lexicons import RED_FLAG_PATTERNS
from extractors.negation import negation_cue
from schemas.decision import CheckedFlag, CheckedOutput, ReviewReason, SuppressedFlag
from schemas.document import Domain


class SchemaViolation(BackendError):
    def __init__(self, domain: Domain, detail: str) -> None:
        super().__init__(
            f"the backend's output does not fit the {domain} schema: {detail}",
            hint="the document is retried; if it persists, check the model server's "
            "structured-output support",
            retryable=True,
        )


def locate(evidence: str, text: str) -> tuple[int, int] | None:
    """Where the quote occurs: exactly, or with its whitespace runs matching line wraps."""
    exact = text.find(evidence)
    if exact >= 0:
        return exact, exact + len(evidence)
    words = evidence.split()
    if not words:
        return None
    loose = re.search(r"\s+".join(re.escape(word) for word in words), text)
    return (loose.start(), loose.end()) if loose else None


def _negated(kind: str, evidence: str) -> str | None:
    """The negation cue if every mention of the finding in the quote is negated."""
    pattern = RED_FLAG_PATTERNS.get(kind)
    if pattern is None:
        return None
    mentions = list(pattern.finditer(evidence))
    if not mentions:
        return None
    cues = [negation_cue(evidence, m.start(), m.end()) for m in mentions]
    return cues[0] if all(cues) else None


def parse_output(domain: Domain, raw_output: str) -> dict[str, Any]:
    try:
        model = domain_spec(domain).output_model.model_validate_json(raw_output)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"]) or "(top level)"
        raise SchemaViolation(domain, f"{where}: {first['msg']}") from error
    return model.model_dump(mode="json")


def check_output(
    domain: Domain,
    raw_output: str,
    redacted_text: str,
    *,
    min_ocr_confidence: float | None,
    low_ocr_confidence: float,
) -> CheckedOutput:
    spec = domain_spec(domain)
    output = without_repeats(parse_output(domain, raw_output))
    field = spec.flag_field
    kept: list[dict[str, Any]] = []
    flags: list[CheckedFlag] = []
    suppressed: list[SuppressedFlag] = []
    for flag in output[field]:
        if spec.suppresses_negated_flags and (cue := _negated(flag["kind"], flag["evidence"])):
            suppressed.append(
                SuppressedFlag(
                    kind=flag["kind"], evidence=flag["evidence"], reason=f"negated: {cue}"
                )
            )
            continue
        kept.append(flag)
        span = locate(flag["evidence"], redacted_text)
        flags.append(
            CheckedFlag(
                kind=flag["kind"],
                severity=flag["severity"],
                evidence=flag["evidence"],
                grounded=span is not None,
                evidence_start=span[0] if span else None,
                evidence_end=span[1] if span else None,
            )
        )
    reasons: list[ReviewReason] = []
    if any(not flag.grounded for flag in flags):
        reasons.append(ReviewReason.UNGROUNDED_EVIDENCE)
    unfounded = ungrounded_fields(domain, output, redacted_text)
    if unfounded:
        reasons.append(ReviewReason.UNGROUNDED_FIELD)
    if min_ocr_confidence is not None and min_ocr_confidence < low_ocr_confidence:
        reasons.append(ReviewReason.LOW_OCR_CONFIDENCE)
    if any(flag.grounded and flag.severity == "high" for flag in flags):
        reasons.append(ReviewReason.HIGH_SEVERITY_FLAG)
    return CheckedOutput(
        domain=domain,
        output={**output, field: kept},
        flags=tuple(flags),
        suppressed=tuple(suppressed),
        review_reasons=tuple(reasons),
        ungrounded_fields=tuple(unfounded),
    )
