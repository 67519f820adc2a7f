"""attest's own recognizers, one per file, each with a name and version recorded in the trail."""

from __future__ import annotations

from presidio_analyzer import EntityRecognizer

from extractors.redact.recognizers.aba_routing import AbaRoutingRecognizer
from extractors.redact.recognizers.account_number import AccountNumberRecognizer
from extractors.redact.recognizers.age import AgeRecognizer
from extractors.redact.recognizers.calendar_date import CalendarDateRecognizer
from extractors.redact.recognizers.card_number import CardNumberRecognizer
from extractors.redact.recognizers.device_identifier import DeviceIdentifierRecognizer
from extractors.redact.recognizers.facility_name import FacilityNameRecognizer
from extractors.redact.recognizers.health_plan_number import HealthPlanNumberRecognizer
from extractors.redact.recognizers.labelled_identifier import LabelledIdentifierRecognizer
from extractors.redact.recognizers.license_number import LicenseNumberRecognizer
from extractors.redact.recognizers.medical_record_number import MedicalRecordNumberRecognizer
from extractors.redact.recognizers.nanp_phone import NanpPhoneRecognizer
from extractors.redact.recognizers.npi import NpiRecognizer
from extractors.redact.recognizers.policy_number import PolicyNumberRecognizer
from extractors.redact.recognizers.running_text_person import RunningTextPersonRecognizer
from extractors.redact.recognizers.titled_person import TitledPersonRecognizer
from extractors.redact.recognizers.us_street_address import UsStreetAddressRecognizer
from extractors.redact.recognizers.us_zip_code import UsZipCodeRecognizer
from extractors.redact.recognizers.vehicle_identifier import VehicleIdentifierRecognizer


def custom_recognizers() -> list[EntityRecognizer]:
    return [
        AbaRoutingRecognizer(),
        AccountNumberRecognizer(),
        AgeRecognizer(),
        CalendarDateRecognizer(),
        CardNumberRecognizer(),
        DeviceIdentifierRecognizer(),
        FacilityNameRecognizer(),
        HealthPlanNumberRecognizer(),
        LabelledIdentifierRecognizer(),
        LicenseNumberRecognizer(),
        NanpPhoneRecognizer(),
        VehicleIdentifierRecognizer(),
        MedicalRecordNumberRecognizer(),
        NpiRecognizer(),
        PolicyNumberRecognizer(),
        RunningTextPersonRecognizer(),
        TitledPersonRecognizer(),
        UsStreetAddressRecognizer(),
        UsZipCodeRecognizer(),
    ]


__all__ = [
    "AbaRoutingRecognizer",
    "AccountNumberRecognizer",
    "AgeRecognizer",
    "CalendarDateRecognizer",
    "CardNumberRecognizer",
    "DeviceIdentifierRecognizer",
    "FacilityNameRecognizer",
    "HealthPlanNumberRecognizer",
    "LabelledIdentifierRecognizer",
    "LicenseNumberRecognizer",
    "MedicalRecordNumberRecognizer",
    "NanpPhoneRecognizer",
    "NpiRecognizer",
    "PolicyNumberRecognizer",
    "RunningTextPersonRecognizer",
    "TitledPersonRecognizer",
    "UsStreetAddressRecognizer",
    "UsZipCodeRecognizer",
    "VehicleIdentifierRecognizer",
    "custom_recognizers",
]
