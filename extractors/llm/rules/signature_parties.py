"""Parties named where a contract is signed, for when its opening words do not name them.

A contract has at least two parties, but a form's preamble often names one or none: "between
the Adobe entity identified below ... and the party identified below", a blank the
counterparty fills in. The names are then in the signature block, in one of two shapes:

- a company with its legal form on a line of the block, one or two columns side by side
  (after "IN WITNESS WHEREOF ...": "Adobe Inc.   Acme Corporation Inc.");
- the line just above a signature line ("ACME HOLDINGS" over "By: ____ Name: ... Title: ..."),
  possibly after a role label ("LICENSEE: Beta Systems").

The fields of the block ("Authorized Signature", "Print Name", "Title", "Date"), role words and
addresses are never names; this module proposes candidates and the party reader keeps those that
read as a name (`contract_parties.is_name`), so natural persons redacted to placeholders and
template blanks drop out there.
"""

from __future__ import annotations

import re

from extractors.legal_forms import NAME_ENDING_FORM

_WITNESS = re.compile(r"\bIN\s+WITNESS\s+(?:WHEREOF|THEREOF)\b", re.IGNORECASE)
# A company written with its legal form: capitalised words (a comma before the form allowed).
# Words one space apart: two or more spaces part the columns of a two-party block.
_WITH_FORM = re.compile(rf"(?<![\w&.'’-])((?:[A-Z0-9][\w&.'’-]*,? ){{0,6}}?{NAME_ENDING_FORM})")
# The line above a signature line: "By:", "By ____", "Signature:".
_ABOVE_SIGNATURE = re.compile(
    r"^[ \t]*([^\n]*?\S)[ \t]*\n[ \t]*(?:By|BY|Signature|SIGNATURE)\b[ \t]*(?::|_)", re.MULTILINE
)
# A role label before the name on the same line: "LICENSEE:", "Company:".
# A block is short: it ends where an exhibit or a schedule begins.
BLOCK_SIZE = 1500
_BLOCK_END = re.compile(
    r"^[ \t]*(?:EXHIBIT|Exhibit|SCHEDULE|Schedule|ANNEX|Annex|APPENDIX|Appendix|ATTACHMENT)\b",
    re.MULTILINE,
)
_LABEL = re.compile(r"^[^:]{1,40}:[ \t]*")
# An address line under a name: a street number first, or a street, suite or post box.
_ADDRESS = re.compile(
    r"^\d+\b|\b(?:street|avenue|road|boulevard|blvd|suite|floor|p\.?\s?o\.? box)\b", re.IGNORECASE
)
_COLUMNS = re.compile(r"[ \t]{2,}|\t")
# Words of a signature block's fields, never of a party's name there.
FIELD_WORDS = frozenset(
    [
        "signature",
        "signed",
        "sign",
        "name",
        "print",
        "printed",
        "title",
        "date",
        "dated",
        "by",
        "its",
        "witness",
        "witnesses",
        "whereof",
        "authorized",
        "authorised",
        "address",
        "email",
        "e-mail",
        "phone",
        "telephone",
        "fax",
        "attention",
        "attn",
        "notary",
        "accepted",
        "agreed",
        "acknowledged",
        "attest",
    ]
)


def _field_free(candidate: str) -> bool:
    if _ADDRESS.search(candidate):
        return False
    words = [w.strip(",.;:'’\"“”()").casefold() for w in candidate.split()]
    return bool(words) and not any(word in FIELD_WORDS for word in words)


def signature_block(text: str) -> str:
    """The names part of the signature block: after the last "IN WITNESS WHEREOF" sentence (or,
    where there is none, the contract's last words), up to an exhibit or schedule."""
    witness = list(_WITNESS.finditer(text))
    if witness:
        block = text[witness[-1].end() :]
        # The witness sentence itself ("... have caused this Agreement to be executed by their
        # duly authorized officers as of the date first written above.") is not the block.
        sentence_end = re.search(r"\.[ \t]*(?:\n|$)", block)
        block = block[sentence_end.end() :] if sentence_end else block
    else:
        block = text[-BLOCK_SIZE:]
    block = block[:BLOCK_SIZE]
    end = _BLOCK_END.search(block)
    return block[: end.start()] if end else block


def signature_names(text: str) -> list[str]:
    """Names proposed by the signature block, in reading order, not yet read as names."""
    block = signature_block(text)
    found = [m.group(1) for m in _WITH_FORM.finditer(block)]
    for above in _ABOVE_SIGNATURE.finditer(block):
        for column in _COLUMNS.split(above.group(1)):
            found.append(_LABEL.sub("", column.strip()))
    return [name.strip(" ,;:") for name in found if _field_free(name)]
