"""Redaction: unredacted text in, text with typed placeholders and facts about them out."""

import os

# Presidio's e-mail and URL validation would fetch the public suffix list through tldextract:
# set before anything here imports Presidio.
os.environ.setdefault("TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS", "")

from extractors.redact.engine import Redactor
from extractors.redact.policy import (
    CLINICAL_POLICY,
    DEFAULT_POLICY,
    FINANCE_POLICY,
    LEGAL_POLICY,
    POLICIES,
)
from schemas.redaction_policy import RedactionPolicy

__all__ = [
    "CLINICAL_POLICY",
    "DEFAULT_POLICY",
    "FINANCE_POLICY",
    "LEGAL_POLICY",
    "POLICIES",
    "RedactionPolicy",
    "Redactor",
]
