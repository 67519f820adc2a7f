"""attest's own recognizers, one per file, each with a name and version recorded in the trail."""

from __future__ import annotations

from presidio_analyzer import EntityRecognizer

from extractors.redact.recognizers.aba_routing import AbaRoutingRecognizer
from extractors.redact.recognizers.account_number import AccountNumberRecognizer
from extractors.redact.recognizers.medical_record_number import MedicalRecordNumberRecognizer
from extractors.redact.recognizers.npi import NpiRecognizer
from extractors.redact.recognizers.policy_number import PolicyNumberRecognizer
from extractors.redact.recognizers.titled_person import TitledPersonRecognizer
from extractors.redact.recognizers.us_street_address import UsStreetAddressRecognizer


def custom_recognizers() -> list[EntityRecognizer]:
    return [
        AbaRoutingRecognizer(),
        AccountNumberRecognizer(),
        MedicalRecordNumberRecognizer(),
        NpiRecognizer(),
        PolicyNumberRecognizer(),
        TitledPersonRecognizer(),
        UsStreetAddressRecognizer(),
    ]


__all__ = [
    "AbaRoutingRecognizer",
    "AccountNumberRecognizer",
    "MedicalRecordNumberRecognizer",
    "NpiRecognizer",
    "PolicyNumberRecognizer",
    "TitledPersonRecognizer",
    "UsStreetAddressRecognizer",
    "custom_recognizers",
]
