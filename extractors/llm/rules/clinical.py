"""Clinical rules: document type, chief complaint, diagnoses, medications, red flags, triage.

Triage, vital signs and red flags come from the ESI v4 function (extractors/triage/esi.py);
a critical lab value (extractors/triage/lab_values.py) is a high-risk situation beside them.
"""

from __future__ import annotations

import re
from typing import Any

from extractors.triage import esi, lab_values
from schemas.outputs.clinical import MAX_RED_FLAGS

_DOC_TYPES: tuple[tuple[str, str], ...] = (
    (r"discharge summary", "discharge_summary"),
    (r"referral", "referral"),
    (r"progress note", "progress_note"),
    (r"consult(?:ation)?", "consultation"),
    (r"radiology|impression:|findings:", "radiology_report"),
)
_COMPLAINT = re.compile(
    r"^(?:chief complaint|(?-i:CC)|reason for (?:visit|referral)|presenting complaint)\s*:\s*(.+)$",
    re.IGNORECASE | re.MULTILINE,
)
_SECTION = re.compile(r"^\s*([A-Za-z][A-Za-z /-]{2,40}):\s*(.*)$")
_ITEM = re.compile(r"^\s*(?:[-*•]|\d+[.)])\s*(.+)$")


def document_type(text: str) -> str:
    head = text[:400]
    for pattern, kind in _DOC_TYPES:
        if re.search(pattern, head, re.IGNORECASE):
            return kind
    return "other"


def section_items(
    text: str,
    names: tuple[str, ...],
    limit: int,
    max_len: int,
    inline_only: tuple[str, ...] = (),
) -> list[str]:
    """Items of a titled list ("Diagnoses:" then bullets or numbered lines, or inline text).

    Sections named in `inline_only` contribute only the text on their title line: an
    "Assessment:" paragraph is narrative, not a list.
    """
    items: list[str] = []
    inside = False
    for line in text.splitlines():
        header = _SECTION.match(line)
        title = header.group(1).strip().lower() if header else ""
        if header and (title in names or title in inline_only):
            inside = title in names
            if header.group(2).strip():
                items.append(header.group(2).strip())
            continue
        if not inside:
            continue
        if not line.strip():
            if items:
                inside = False
            continue
        if header:
            inside = False
            continue
        item = _ITEM.match(line)
        items.append((item.group(1) if item else line).strip())
    return [item[:max_len].rstrip() for item in items if item][:limit]


def triage(text: str) -> esi.Assessment:
    """The ESI function, with a critical lab value as a high-risk situation (decision point B):
    a red flag of its own kind and a reason that quotes the reading ("K+ 7.1")."""
    assessment = esi.assess(text)
    for reading in lab_values.critical(text)[:1]:
        assessment.flag("Critical Lab Value", reading.evidence)
        # Its own reason even where another high-risk situation fired: the reading is named.
        reason = esi.Reason("B: high-risk situation", reading.evidence, 2)
        if reason not in assessment.reasons:
            assessment.reasons.append(reason)
        assessment.reasons.sort(key=lambda reason: reason.level)
        assessment.level = min(assessment.level, 2)
    return assessment


def red_flags(text: str) -> list[dict[str, Any]]:
    """Asserted findings only, each once, quoted from the sentence that asserts it."""
    return [
        {"kind": flag.kind, "severity": flag.severity, "evidence": flag.evidence}
        for flag in triage(text).flags
    ]


def extract(text: str) -> dict[str, Any]:
    complaint = _COMPLAINT.search(text)
    assessed = triage(text)
    return {
        "document_type": document_type(text),
        "chief_complaint": complaint.group(1).strip()[:200] if complaint else "",
        "diagnoses": section_items(
            text, ("diagnoses", "diagnosis"), 8, 120, inline_only=("assessment", "impression")
        ),
        "medications": section_items(
            text, ("medications", "discharge medications", "current medications"), 12, 80
        ),
        "triage_level": assessed.level,
        "red_flags": [
            {"kind": flag.kind, "severity": flag.severity, "evidence": flag.evidence}
            for flag in assessed.flags
        ][:MAX_RED_FLAGS],
        "vital_signs": [
            {"name": r.name, "value": r.text_value, "unit": r.unit, "evidence": r.evidence}
            for r in assessed.vitals
        ][:12],
        "triage_reasons": [
            {"rule": reason.rule, "evidence": reason.evidence, "exemplar": reason.exemplar}
            for reason in assessed.reasons
        ][:8],
    }
