"""A contract's parties: the legal names it defines in its opening words, with their roles.

Contracts name a party once, in the preamble, and then call it by a defined term: `3M Company
("Interested Party")`, `Cogent, Inc., a Delaware corporation ("Company")`, `THE KANSAS
DEPARTMENT OF LABOR (KDOL)`. So a party is the name just before a definition in brackets,
read backwards from the bracket over capitalised words, the connectors a name may hold ("of",
"and", "&") and a legal form after a comma ("Novell, Inc."), after dropping what describes it
(", a Delaware corporation", ", located at ...", "(f/k/a ...)"). Definitions that are not
parties ("Agreement", "Effective Date", "Transaction") and names made only of role words
("the Company", "Employee", "the undersigned Potential Acquiree") are not parties. Forms name
parties on labelled lines too ("Company Name: Cartesian, Inc.", "PARTICIPANT: XIRCOM").

Blanks of a template (underscores, "[INSERT NAME]") are never names.
"""

from __future__ import annotations

import re

from extractors.legal_forms import LEGAL_FORM_WORD, NAME_ENDING_FORM
from extractors.llm.rules.contract_text import Clause
from extractors.llm.rules.signature_parties import signature_names
from schemas.outputs.legal import PARTY_NAME_MAX, PARTY_ROLE_MAX

MAX_PARTIES = 8
ROLE_WORDS = frozenset(
    [
        "agreement",
        "company",
        "employee",
        "employer",
        "consultant",
        "contractor",
        "licensor",
        "licensee",
        "distributor",
        "dealer",
        "university",
        "supplier",
        "customer",
        "client",
        "vendor",
        "buyer",
        "seller",
        "purchaser",
        "lender",
        "borrower",
        "party",
        "parties",
        "recipient",
        "discloser",
        "disclosing",
        "receiving",
        "provider",
        "manufacturer",
        "reseller",
        "agent",
        "franchisee",
        "franchisor",
        "landlord",
        "tenant",
        "lessor",
        "lessee",
        "sponsor",
        "investor",
        "executive",
        "owner",
        "participant",
        "undersigned",
        "potential",
        "acquiror",
        "acquirer",
        "acquiree",
        "interested",
        "counterparty",
        "confidant",
        "representative",
        "representatives",
        "entity",
        "affiliate",
        "affiliates",
        "subsidiary",
        "subsidiaries",
        "corporation",
        "organization",
        "producer",
        "agency",
        "user",
        "member",
        "partner",
        "the",
        "and",
        "a",
        "an",
        "of",
        "each",
        "other",
        "either",
        "both",
        "your",
        "you",
        "we",
        "us",
        "our",
        "its",
        "his",
        "her",
        "their",
        "this",
        "that",
        "such",
        "said",
    ]
)
# Defined terms that name a thing, not a party.
_NOT_PARTY_ROLE = re.compile(
    r"^(?:the\s+)?(?:agreement|nda|cnda|effective date|date|transaction|proposed transaction"
    r"|possible transaction|purpose|business purpose|permitted purpose|project|projects"
    r"|confidential information|information|proprietary information|evaluation materials"
    r"|materials|term|territory|business|products?|services?|spa|rfp|acquisition|commercial"
    r"|affiliates?|associates?|representatives?|subject matter|assets|assigned assets"
    r"|[\w\s-]*\b(?:transaction|agreement|information|date|purpose|period|materials))$",
    re.IGNORECASE,
)
# A definition in brackets: a quoted term, or a short capitalised term or acronym alone.
_PAREN = re.compile(r"\(([^()]{0,200})\)")
_QUOTED = re.compile(r"(?:^|[\s(,])[\"“‘']\s*(?:the\s+)?([A-Z<][^\"“”‘’]{0,38}?)\s*[\"”’']")
_PLACEHOLDER = re.compile(r"^<[A-Z_]+_\d+>$")
_PRONOUN = re.compile(r"^\s*(?:the\s+)?[\"“‘']?(we|you)[\"”’']?\s*[,)]|^\s*[\"“‘'](we|you)[\"”’']")
_BARE = re.compile(
    r"^\s*(?:the\s+)?(<[A-Z_]+_\d+>|[A-Z][A-Z&.]{1,9}|[A-Z][a-z]+(?:\s+[A-Z][a-z]+){0,2})\s*$"
)
# What follows a name and describes it, up to the bracket.
_DESCRIPTOR = re.compile(
    r"(?:,\s*|\s+)(?:a|an)\s+\S|,\s*(?:with|having|whose|located|its|on behalf|in its"
    r"|registered|organi[sz]ed|incorporated|acting|as\b|of\s+\d|c/o)\b|\s+(?:with|having)\s+its\b"
    r"|\s+located\s+at\b|,\s*\d",
    re.IGNORECASE,
)
_STOP_WORDS = frozenset(
    [
        "between",
        "among",
        "by",
        "dated",
        "made",
        "entered",
        "executed",
        "hereunder",
        "hereinafter",
        "from",
        "to",
        "regarding",
        "with",
        "for",
    ]
)
# The words that lead into a name: "between X", "by and among X", "regarding X".
_LEAD = re.compile(
    r"\b(?:between|among|by|regarding|dated|made|from|hereunder|are)\b(?=[\s,]+[A-Z0-9])",
    re.IGNORECASE,
)
_CONNECTORS = frozenset(
    ["of", "and", "&", "the", "for", "de", "du", "la", "van", "von", "der", "y", "und"]
)
_LEGAL_FORM = LEGAL_FORM_WORD
_BLANK = re.compile(r"_{2,}|\[[^\]]*\]|\b(?:insert|name of)\b", re.IGNORECASE)
# The preamble ends where the recitals or the clauses begin.
_PREAMBLE_END = re.compile(
    r"^(?:WHEREAS|W\s?I\s?T\s?N\s?E\s?S\s?S\s?E\s?T\s?H|RECITALS?|BACKGROUND|PREAMBLE|INTRODUCTION"
    r"|NOW,?\s+THEREFORE|THE PARTIES (?:HEREBY )?AGREE|In consideration\b|(?:ARTICLE|Article"
    r"|SECTION)\s+(?:1|I)\b|1\.\s)",
)
_LABELLED = re.compile(
    r"^[ \t]*(?:[A-Z]+:[ \t]*)?(?:PARTICIPANT|COMPANY(?: NAME)?|Company(?: Name)?"
    r"|Name of (?:Company|Organi[sz]ation))[ \t]*:[ \t]*([^\n]{2,80}?)[ \t]*$",
    re.MULTILINE,
)
# A form addressed to the party that issues it: "TO: The City of Winnipeg" above its preamble.
_ADDRESSEE = re.compile(r"^[ \t]*TO[ \t]*:[ \t]*([^\n]{2,80}?)[ \t]*$", re.MULTILINE)
_TOKEN = re.compile(r"\S+")
# A company named with its legal form right after "between", "by", "among" or "and", with no
# definition in brackets: "ENTERED INTO BY NO RESERVATIONS PTY. LTD., AND THE ENTITY ...".
_NAMED_WITH_FORM = re.compile(
    r"\b(?:between|among|by|and|BETWEEN|AMONG|BY|AND)[ \t:]+"
    rf"((?:[A-Z0-9][\w&.'’-]*,?[ \t]+){{1,6}}?{NAME_ENDING_FORM})"
)
_BLANKS = re.compile(r"_{2,}|(?<![A-Z])_(?!\d)")


def is_name(name: str) -> bool:
    """A legal name, not a phrase, a blank or a role: capitalised words and connectors."""
    words = name.split()
    if not words or len(words) > 12 or _BLANK.search(name) or re.search(r"[<>_]", name):
        return False
    if len(name) > PARTY_NAME_MAX:
        return False  # longer than any legal name the schema holds: a phrase, not a name
    if not (words[0][:1].isupper() or words[0][:1].isdigit()):
        return False
    for word in words:
        bare = word.strip(",.;:")
        if not bare:
            continue
        if not (
            bare[:1].isupper()
            or bare[:1].isdigit()
            or bare.casefold() in _CONNECTORS
            or _LEGAL_FORM.match(bare)  # "Vodafone Group plc"
        ):
            return False
    plain = [w.strip(",.;:'’").casefold() for w in words]
    if plain[0] == "undersigned":
        return False
    if all(w in ROLE_WORDS or _LEGAL_FORM.match(w) for w in plain if w):
        return False
    return not re.search(r"\b(?:agreement|information|date)$", name, re.IGNORECASE)


def name_before(segment: str) -> str:
    """The name that ends `segment` (the text just before a definition in brackets)."""
    segment = _PAREN.sub(" ", segment)  # "(f/k/a ...)", "(i)", "(1)"
    segment = re.sub(r"\[[^\]]*\]|\b\d{4}\b", " ; ", segment)  # blanks and dates end a name
    last_line = segment.rsplit("\n", 1)[-1]
    if re.search(r"[A-Za-z]", last_line):
        segment = last_line  # a title line above is not part of the name
    segment = re.split(r"[;:]", segment)[-1]
    lead = list(_LEAD.finditer(segment))
    if lead:
        segment = segment[lead[-1].end() :]
    described = _DESCRIPTOR.search(segment)
    if described is not None:
        segment = segment[: described.start()]
    tokens = [m.group(0) for m in _TOKEN.finditer(segment.rstrip(" ,;:-–—"))]
    kept: list[str] = []
    for at, token in reversed(list(enumerate(tokens))):
        bare = token.strip(",.;:\"“”'’")
        if not bare or bare.casefold() in _STOP_WORDS or re.search(r"[:;)\]]$", token):
            break
        if bare.casefold() == "and" and at > 0 and _ends_a_name(tokens[at - 1]):
            break
        if (
            _LEGAL_FORM.match(bare)
            or bare[:1].isupper()
            or bare[:1].isdigit()
            or bare.casefold() in _CONNECTORS
        ):
            kept.append(token)
        else:
            break
    while kept and kept[-1].strip(",").casefold() in _CONNECTORS:
        kept.pop()  # leading "and", "the"
    while kept and kept[0].strip(",").casefold() in _CONNECTORS - {"&"}:
        kept.pop(0)
    return " ".join(_without_address(list(reversed(kept)))).strip(" ,;:\"“”'’")


def _ends_a_name(word: str) -> bool:
    """Whether an "and" after `word` starts another name: after a comma ("..., CA 94403, and
    MICROSOFT CORPORATION") or a legal form ("Phenomenome Discoveries Inc. and Phenomenome
    Laboratory Services Inc. (collectively ...)": two companies, not one name)."""
    return word.endswith(",") or _LEGAL_FORM.match(word.strip("\"“”'’")) is not None


def _without_address(words: list[str]) -> list[str]:
    """The name without an address written after its legal form and before the bracket
    ("Boehringer Ingelheim International GmbH Binger Straße 173 55216 Ingelheim Germany"): a
    name ends at its last legal form when numbers follow it ("Company of America" stays)."""
    forms = [at for at, word in enumerate(words) if _LEGAL_FORM.match(word.strip("\"“”'’"))]
    if forms and any(word[:1].isdigit() for word in words[forms[-1] + 1 :]):
        return words[: forms[-1] + 1]
    return words


def _party_key(name: str) -> str:
    """One party however its name is written: "Novell, Inc." and "NOVELL INC" are one."""
    words = re.sub(r"[^\w\s&]", " ", name.casefold()).split()
    return " ".join(w for w in words if not _LEGAL_FORM.match(w)) or " ".join(words)


def _is_own_word(word: str) -> bool:
    """A word that names someone: not a number, a role word, a connector or a legal form."""
    bare = word.strip(",.;:\"“”'’()").casefold()
    return (
        bare.isalpha()
        and bare not in ROLE_WORDS
        and bare not in _CONNECTORS
        and not _LEGAL_FORM.match(bare)
    )


def opening(units: list[Clause], limit: int = 3000) -> list[Clause]:
    """The clauses of the opening words, up to the recitals or the first clause."""
    kept: list[Clause] = []
    size = 0
    for unit in units:
        if kept and _PREAMBLE_END.match(unit.norm):
            break
        kept.append(unit)
        size += len(unit.text)
        if size > limit:
            break
    return kept


def unblank(text: str) -> str:
    """The text with a template's blanks (runs of underscores) read as spaces, same length
    (a placeholder's single underscore, <PERSON_1>, stays)."""
    return _BLANKS.sub(lambda match: " " * len(match.group(0)), text)


def preamble(units: list[Clause], text: str) -> str:
    """The opening words as written, a template's blanks read as spaces."""
    first = opening(units)
    return unblank(text[: first[-1].end]) if first else ""


def _role_of(content: str) -> str | None:
    pronoun = _PRONOUN.match(content)
    if pronoun is not None:  # a letter agreement's parties: Acme ("we", "us")
        return pronoun.group(1)
    quoted = _QUOTED.search(content)
    if quoted is not None:
        role = quoted.group(1).strip()
    else:
        bare = _BARE.match(content)
        if bare is None:
            return None
        role = bare.group(1)
    role = re.sub(r"^the\s+", "", role, flags=re.IGNORECASE)
    if len(role) > PARTY_ROLE_MAX:
        return None  # a sentence in brackets, not a defined term
    if _PLACEHOLDER.match(role):
        return ""  # a definition whose term the redaction replaced: a party without its role
    return None if _NOT_PARTY_ROLE.match(role) else role


def parties(units: list[Clause], text: str) -> list[tuple[str, str]]:
    """Each party's name as written and its defined role ("" where it has none)."""
    opening = preamble(units, text)
    found: list[tuple[str, str]] = []
    seen: set[str] = set()

    def add(name: str, role: str, key: str = "") -> None:
        key = key or " ".join(re.sub(r"[^\w\s]", " ", name.casefold()).split())
        if is_name(name) and key not in seen:
            seen.update({key, _party_key(name)})
            found.append((name, role))

    previous = 0
    for paren in _PAREN.finditer(opening):
        role = _role_of(paren.group(1))
        if role is None:
            continue
        add(name_before(opening[previous : paren.start()]), role)
        previous = paren.end()
    for named in _NAMED_WITH_FORM.finditer(opening):
        add(name_before(named.group(1)), "")
    for labelled in _LABELLED.finditer(text):
        value = re.split(r"\s{2,}|\t", labelled.group(1).strip())[0]
        add(value.strip(" ,;"), "")
    if len(found) < 2:  # a contract has two parties at least: the rest signed it below
        for addressee in _ADDRESSEE.finditer(opening):
            add(name_before(addressee.group(1)), "")
        for signed in signature_names(text):
            name = name_before(signed)
            if any(_is_own_word(word) for word in name.split()):
                add(name, "", _party_key(name))  # "NOVELL, INC." signs for "Novell" above
    return found[:MAX_PARTIES]
