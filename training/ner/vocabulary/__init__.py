"""Word lists the training generator draws from: entity parts and the non-entity vocabulary.

The negative vocabulary matters as much as the names: an early model trained without it
tagged headings ("Assessment"), drug names, months and words such as "Patient" or "Account"
as names. Every list here ends up in sentences with no entity, so the model learns they are
not names, places or organisations.
"""

from training.ner.vocabulary.entities import (
    BANK_FORMS,
    CODAS,
    COMPANY_SUFFIXES,
    CREDENTIALS,
    EMPLOYER_FORMS,
    HOSPITAL_FORMS,
    LAW_FORMS,
    LOCALES,
    ONSETS,
    RELATIONS,
    STREET_WORDS,
    SURNAME_PREFIXES,
    TITLES,
    US_STATES,
    VOWELS,
)
from training.ner.vocabulary.sentences import (
    COMMON_WORDS,
    NEGATIVE_OPENERS,
    NEGATIVE_SENTENCES,
    OPENERS,
    SUBJECTS,
    VERB_PHRASES,
)
from training.ner.vocabulary.terms import (
    CONDITIONS,
    DRUGS,
    FIELD_LABELS_LOCATION,
    FIELD_LABELS_ORG,
    FIELD_LABELS_OTHER,
    FIELD_LABELS_PERSON,
    HEADINGS,
    MONTHS,
)

__all__ = [
    "BANK_FORMS",
    "CODAS",
    "COMMON_WORDS",
    "COMPANY_SUFFIXES",
    "CONDITIONS",
    "CREDENTIALS",
    "DRUGS",
    "EMPLOYER_FORMS",
    "FIELD_LABELS_LOCATION",
    "FIELD_LABELS_ORG",
    "FIELD_LABELS_OTHER",
    "FIELD_LABELS_PERSON",
    "HEADINGS",
    "HOSPITAL_FORMS",
    "LAW_FORMS",
    "LOCALES",
    "MONTHS",
    "NEGATIVE_OPENERS",
    "NEGATIVE_SENTENCES",
    "ONSETS",
    "OPENERS",
    "RELATIONS",
    "STREET_WORDS",
    "SUBJECTS",
    "SURNAME_PREFIXES",
    "TITLES",
    "US_STATES",
    "VERB_PHRASES",
    "VOWELS",
]
