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
    return str(next(flag["evidence"] for flag in flags if flag["kind"] == kind))


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


# An inspection by a regulator is no party's audit right (CUAD dev: BellRing, a manufacturing
# agreement: a duty to report the FDA's findings, then the buyer's right to audit the records).
FDA_FINDINGS = (
    "Heritage agrees to disclose to Premier and provide a list, upon request, of any material "
    "violations or deficiencies noted during any inspection by the FDA, United States "
    "Department of Agriculture, PHS, or any other federal, state or local health or food "
    "regulatory agency of the Heritage Facilities."
)
RIGHT_TO_AUDIT = (
    "Premier, shall have the right, directly or through its representative, to inspect, copy, "
    "and audit all such records upon reasonable request and during normal business hours."
)


def test_audit_rights_are_not_quoted_from_a_regulators_inspection() -> None:
    text = f"{FDA_FINDINGS}\n\n{RIGHT_TO_AUDIT}"
    assert evidence(text, "Audit Rights") == RIGHT_TO_AUDIT


# Uncapped Liability: both clauses carve the same sections out (CUAD dev: Vitamin Shoppe, a
# sponsorship agreement); the experts quote the cap on the amount, not the exclusion of
# consequential damages before it.
NO_CONSEQUENTIAL = (
    "EXCEPT UNDER SECTIONS 13(a) AND 13(b), IN NO EVENT WILL EITHER PARTY BE LIABLE TO THE OTHER "
    "FOR ANY SPECIAL, INCIDENTAL OR CONSEQUENTIAL DAMAGES, WHETHER BASED ON BREACH OF CONTRACT, "
    "TORT (INCLUDING NEGLIGENCE) OR OTHERWISE."
)
CAPPED_AMOUNT = (
    "EXCEPT UNDER SECTIONS 13(a) AND 13(b), THE LIABILITY OF EITHER PARTY FOR DAMAGES OR ALLEGED "
    "DAMAGES HEREUNDER, WHETHER IN CONTRACT, TORT OR ANY OTHER LEGAL THEORY, IS LIMITED TO, AND "
    "WILL NOT EXCEED, THE AMOUNTS TO BE PAID BY CLIENT TO EXCITE HEREUNDER."
)


def test_uncapped_liability_is_quoted_from_the_cap_on_the_amount_it_carves_out_of() -> None:
    text = f"LIMITATION OF LIABILITY\n\n{NO_CONSEQUENTIAL}\n\n{CAPPED_AMOUNT}"
    assert evidence(text, "Uncapped Liability") == CAPPED_AMOUNT


# A recital tells what the parties did or want; the operative clause commits them (CUAD dev:
# Vertex Energy, a marketing agreement: recital D, then the exclusive co-operation clause).
RECITAL_D = (
    "D. The overall objective of the Original COOA was to give the Parties the opportunity to "
    "further expand their business, where (iv) Bunker One was the exclusive seller of the "
    "Product to third parties."
)
EXCLUSIVELY_BY = (
    "All sales towards customers for bunker fuel will be carried out exclusively by Bunker One "
    "in accordance to the terms set forth herein."
)


def test_a_lettered_recital_is_evidence_only_when_no_operative_clause_is() -> None:
    text = f"WHEREAS:\n\n{RECITAL_D}\n\nEXCLUSIVE CO-OPERATION:\n\n{EXCLUSIVELY_BY}"
    assert evidence(text, "Exclusivity") == EXCLUSIVELY_BY
    assert evidence(f"WHEREAS:\n\n{RECITAL_D}", "Exclusivity") in RECITAL_D


# A definition numbered as a section (CUAD dev: King Pharmaceuticals, 'Section 1.32 "Depomed
# Supply Failure" means ...') is never evidence; the option granted later is.
SECTION_DEFINITION = (
    'Section 1.32 "Supply Failure" means the failure to fill orders, provided that any back-up '
    "manufacturing rights in favor of Depomed pursuant to any exclusive supply arrangement are "
    "applicable."
)
EXCLUSIVE_OPTION = (
    "(a) Depomed agrees to grant and hereby grants to King an exclusive option to obtain an "
    "exclusive license in the Territory to certain of Depomed's proprietary drug delivery "
    "technology."
)


def test_a_definition_numbered_as_a_section_is_not_evidence() -> None:
    text = f"{SECTION_DEFINITION}\n\n{EXCLUSIVE_OPTION}"
    assert evidence(text, "Exclusivity") == EXCLUSIVE_OPTION


# A franchise's defined "Transfer" (CUAD dev: PF Hospitality, a franchise agreement): a data
# clause that mentions the consent section, then the prohibition the experts quote.
TRANSFER_OF_DATA = (
    "However, if you Transfer the Franchised Business (as provided in Section 14.2 [No Transfer "
    "without Our Prior Written Consent] below), as part of the Transfer, you may Transfer use of "
    "the Customer Data to the buyer for value."
)
NO_TRANSFER = (
    "Neither you nor any of the Owners may make any Transfer or permit any Transfer to occur "
    "without obtaining our prior written consent."
)


def test_anti_assignment_is_quoted_where_no_transfer_may_be_made_without_consent() -> None:
    text = f"{TRANSFER_OF_DATA}\n\n{NO_TRANSFER}"
    assert evidence(text, "Anti-Assignment") == NO_TRANSFER
