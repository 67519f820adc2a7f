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
    keep_company  left as written when it is a company's legal name ("Acme Holdings, Inc."):
                a named-entity model takes capitalised company names for people; anything
                else is replaced

An operator that cannot apply (a date it cannot read, a date without a year under date_year)
falls back to `replace`, so nothing is ever left in the text by accident.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from collections.abc import Callable
from dataclasses import dataclass

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
    r"\b(?:inc|incorporated|corp|corporation|co|company|llc|l\.l\.c|ltd|limited|lp|l\.p|llp"
    r"|plc|gmbh|ag|s\.a|sa|n\.v|nv|b\.v|bv|s\.p\.a|pty|holdings|group|bank|trust|partners"
    r"|technologies|international)\b\.?,?$",
    re.IGNORECASE,
)


def _keep(rule: Rule, entity_type: str, original: str, context: DocumentContext) -> str:
    return original


def _keep_company(
    rule: Rule, entity_type: str, original: str, context: DocumentContext
) -> str | None:
    return original if _COMPANY_FORM.search(original.strip()) else None


_OPERATORS: dict[str, Callable[[Rule, str, str, DocumentContext], str | None]] = {
    "keep": _keep,
    "keep_company": _keep_company,
    "replace": _replace,
    "mask": _mask,
    "hash": _hash,
    "date_shift": _date_shift,
    "date_year": _date_year,
    "age_cap": _age_cap,
    "zip3": _zip3,
}
