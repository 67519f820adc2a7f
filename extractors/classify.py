"""Which domain a document belongs to, when the run is configured with `--domain auto`."""

from __future__ import annotations

import re

from schemas.document import Domain

_SIGNALS: dict[Domain, tuple[str, ...]] = {
    "clinical": (
        r"\bpatient\b",
        r"\bdiagnos[ie]s\b",
        r"\bmedications?\b",
        r"\bchief complaint\b",
        r"\bmrn\b|medical record",
        r"\bmg\b",
        r"\bphysician\b|\bdr\.",
        r"\bhospital\b|\bclinic\b",
        r"\bdischarge\b|\breferral\b|\badmission\b",
        r"\bsymptoms?\b|\bassessment\b",
    ),
    "finance": (
        r"\bloan\b",
        r"\bborrower\b",
        r"\baccount\b",
        r"\bincome\b",
        r"\bdeposit\b|\bwithdrawal\b",
        r"\bbalance\b",
        r"\bbank\b",
        r"\$\s?\d",
        r"\brouting\b",
        r"\bstatement\b",
    ),
    "legal": (
        r"\bagreement\b",
        r"\bparty\b|\bparties\b",
        r"\bshall\b",
        r"\bherein\b|\bhereby\b|\bhereunder\b",
        r"\bgoverned by\b",
        r"\bterminat(?:e|ion)\b",
        r"\bliability\b",
        r"\bconfidential\b",
        r"\bclause\b|\bsection\b",
        r"\bwhereas\b",
    ),
}


def domain_scores(text: str) -> dict[Domain, int]:
    sample = text[:20_000]
    return {
        domain: sum(len(re.findall(p, sample, re.IGNORECASE)) for p in patterns)
        for domain, patterns in _SIGNALS.items()
    }


def detect_domain(text: str) -> Domain:
    """The domain with the most signal words; ties go to the order clinical, finance, legal."""
    scores = domain_scores(text)
    return max(scores, key=lambda domain: scores[domain])
