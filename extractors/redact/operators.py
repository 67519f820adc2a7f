"""The operators a policy can name, each a function of the original text and the document.

    replace     <PERSON_1>: typed, numbered in reading order, the same within a document
    mask        ******1234: every letter or digit but the last `keep` (default 4) starred
    hash        <ACCOUNT_NUMBER#3f9a1c2b>: keyed HMAC-SHA256, the same for the same value in
                every document of the site, not reversible without the site's secret
    date_shift  the date moved by a number of days derived from the secret and the patient's
                MRN (or account number, or the document), written in the original's format
    date_year   the year alone
    age_cap     ages up to 89 kept, older ones "90+" (Safe Harbor's "90 or older")
    zip3        the first three digits ("627**"), "000**" for the prefixes of 20,000 people or
                fewer
    keep        left as written: what a domain needs and is no one's personal data (the legal
                policy's companies, states, courts and contract dates)
    keep_company  left as written when it is a company's legal name ("Acme Holdings, Inc.",
                or "Acme Holdings" followed by ", Inc."): a named-entity model takes
                capitalised company names for people; anything else is replaced, and so is
                a name after a person's label ("Printed name:", "By:", "Attn:", "Mr."); a
                single word ("Licensee", "SpinCo", "TORT") is a defined term, a short name or
                a legal word and is kept, unless the document also writes it after a given
                name, an initial or a title, or as "..., an individual"
    keep_organisation  left as written when it reads as an organisation: a legal form, an
                organisation word (University, Department, Bank, Software, Partners ...), a
                short acronym (JEA), or a legal form right after it; replaced when it holds
                contact details (an e-mail, a phone number) or follows a person's label
    keep_place  left as written unless it holds an e-mail or digits or follows a person's label

An operator that cannot apply (a date it cannot read, a date without a year under date_year)
falls back to `replace`, so nothing is ever left in the text by accident.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from extractors.legal_forms import ABBREVIATION_FORMS, LEGAL_FORMS, alternation
from extractors.redact.clinical_meaning import regions
from extractors.redact.common_words import is_common_word, known_first_names
from extractors.redact.dates import generalise_to_year, shift_date
from extractors.redact.placeholders import PlaceholderMap, normalised
from schemas.redaction_policy import Rule

RESTRICTED_ZIP3: frozenset[str] = frozenset(
    {"036", "059", "063", "102", "203", "556", "692", "790", "821"}
    | {"823", "830", "831", "878", "879", "884", "890", "893"}
)
"""Three-digit ZIP prefixes whose area held 20,000 people or fewer (Census 2000), which Safe
Harbor requires to be written as 000 (HHS de-identification guidance, 2012)."""

AGE_CAP = 89
_ALNUM = re.compile(r"[0-9A-Za-z]")


@dataclass
class DocumentContext:
    """What the operators share within one document."""

    secret: bytes
    shift_key: str
    """The patient's MRN, the account number or the document id: keys the date shift."""
    placeholders: PlaceholderMap
    before: str = ""
    """The text just before the span being redacted (set by the engine for each span)."""
    after: str = ""
    """The text just after it: a company name the NER cut before its ", Inc." ends there."""
    text: str = ""
    """The whole document (set by the engine): where else a single word stands."""
    named_people: dict[str, bool] = field(default_factory=dict)
    """Per single word, whether the document also writes it as part of a person's name."""

    def shift_days(self, max_days: int) -> int:
        """A day count in [-max_days, -1] or [1, max_days], the same for the same key."""
        digest = hmac.new(self.secret, b"date-shift\x00" + self.shift_key.encode(), "sha256")
        number = int.from_bytes(digest.digest()[:8], "big") % (2 * max_days)
        days = number - max_days
        return days + 1 if days >= 0 else days


def secret_id(secret: bytes) -> str:
    """A fingerprint of the secret for the trail: names it without revealing it."""
    return hmac.new(secret, b"attest secret id", hashlib.sha256).hexdigest()[:16]


def apply(rule: Rule, entity_type: str, original: str, context: DocumentContext) -> tuple[str, str]:
    """The replacement text, and the operator that produced it (after any fallback)."""
    replacement = _OPERATORS[rule.operator](rule, entity_type, original, context)
    if replacement is None:
        return context.placeholders.placeholder(entity_type, original), "replace"
    return replacement, rule.operator


def _replace(rule: Rule, entity_type: str, original: str, context: DocumentContext) -> str:
    return context.placeholders.placeholder(entity_type, original)


def _mask(rule: Rule, entity_type: str, original: str, context: DocumentContext) -> str:
    keep = int(rule.params.get("keep", 4))
    positions = [m.start() for m in _ALNUM.finditer(original)]
    hidden = set(positions[: max(0, len(positions) - keep)])
    if not hidden:  # too short to show any of it
        hidden = set(positions)
    return "".join("*" if i in hidden else ch for i, ch in enumerate(original))


def hash_token(secret: bytes, entity_type: str, original: str) -> str:
    _, value = normalised(entity_type, original)
    digest = hmac.new(secret, f"{entity_type}\x00{value}".encode(), hashlib.sha256)
    return f"<{entity_type}#{digest.hexdigest()[:8]}>"


def _hash(rule: Rule, entity_type: str, original: str, context: DocumentContext) -> str:
    return hash_token(context.secret, entity_type, original)


def _date_shift(
    rule: Rule, entity_type: str, original: str, context: DocumentContext
) -> str | None:
    return shift_date(original, context.shift_days(int(rule.params.get("max_days", 365))))


def _date_year(rule: Rule, entity_type: str, original: str, context: DocumentContext) -> str | None:
    return generalise_to_year(original)


def _age_cap(rule: Rule, entity_type: str, original: str, context: DocumentContext) -> str | None:
    digits = original.strip()
    if not digits.isdigit():
        return None
    return digits if int(digits) <= AGE_CAP else "90+"


def _zip3(rule: Rule, entity_type: str, original: str, context: DocumentContext) -> str | None:
    digits = re.sub(r"\D", "", original)
    if len(digits) not in (5, 9):
        return None
    prefix = digits[:3]
    return ("000" if prefix in RESTRICTED_ZIP3 else prefix) + "**"


# The legal forms that make a name a company's, not a person's.
_COMPANY_FORM = re.compile(
    rf"\b(?:{alternation(LEGAL_FORMS + ABBREVIATION_FORMS)}|holdings|group|bank|trust|partners"
    r"|technologies|international)\b\.?,?$",
    re.IGNORECASE,
)


def _keep(rule: Rule, entity_type: str, original: str, context: DocumentContext) -> str:
    return original


# A legal form right after the span: the NER found "Nimble Storage" in "Nimble Storage, Inc.",
# or "Hewlett Packard" in "Hewlett Packard Enterprise Company".
_COMPANY_AFTER = re.compile(
    rf"^(?:\s+[A-Z][\w&.-]*){{0,3}},?\s+(?:{alternation(LEGAL_FORMS)})\b", re.IGNORECASE
)
# A label that introduces a person: what follows it is a person's name, whatever the NER says.
_PERSON_LABEL = re.compile(
    r"(?:\b(?:printed|print|full|your)?\s*name|\bby|\battn|\battention|\bsignature|\bsigned"
    r"|\bsignatory|\bcontact(?:\s+person)?|\bmr|\bmrs|\bms|\bdr|\bprof|\bdear)\.?\s*:?\s*$",
    re.IGNORECASE,
)
_ORGANISATION_WORD = re.compile(
    r"\b(?:university|college|school|institute|department|ministry|agency|authority|council"
    r"|commission|board|bank|trust|fund|foundation|association|society|museum|hospital|clinic"
    r"|cent(?:er|re)|city|county|state|government|office|services|systems|solutions|software"
    r"|technolog(?:y|ies)|industries|enterprises?|partners|capital|group|holdings|consulting"
    r"|lab(?:s|oratories)|pharmaceuticals?|networks?|communications|media|projects|railway"
    r"|storage|energy|health(?:care)?|medical|products|entertainment|management|securities"
    r"|ventures|resources|registry|interconnection)\b",
    re.IGNORECASE,
)
_CONTACT = re.compile(r"@|\d{3}")
# A defined term right after a company's name: 'Intel Corporation (hereinafter "Intel")'.
_COMPANY_DEFINITION = re.compile(
    r"(?:\b(?:inc|corp|co|ltd|llc|l\.l\.c|lp|plc|n\.v)\.?|corporation|company|limited"
    r"|partnership)\s*,?[^()]{0,30}\((?:[^()]{0,20}\s)?[\"“‘']$",
    re.IGNORECASE,
)


# A name right after these words is a jurisdiction: "the laws of the Province of Ontario".
_JURISDICTION_BEFORE = re.compile(
    r"\b(?:state|province|commonwealth|republic|kingdom|laws?)\s+of\s+(?:the\s+)?$", re.IGNORECASE
)


def _region(original: str, context: DocumentContext) -> bool:
    """A US state or a country, or a name after "the State of" / "the laws of" (the NER
    reads "Illinois" in "the State of Illinois" as a person, "Ontario, Canada" as an
    organisation): no one's personal data, and the governing law of a contract."""
    parts = [part.strip(" .;:").lower() for part in original.split(",")]
    known = regions()
    return all(part in known for part in parts) or bool(_JURISDICTION_BEFORE.search(context.before))


def _keep_company(
    rule: Rule, entity_type: str, original: str, context: DocumentContext
) -> str | None:
    if _PERSON_LABEL.search(context.before):
        return None
    company = (
        _COMPANY_FORM.search(original.strip())
        or _COMPANY_AFTER.match(context.after)
        or _COMPANY_DEFINITION.search(context.before)
        or _region(original, context)
    )
    if company:
        return original
    if all(part.upper() in _LEGAL_WORDS for part in original.split()):
        return original  # "EXEMPLARY DAMAGES" in a shouted liability cap
    word = _SINGLE_WORD.fullmatch(original.strip())
    if word is None:
        return None  # "John Smith": a person's name shape
    if word.group(1).upper() in _LEGAL_WORDS:
        return original
    return None if _names_a_person(word.group(1), context) else original


# A single word: "Licensee", "SpinCo", "Reed's", "TORT". A contract calls its parties by such
# defined terms and short names; a person is named with a first and last name or a title.
_SINGLE_WORD = re.compile(r"[\"“‘']?([A-Z][\w&-]*?)(?:[’']s)?[\"”’']?")
_LEGAL_WORDS = frozenset(
    [
        "TORT",
        "DAMAGES",
        "EXEMPLARY",
        "PUNITIVE",
        "INCIDENTAL",
        "CONSEQUENTIAL",
        "INDIRECT",
        "SPECIAL",
        "WARRANTY",
        "WARRANTIES",
        "MERCHANTABILITY",
        "NEGLIGENCE",
        "LIABILITY",
        "INDEMNITY",
        "CONFIDENTIAL",
    ]
)
# Capitalised words before a defined term that are not a given name: "The Licensee",
# "Notwithstanding SpinCo".
_NOT_A_GIVEN_NAME = frozenset(
    [
        "notwithstanding",
        "whereas",
        "provided",
        "except",
        "unless",
        "subject",
        "during",
        "following",
        "including",
        "however",
        "accordingly",
        "thereafter",
        "hereunder",
        "hereby",
        "herein",
        "section",
        "sections",
        "article",
        "exhibit",
        "schedule",
        "clause",
        "party",
        "parties",
        "exclusive",
        "such",
        "said",
        "neither",
        "either",
        "each",
    ]
)


def _given_name(word: str) -> bool:
    """Whether a capitalised word before another reads as a given name or an initial."""
    if not word[:1].isupper() or word.casefold() in _NOT_A_GIVEN_NAME:
        return False
    bare = word.rstrip(".")
    return len(bare) == 1 or bare.casefold() in known_first_names() or not is_common_word(bare)


def _names_a_person(word: str, context: DocumentContext) -> bool:
    """Whether the document writes `word` after a title or after another capitalised word
    ("ANA MISRA", "Mr. Misra", "Misra, an individual"): then every mention is the person's."""
    key = word.casefold()
    if key not in context.named_people:
        found = False
        for match in re.finditer(rf"(?<![\w-]){re.escape(word)}(?![\w-])", context.text, re.I):
            before = context.text[max(0, match.start() - 30) : match.start()]
            previous = re.search(r"([A-Za-z][\w.]*)[ \t]+$", before)
            titled = re.search(r"\b(?:mr|mrs|ms|miss|dr|prof)\.?[ \t]+$", before, re.I)
            individual = re.match(r",?\s+an individual\b", context.text[match.end() :], re.I)
            capitalised = previous is not None and _given_name(previous.group(1))
            if titled or individual or capitalised:
                found = True
                break
        context.named_people[key] = found
    return context.named_people[key]


def _keep_organisation(
    rule: Rule, entity_type: str, original: str, context: DocumentContext
) -> str | None:
    if _PERSON_LABEL.search(context.before) or _CONTACT.search(original):
        return None
    stripped = original.strip()
    acronym = re.fullmatch(r"[A-Z]{2,6}", stripped) is not None
    named = _COMPANY_FORM.search(stripped) or _ORGANISATION_WORD.search(stripped)
    kept = acronym or named or _COMPANY_AFTER.match(context.after) or _region(original, context)
    return original if kept else None


def _keep_place(
    rule: Rule, entity_type: str, original: str, context: DocumentContext
) -> str | None:
    if _PERSON_LABEL.search(context.before) or re.search(r"@|\d", original):
        return None
    return original


_OPERATORS: dict[str, Callable[[Rule, str, str, DocumentContext], str | None]] = {
    "keep": _keep,
    "keep_company": _keep_company,
    "keep_organisation": _keep_organisation,
    "keep_place": _keep_place,
    "replace": _replace,
    "mask": _mask,
    "hash": _hash,
    "date_shift": _date_shift,
    "date_year": _date_year,
    "age_cap": _age_cap,
    "zip3": _zip3,
}
