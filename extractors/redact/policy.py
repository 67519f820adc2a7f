"""The redaction policies (default and per domain), the recognizers and the entity types.

Each domain declares its policy in its module under extractors/domains/; the default policy,
for a document whose domain is not known, lives here. Each policy names operators only where
it departs from a typed placeholder; see schemas/redaction_policy.py for the model and
extractors/redact/operators.py for the operators. Change a rule, bump the version: the trail
records id, version and content hash.
"""

from __future__ import annotations

from extractors.domains import SAFE_HARBOR, domain_specs
from schemas.document import Domain
from schemas.redaction_policy import RedactionPolicy

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
    "LOCATION",
    "ORGANIZATION",
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
    "AGE",
    "US_ZIP_CODE",
    "HEALTH_PLAN_NUMBER",
    "LICENSE_NUMBER",
    "VEHICLE_ID",
    "DEVICE_ID",
)


DEFAULT_POLICY = RedactionPolicy(policy_id="attest.default", version="1.0.0", rules=SAFE_HARBOR)
"""When the domain is not known: every identifier a typed placeholder, dates included."""

POLICIES: dict[Domain, RedactionPolicy] = {
    spec.name: spec.redaction_policy for spec in domain_specs()
}
"""Each domain's policy, as its module under extractors/domains/ declares it."""

# By name, for the callers that pick one out.
CLINICAL_POLICY = POLICIES["clinical"]
FINANCE_POLICY = POLICIES["finance"]
LEGAL_POLICY = POLICIES["legal"]
