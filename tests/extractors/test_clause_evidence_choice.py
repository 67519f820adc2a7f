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


# Two clauses of one CUAD dev contract (QuantumGroup, IBM services): a consent about an IP
# address "assigned to the Customer", then the assignment clause an expert quotes.
IP_ADDRESS = (
    "During the term IBM shall not change the public IP address(s) assigned to the Customer "
    "without the Customer's prior written consent."
)
NEITHER_MAY_ASSIGN = (
    "Neither party may assign this Agreement, in whole or in part, without the prior written "
    "consent of the other."
)


def test_anti_assignment_is_quoted_where_neither_party_may_assign_the_agreement() -> None:
    text = f"{IP_ADDRESS}\n\n{NEITHER_MAY_ASSIGN}"
    assert evidence(text, "Anti-Assignment") == NEITHER_MAY_ASSIGN


# A cap that "in the aggregate exceeds the amount paid" (CUAD dev: an agency agreement), after an
# indemnity's limit on attorneys' fees that mentions liability.
ATTORNEYS = (
    "In no event shall the indemnifying parties be liable for the fees and expenses of more than "
    "one separate firm of attorneys for each indemnified party in connection with any one action."
)
AGGREGATE_CAP = (
    "It is expressly agreed that the Agent shall not be liable for any loss, liability, claim, "
    "damage or expense or be required to contribute any amount which in the aggregate exceeds "
    "the amount paid (excluding reimbursable expenses) to the Agent under this Agreement."
)


def test_a_cap_is_quoted_where_liability_in_the_aggregate_exceeds_an_amount() -> None:
    text = f"{ATTORNEYS}\n\n{AGGREGATE_CAP}"
    assert evidence(text, "Cap On Liability") == AGGREGATE_CAP


# Audit Rights: the right "at its own expense, during normal business hours ..., to" audit, not
# a duty to keep records (CUAD dev: TubeMedia, the records clause, then the audit right).
KEEP_RECORDS = (
    "(i) During the Term and for one (1) year thereafter, Network shall maintain accurate and "
    "complete books and records that shall contain sufficient information to enable an auditor "
    "to verify, for the period under audit, the amounts paid by Network to Affiliate hereunder."
)
RIGHT_TO_EXAMINE = (
    "Upon not less than thirty (30) days' prior written notice, Affiliate shall have the right, "
    "at its sole cost and expense, during the Term and for one (1) year thereafter, to examine "
    "during normal business hours the books and records of Network."
)


def test_audit_rights_are_quoted_where_a_party_has_the_right_to_examine() -> None:
    text = f"{KEEP_RECORDS}\n\n{RIGHT_TO_EXAMINE}"
    assert evidence(text, "Audit Rights") == RIGHT_TO_EXAMINE
