"""Of several clauses a category's rules accept, the evidence is the one an expert quotes.
Clauses from CUAD dev contracts (CC BY 4.0, see tests/data/cuad_real/NOTICE), in their order."""

from __future__ import annotations

from extractors.llm.rules import legal

REPRESENTATION = (
    "This Agreement has been duly authorized, executed and delivered by the Company and is a "
    "valid and binding agreement on the part of the Company, enforceable against the Company in "
    "accordance with its terms subject to bankruptcy, insolvency, fraudulent transfer, "
    "reorganization, moratorium and similar laws of general applicability relating to or "
    "affecting creditors' rights and to general principles of equity."
)
GOVERNING = (
    "This Agreement shall be governed by and construed in accordance with the laws of the State "
    "of Minnesota, without regard to conflict of law principles."
)
ASSIGNMENT = (
    "20.10 Assignment.\n\nThis Agreement may not be assigned by either party without the express "
    "written consent of the other party, which approval will not be unreasonably withheld or "
    "delayed, except that either party may (without consent but with notice to the other party) "
    "assign this Agreement in its entirety to any successor in the event of a Change of Control "
    "of such party."
)
TERMINATION = (
    "(ii) ENERGOUS will have the right to terminate this Agreement immediately upon the issuance "
    "of written notice to DIALOG (A) if DIALOG undergoes a Change of Control involving a "
    "competitor of ENERGOUS (as reasonably determined by ENERGOUS), or (B) if DIALOG or any of "
    "its Affiliates acquires, whether directly or indirectly through a sale of assets or a Change "
    "of Control transaction or otherwise, any competitor of ENERGOUS."
)


def evidence(text: str, kind: str) -> str:
    flags = legal.extract(text)["clause_flags"]
    return next(flag["evidence"] for flag in flags if flag["kind"] == kind)


def test_governing_law_is_quoted_where_governed_reaches_the_laws() -> None:
    text = f"{REPRESENTATION}\n\n{GOVERNING}"
    assert evidence(text, "Governing Law") == GOVERNING


def test_change_of_control_is_quoted_from_the_right_to_terminate_on_it() -> None:
    text = f"{TERMINATION}\n\n{ASSIGNMENT}"
    quoted = evidence(text, "Change Of Control")
    assert quoted in TERMINATION and "undergoes a Change of Control" in quoted
