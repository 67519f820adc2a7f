"""The built-in redaction policies, one per domain, and the recognizers and entity types.

Each policy names operators only where it departs from a typed placeholder; see
schemas/redaction_policy.py for the model and extractors/redact/operators.py for the
operators. Change a rule, bump the version: the trail records id, version and content hash.
"""

from __future__ import annotations

from schemas.document import Domain
from schemas.redaction_policy import RedactionPolicy, Rule

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


# Safe Harbor's ages-over-89 and 3-digit ZIP rules hold in every policy.
_SAFE_HARBOR: dict[str, Rule] = {
    "AGE": Rule(operator="age_cap"),
    "US_ZIP_CODE": Rule(operator="zip3"),
}

DEFAULT_POLICY = RedactionPolicy(policy_id="attest.default", version="1.0.0", rules=_SAFE_HARBOR)
"""When the domain is not known: every identifier a typed placeholder, dates included."""

CLINICAL_POLICY = RedactionPolicy(
    policy_id="attest.clinical",
    version="1.0.0",
    domain="clinical",
    rules={
        **_SAFE_HARBOR,
        # Relative timing (admitted, discharged, follow-up) survives; the calendar does not.
        "DATE_TIME": Rule(
            operator="date_shift",
            params={"key_entity": "MEDICAL_RECORD_NUMBER", "max_days": 365},
        ),
    },
)

FINANCE_POLICY = RedactionPolicy(
    policy_id="attest.finance",
    version="1.0.0",
    domain="finance",
    rules={
        "ACCOUNT_NUMBER": Rule(operator="mask", params={"keep": 4}),
        "CREDIT_CARD": Rule(operator="mask", params={"keep": 4}),
        "IBAN_CODE": Rule(operator="mask", params={"keep": 4}),
        "DATE_TIME": Rule(
            operator="date_shift", params={"key_entity": "ACCOUNT_NUMBER", "max_days": 365}
        ),
    },
)

# 2.0.0: a contract between companies carries no personal data in its party names, governing
# state, courts or dates, and a summary needs them; natural persons (signatories, employees)
# and their contact details (address, phone, e-mail, identifiers) are still replaced.
LEGAL_POLICY = RedactionPolicy(
    policy_id="attest.legal",
    version="2.0.0",
    domain="legal",
    rules={
        "ORGANIZATION": Rule(operator="keep"),
        "LOCATION": Rule(operator="keep"),
        "DATE_TIME": Rule(operator="keep"),
        "PERSON": Rule(operator="keep_company"),
    },
)

POLICIES: dict[Domain, RedactionPolicy] = {
    "clinical": CLINICAL_POLICY,
    "finance": FINANCE_POLICY,
    "legal": LEGAL_POLICY,
}
