"""Which domain a document belongs to, when the run is configured with `--domain auto`.

Each domain declares its signal patterns in its module under `extractors/domains/`; the
domain whose patterns match most often in the document's first 20,000 characters wins.
"""

from __future__ import annotations

import re
from functools import cache

from extractors.domains import domain_specs
from schemas.document import Domain

_SAMPLE_CHARS = 20_000


@cache
def _signals() -> tuple[tuple[Domain, tuple[re.Pattern[str], ...]], ...]:
    return tuple(
        (spec.name, tuple(re.compile(p, re.IGNORECASE) for p in spec.signals))
        for spec in domain_specs()
    )


def domain_scores(text: str) -> dict[Domain, int]:
    sample = text[:_SAMPLE_CHARS]
    return {
        domain: sum(len(pattern.findall(sample)) for pattern in patterns)
        for domain, patterns in _signals()
    }


def detect_domain(text: str) -> Domain:
    """The domain with the most signal matches; ties go to the order of `DOMAINS`."""
    scores = domain_scores(text)
    return max(scores, key=lambda domain: scores[domain])
