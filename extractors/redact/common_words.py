"""Ordinary words that the NER sometimes takes for a one-word name, place or organisation.

A capitalised "Cash", "Reason" or "Neither" at the start of a line looks like a name to a
small model; a found name is then redacted everywhere in the document, removing the words a
flag rule needs. The list is built offline from what the installed packages carry: spaCy's
English stop words, Faker's en_US lorem word list (~1,000 common English words), and the
nouns of clinical, banking and contract documents below; minus every first and last name
Faker knows in the locales attest reads, so "Brown", "Grace" or "King" stay names.
"""

from __future__ import annotations

import importlib
from functools import cache

from faker.providers.lorem.en_US import Provider as EnglishLorem
from spacy.lang.en.stop_words import STOP_WORDS

# Headings, field labels and nouns of the documents attest reads, seen taken for names.
DOCUMENT_WORDS = frozenset(
    [
        "account",
        "accounts",
        "address",
        "agreement",
        "amount",
        "annual",
        "applicant",
        "application",
        "assessment",
        "assignment",
        "attn",
        "audit",
        "authorization",
        "balance",
        "bank",
        "beneficiary",
        "billing",
        "borrower",
        "branch",
        "capital",
        "card",
        "cash",
        "charge",
        "charges",
        "claim",
        "client",
        "clinic",
        "closing",
        "collateral",
        "company",
        "compliance",
        "confidential",
        "confidentiality",
        "consent",
        "contract",
        "contractor",
        "counterparty",
        "credit",
        "customer",
        "date",
        "debit",
        "deposit",
        "deposits",
        "diagnosis",
        "disclosure",
        "discharge",
        "dividend",
        "effective",
        "employer",
        "employment",
        "exhibit",
        "exclusivity",
        "fee",
        "fees",
        "fund",
        "funds",
        "guarantor",
        "history",
        "hospital",
        "income",
        "indemnification",
        "indemnity",
        "interest",
        "invoice",
        "lender",
        "liability",
        "licence",
        "license",
        "limitation",
        "loan",
        "maximum",
        "medication",
        "member",
        "minimum",
        "mortgage",
        "notice",
        "notices",
        "obligations",
        "overdraft",
        "parties",
        "party",
        "patient",
        "payee",
        "payment",
        "payments",
        "payroll",
        "penalty",
        "physician",
        "plan",
        "policy",
        "premium",
        "principal",
        "provider",
        "purpose",
        "recipient",
        "referral",
        "remittance",
        "renewal",
        "representative",
        "sample",
        "savings",
        "schedule",
        "section",
        "services",
        "signature",
        "source",
        "statement",
        "subtotal",
        "summary",
        "supplier",
        "tax",
        "term",
        "termination",
        "total",
        "transaction",
        "transactions",
        "transfer",
        "treatment",
        "trust",
        "warranty",
        "withdrawal",
        "withdrawals",
        "yesterday",
        "today",
        "tomorrow",
        "tonight",
        "morning",
        "afternoon",
        "evening",
        "overnight",
        "weekend",
        "daily",
        "weekly",
        "monthly",
    ]
)

_NAME_LOCALES = ("en_US", "en_GB", "en_IE", "en_IN", "de_DE", "fr_FR", "es_ES", "it_IT", "nl_NL")


@cache
def known_names() -> frozenset[str]:
    """Lower-case first and last names of every locale attest reads (Faker's lists)."""
    names: set[str] = set()
    for locale in _NAME_LOCALES:
        provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
        for attribute in ("first_names", "last_names", "first_names_male", "first_names_female"):
            names.update(name.lower() for name in getattr(provider, attribute, ()))
    return frozenset(names)


@cache
def known_first_names() -> frozenset[str]:
    """Lower-case first names of every locale attest reads."""
    names: set[str] = set()
    for locale in _NAME_LOCALES:
        provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
        for attribute in ("first_names", "first_names_male", "first_names_female"):
            names.update(name.lower() for name in getattr(provider, attribute, ()))
    return frozenset(names)


@cache
def common_words() -> frozenset[str]:
    """Lower-case ordinary words that are nobody's first or last name."""
    words = set(STOP_WORDS) | {w.lower() for w in EnglishLorem.word_list} | DOCUMENT_WORDS
    return frozenset(words - known_names())


def is_common_word(word: str) -> bool:
    lower = word.lower()
    words = common_words()
    return lower in words or (lower.endswith("s") and lower[:-1] in words)
