"""Clinical rules: document type, chief complaint, diagnoses, medications, red flags, triage."""

from __future__ import annotations

import re
from typing import Any

from extractors.lexicons import ESI_LEVEL_1, RED_FLAG_PATTERNS, RED_FLAG_SEVERITY
from extractors.negation import negation_cue
from extractors.segments import clauses, quote

_DOC_TYPES: tuple[tuple[str, str], ...] = (
    (r"discharge summary", "discharge_summary"),
    (r"referral", "referral"),
    (r"progress note", "progress_note"),
    (r"consult(?:ation)?", "consultation"),
    (r"radiology|impression:|findings:", "radiology_report"),
)
_COMPLAINT = re.compile(
    r"^(?:chief complaint|reason for (?:visit|referral)|presenting complaint)\s*:\s*(.+)$",
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


def red_flags(text: str) -> list[dict[str, Any]]:
    """Asserted findings only, each once, quoted from the sentence that asserts it."""
    flags: list[dict[str, Any]] = []
    for kind, pattern in RED_FLAG_PATTERNS.items():
        for segment in clauses(text):
            asserted = [
                m
                for m in pattern.finditer(segment.text)
                if negation_cue(segment.text, m.start(), m.end()) is None
            ]
            if asserted:
                flags.append(
                    {"kind": kind, "severity": RED_FLAG_SEVERITY[kind], "evidence": quote(segment)}
                )
                break
    return flags


def triage_level(flags: list[dict[str, Any]]) -> int:
    """Emergency Severity Index, from the most urgent asserted finding."""
    kinds = {flag["kind"] for flag in flags}
    if kinds & ESI_LEVEL_1:
        return 1
    if any(flag["severity"] == "high" for flag in flags):
        return 2
    if flags:
        return 3
    return 4


def extract(text: str) -> dict[str, Any]:
    complaint = _COMPLAINT.search(text)
    flags = red_flags(text)
    return {
        "document_type": document_type(text),
        "chief_complaint": complaint.group(1).strip()[:200] if complaint else "",
        "diagnoses": section_items(
            text, ("diagnoses", "diagnosis"), 8, 120, inline_only=("assessment", "impression")
        ),
        "medications": section_items(
            text, ("medications", "discharge medications", "current medications"), 12, 80
        ),
        "triage_level": triage_level(flags),
        "red_flags": flags[:9],
    }
