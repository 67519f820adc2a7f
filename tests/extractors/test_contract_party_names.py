"""A party's name ends where the name ends: not at the next party's, not past an address, so
the rules' summary holds the legal schema's limits without cutting anything (real texts)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from extractors.llm.rules import legal
from extractors.llm.rules.contract_parties import parties
from extractors.llm.rules.contract_text import clauses
from schemas.outputs.legal import LegalOutput

NDAS = Path(__file__).parents[1] / "data" / "nda_summaries"
DEV = sorted(name for name, label in json.loads((NDAS / "labels.json").read_text()).items()
             if label["split"] == "dev")  # fmt: skip


def party_names(text: str) -> list[str]:
    return [name for name, _ in parties(clauses(text), text)]


def test_two_companies_defined_together_are_not_one_name() -> None:
    # A real NDA of the dev part: a receiver "of Phenomenome Discoveries Inc. and Phenomenome
    # Laboratory Services Inc. (collectively "Phenomenome" ...)".
    text = (NDAS / "documents" / "nda-1d71dea08a.txt").read_text()
    names = party_names(text)
    assert names[0] == "FTI CONSULTING CANADA INC."
    assert all(" and " not in name for name in names)


# Preambles of two CUAD contracts (dev part; CC BY 4.0, see tests/data/cuad_real/NOTICE): the
# first party's address runs up to ", and" and the second party's name.
INKTOMI = (
    'INKTOMI CORPORATION ("Inktomi"), a California corporation, 1900 South Norfolk Street, Suite '
    '110, San Mateo, California 94403, and MICROSOFT CORPORATION ("Microsoft"), a Washington '
    "Corporation, One Microsoft Way, Redmond, Washington 98052-6399, with reference to the facts "
    "set forth in the Recitals below."
)
XENCOR = (
    'This Collaboration Agreement ("Agreement") is made by and among     Xencor, Inc.  111 W. '
    'Lemon Ave. Monrovia, CA 91016 USA\n\n(hereinafter called "XENCOR"),   and   Boehringer '
    "Ingelheim International GmbH   Binger Straße 173 55216 Ingelheim Germany   (hereinafter "
    'called "BII")'
)


@pytest.mark.parametrize(
    ("preamble", "expected"),
    [
        (INKTOMI, ["INKTOMI CORPORATION", "MICROSOFT CORPORATION"]),
        (XENCOR, ["Xencor, Inc.", "Boehringer Ingelheim International GmbH"]),
    ],
)
def test_a_name_ends_before_the_address_and_the_next_party(
    preamble: str, expected: list[str]
) -> None:
    assert party_names(preamble) == expected


@pytest.mark.parametrize("name", DEV)
def test_the_rules_summary_of_a_real_nda_fits_the_legal_schema_uncut(name: str) -> None:
    text = (NDAS / "documents" / name).read_text()
    output = legal.extract(text)
    LegalOutput.model_validate(output)
    assert output["parties"] == party_names(text)
