"""Stage 7, render: the checked output as the human-readable summary, from the domain's
versioned template (the record stage writes it and hashes the template into the trail)."""

from __future__ import annotations

from extractors.render import render_summary
from flows.stages.values import Staged, passed_on, timed
from schemas.decision import CheckedOutput, RenderedSummary
from schemas.generation import GenerationResult


def render_stage(
    checked: Staged[CheckedOutput], generated: Staged[GenerationResult]
) -> Staged[RenderedSummary]:
    if (stopped := passed_on(checked, generated)) is not None:
        return stopped
    assert checked.value is not None and generated.value is not None
    output, identity = checked.value, generated.value.identity
    return timed("render", lambda: render_summary(output, identity), retry=False)
