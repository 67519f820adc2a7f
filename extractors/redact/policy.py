"""The redaction policy: which entity types are removed, from which recognizers, at what score."""

from __future__ import annotations

from dataclasses import dataclass

# Presidio's pattern recognizers that run offline and are relevant to US healthcare, banking
# and legal documents. Names and versions of everything loaded go into the trail.
BUILTIN_RECOGNIZERS: tuple[str, ...] = (
    "EmailRecognizer",
    "PhoneRecognizer",
    "UsSsnRecognizer",
    "UsItinRecognizer",
    "CreditCardRecognizer",
    "IbanRecognizer",
    "IpRecognizer",
    "UrlRecognizer",
    "DateRecognizer",
)

ENTITY_TYPES: tuple[str, ...] = (
    "PERSON",
    "ADDRESS",
    "US_SSN",
    "US_ITIN",
    "EMAIL_ADDRESS",
    "PHONE_NUMBER",
    "CREDIT_CARD",
    "IBAN_CODE",
    "IP_ADDRESS",
    "URL",
    "DATE_TIME",
    "MEDICAL_RECORD_NUMBER",
    "ACCOUNT_NUMBER",
    "ABA_ROUTING_NUMBER",
    "NPI",
    "POLICY_NUMBER",
)


@dataclass(frozen=True)
class RedactionPolicy:
    policy_id: str = "attest.default"
    version: str = "1.0.0"
    entity_types: tuple[str, ...] = ENTITY_TYPES
    score_threshold: float = 0.4
    """Recall first: a pattern match without supporting context (SSN 0.5) is still removed."""
    propagate_names: bool = True
    """Every later mention of a found name's parts ("Ms. Okonkwo") gets the same placeholder."""


DEFAULT_POLICY = RedactionPolicy()
