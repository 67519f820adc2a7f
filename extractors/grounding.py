"""Every free-text field of an output must come from the redacted text, whatever the backend.

A small model under a schema constraint still writes fluent text that is not in the document
("chief complaint: coughing" for a note about chest pain). Constrained decoding guarantees the
shape, not the content; this module checks the content.

Stated normalisation, and nothing more:
- text fields (chief complaint, diagnoses, medications; purpose, missing documents, issuer,
  reporting period; parties, party roles, effective date, governing law, venue, term, renewal): the value occurs in the text after both are case-folded and every
  whitespace run is collapsed to one space (so line wraps and capitals do not matter);
- amounts (the finance schema's decimal strings): some number written in the text has the same
  value once thousands separators, a currency sign and trailing zero cents are ignored
  ("$12,500" grounds "12500.00").
Empty values and None say nothing and need no grounding.

Repeated list items (same value under the same normalisation) are dropped, keeping the first:
a small model loops, and a list of twelve identical medications is one medication.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Any

from extractors.domains import domain_specs
from schemas.document import Domain

# Which fields each domain grounds is declared in its module under extractors/domains/.
TEXT_FIELDS: dict[Domain, tuple[str, ...]] = {
    spec.name: spec.grounded_text_fields for spec in domain_specs()
}
AMOUNT_FIELDS: dict[Domain, tuple[str, ...]] = {
    spec.name: spec.grounded_amount_fields for spec in domain_specs()
}
_SPACE = re.compile(r"\s+")
_NUMBER = re.compile(r"(?<![\w.])\d{1,3}(?:,\d{3})+(?:\.\d+)?|(?<![\w.,])\d+(?:\.\d+)?")


def normalise(text: str) -> str:
    return _SPACE.sub(" ", text.casefold()).strip()


def _amounts_in(text: str) -> set[Decimal]:
    found: set[Decimal] = set()
    for match in _NUMBER.finditer(text):
        try:
            found.add(Decimal(match.group(0).replace(",", "")))
        except InvalidOperation:  # pragma: no cover - the pattern only matches numbers
            continue
    return found


def _values(output: dict[str, Any], field: str) -> list[tuple[str, str]]:
    value = output.get(field)
    if isinstance(value, list):
        return [(f"{field}[{i}]", str(v)) for i, v in enumerate(value)]
    return [(field, str(value))] if value is not None else []


def ungrounded_fields(domain: Domain, output: dict[str, Any], redacted_text: str) -> list[str]:
    """Paths of the fields (e.g. 'medications[2]') whose value the text does not contain."""
    text = normalise(redacted_text)
    missing: list[str] = []
    for field in TEXT_FIELDS[domain]:
        for path, value in _values(output, field):
            if normalise(value) and normalise(value) not in text:
                missing.append(path)
    amounts: set[Decimal] | None = None
    for field in AMOUNT_FIELDS[domain]:
        for path, value in _values(output, field):
            amounts = _amounts_in(redacted_text) if amounts is None else amounts
            if Decimal(value) not in amounts:
                missing.append(path)
    return missing


def without_repeats(output: dict[str, Any]) -> dict[str, Any]:
    """The output with repeated items of its plain-text lists dropped (first kept)."""
    cleaned: dict[str, Any] = {}
    for key, value in output.items():
        if isinstance(value, list) and all(isinstance(item, str) for item in value):
            seen: set[str] = set()
            items = []
            for item in value:
                if normalise(item) not in seen:
                    seen.add(normalise(item))
                    items.append(item)
            value = items
        cleaned[key] = value
    return cleaned
