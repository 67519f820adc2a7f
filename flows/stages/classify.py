"""Stage 3, classify: the document's domain, decided once for every later stage.

The settings name a domain for the whole inbox, or say "auto": then it is detected from the
parsed text, before redaction, because the domain picks the redaction policy.
"""

from __future__ import annotations

from typing import Literal

from extractors.classify import detect_domain
from flows.stages.values import Classified, Staged, passed_on, timed
from schemas.document import Domain, ParsedDocument


def classify_stage(
    parsed: Staged[ParsedDocument], setting: Domain | Literal["auto"]
) -> Staged[Classified]:
    if (stopped := passed_on(parsed)) is not None:
        return stopped
    assert parsed.value is not None
    document = parsed.value

    def work() -> Classified:
        if setting == "auto":
            return Classified(detect_domain(document.text), "detected")
        return Classified(setting, "configured")

    return timed("classify", work)
