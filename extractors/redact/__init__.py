"""Redaction: unredacted text in, text with typed placeholders and facts about them out."""

import os

# Presidio's e-mail and URL validation would fetch the public suffix list through tldextract:
# set before anything here imports Presidio.
os.environ.setdefault("TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS", "")

from extractors.redact.engine import Redactor
from extractors.redact.policy import DEFAULT_POLICY, RedactionPolicy

__all__ = ["DEFAULT_POLICY", "RedactionPolicy", "Redactor"]
