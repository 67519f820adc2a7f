"""The document kinds of the held-out redaction corpus, and `generate`."""

from __future__ import annotations

from collections.abc import Callable

from corpora.annotated import AnnotatedDocument
from corpora.redaction_heldout.parts import (
    _BANK_FORMS,
    _CLINICAL_DECOYS,
    _DIAGNOSES,
    _DRUGS,
    _FACILITY_FORMS,
    _FINANCE_DECOYS,
    _HOSPITAL_FORMS,
    _LEGAL_DECOYS,
    _SAMPLE_SSNS,
    _TRIAGE_COMPLAINTS,
    _TRIAGE_VITALS,
    Composer,
    Parts,
    _ascii,
)

DEFAULT_SEED = 90514
DEFAULT_COUNT = 180


class Generator(Parts):
    def clinical_note(self, doc_id: str) -> AnnotatedDocument:
        r, c = self.rng, self.composer()
        pt, doc = self.person(), self.person()
        clinic = self.organization(_HOSPITAL_FORMS)
        c.entity(clinic, "ORGANIZATION").text("\n")
        self.header(c, r.choice(("Progress Note", "Clinic Visit Note", "History and Physical")))
        fields: list[Callable[[], object]] = [
            lambda: (c.text(r.choice(("Patient: ", "Pt name: ", "Name of patient: "))),
                     self.name(c, pt), c.text("\n")),
            lambda: (c.text(r.choice(("MRN: ", "Med Rec #: ", "MR#: ", "Medical Record Number "))),
                     c.entity(self.mrn(), "MEDICAL_RECORD_NUMBER"), c.text("\n")),
            lambda: (c.text(r.choice(("DOB: ", "Date of birth: ", "D.O.B. "))),
                     c.entity(self.date(1925, 2010), "DATE"), c.text("\n")),
            lambda: (c.text(r.choice(("Visit date: ", "Seen on ", "Date of service: "))),
                     c.entity(self.date(2019, 2025), "DATE"), c.text("\n")),
            lambda: (c.text(r.choice(("Home phone: ", "Tel: ", "Phone "))),
                     c.entity(self.phone(), "PHONE_NUMBER"), c.text("\n")),
            lambda: (c.text("Address: "), self.address(c, pt), c.text("\n")),
            lambda: (c.text(r.choice(("Insurance member ID: ", "Medicare ID: ", "Health plan no. "))),
                     c.entity(self.health_plan(), "HEALTH_PLAN_NUMBER"), c.text("\n")),
        ]  # fmt: skip
        r.shuffle(fields)
        for add in fields[: r.randint(5, len(fields))]:
            add()
        c.text("\n")
        age = r.choice((r.randint(18, 89), r.randint(90, 104)))
        c.text(r.choice(("The patient is a ", "Pt is a ", "This is a ")))
        c.entity(str(age), "AGE_OVER_89" if age >= 90 else "AGE")
        c.text(r.choice(("-year-old", " year old", " y/o")))
        c.text(f" {r.choice(('woman', 'man', 'patient'))} seen for {r.choice(_DIAGNOSES)}. ")
        c.text(r.choice(("Accompanied by her daughter ", "Her husband ", "His son ")))
        self.name(c, self.person())
        c.text(r.choice((", who can be reached at ", " (cell ")))
        c.entity(self.phone(), "PHONE_NUMBER")
        c.text(r.choice((".", ").")) + " Continue " + r.choice(_DRUGS) + ". ")
        c.text(self.decoys(_CLINICAL_DECOYS))
        c.text("Follow up with Dr. ")
        c.entity(doc.last, "PERSON")
        c.text(" at " if r.random() < 0.5 else " in clinic at ")
        c.entity(clinic, "ORGANIZATION")
        c.text(" in two weeks.\n\n")
        if r.random() < 0.6:  # 0.4 until triage notes took a sixth of the documents
            c.text("Implanted device: pacemaker, serial no. ")
            c.entity(self.serial(), "DEVICE_ID")
            c.text(". ")
        if r.random() < 0.5:
            c.text("Patient portal: ")
            c.entity(self.url(pt), "URL")
            c.text(" ")
        c.text("\n\nElectronically signed by ")
        self.name(c, doc)
        c.text(r.choice((", MD", ", DO", " MD", ", NP")) + " on ")
        c.entity(self.date(2020, 2025), "DATE")
        c.text("\n")
        if r.random() < 0.5:
            c.text("Fax ")
            c.entity(self.phone(), "FAX_NUMBER")
            c.text(" | ")
            c.entity(doc.email, "EMAIL_ADDRESS")
            c.text("\n")
        return c.document(doc_id)

    def discharge_letter(self, doc_id: str) -> AnnotatedDocument:
        r, c = self.rng, self.composer()
        pt, doc, gp = self.person(), self.person(), self.person()
        hosp = self.organization(_HOSPITAL_FORMS)
        c.entity(hosp, "ORGANIZATION").text("\n")
        self.address(c, self.person(), sep="\n")
        c.text("\nTel ")
        c.entity(self.phone(), "PHONE_NUMBER")
        c.text(r.choice(("   Fax ", " / fax: ", "\nFacsimile: ")))
        c.entity(self.phone(), "FAX_NUMBER")
        c.text("\n\n")
        c.entity(self.date(2021, 2025), "DATE")
        c.text("\n\nDear Dr. ")
        c.entity(gp.last, "PERSON")
        c.text(",\n\nRe: ")
        self.name(c, pt)
        c.text(r.choice((", born ", ", DOB ")))
        c.entity(self.date(1920, 2005), "DATE")
        c.text(r.choice((", hospital no. ", ", MRN ", ", Med Rec # ")))
        c.entity(self.mrn(), "MEDICAL_RECORD_NUMBER")
        c.text("\n\nI reviewed your patient, who was admitted on ")
        c.entity(self.date(2021, 2025), "DATE")
        c.text(f" with {r.choice(_DIAGNOSES)} and discharged on ")
        c.entity(self.date(2021, 2025), "DATE")
        c.text(". ")
        if r.random() < 0.5:
            age = r.randint(90, 103)
            c.text(r.choice(("At age ", "Aged ")))
            c.entity(str(age), "AGE_OVER_89")
            c.text(" she remains independent at home in ")
            c.entity(pt.city, "LOCATION")
            c.text(". ")
        c.text(f"Please continue {r.choice(_DRUGS)}. She lives with ")
        self.name(c, self.person())
        c.text(", her carer, at ")
        self.address(c, pt)
        c.text(". The district nurse can reach the family on ")
        c.entity(self.phone(), "PHONE_NUMBER")
        c.text(" or by e-mail at ")
        c.entity(pt.email, "EMAIL_ADDRESS")
        c.text(".\n\nYours sincerely,\n\n\n")
        self.name(c, doc)
        c.text("\nConsultant Physician, ")
        c.entity(hosp, "ORGANIZATION")
        c.text("\nState license no. ")
        c.entity(self.licence(), "LICENSE_NUMBER")
        c.text("\ncc: ")
        self.name(c, gp)
        c.text(", ")
        c.entity(self.organization(_HOSPITAL_FORMS), "ORGANIZATION")
        c.text("\n")
        return c.document(doc_id)

    def bank_statement(self, doc_id: str) -> AnnotatedDocument:
        r, c = self.rng, self.composer()
        who = self.person()
        bank = self.organization(_BANK_FORMS)
        c.entity(bank, "ORGANIZATION").text("\n")
        self.header(c, r.choice(("Account Statement", "Monthly Statement", "Statement of Account")))
        self.name(c, who)
        c.text("\n")
        self.address(c, who, sep="\n")
        c.text(
            "\n\n" + r.choice(("Account number: ", "Acct #: ", "Account No. ", "ACCOUNT NUMBER "))
        )
        c.entity(self.account(), "ACCOUNT_NUMBER")
        c.text("\nStatement period: ")
        c.entity(self.date(2023, 2025), "DATE")
        c.text(" to ")
        c.entity(self.date(2023, 2025), "DATE")
        c.text("\n" + r.choice(("IBAN: ", "IBAN ")))
        # Faker's en_NZ, en_IN and sv_SE IBANs are malformed GB ones: use countries it gets right.
        iban = self.fakers[self.rng.choice(("en_IE", "pt_BR", "pl_PL"))].iban()
        c.entity(str(iban), "IBAN_CODE")
        c.text("\n\nDate        Description                          Amount\n")
        for _ in range(r.randint(3, 7)):
            c.entity(self.date(2024, 2025), "DATE")
            kind = r.random()
            if kind < 0.3:
                c.text("  Transfer to ")
                self.name(c, self.person(), label_case=False)
                c.text(" acct ")
                c.entity(self.account(), "ACCOUNT_NUMBER")
            elif kind < 0.6:
                c.text("  Card purchase ")
                c.entity(self.organization(), "ORGANIZATION")
            else:
                c.text(r.choice(("  Direct deposit payroll", "  ATM withdrawal", "  Service fee")))
            c.text(f"    {r.randint(-900, 4000)}.{r.randint(0, 99):02d}\n")
        c.text("\n" + self.decoys(_FINANCE_DECOYS) + "\nQuestions? Call ")
        c.entity(self.phone(), "PHONE_NUMBER")
        c.text(" or write to ")
        c.entity(f"support@{_ascii(bank.split()[0]) or 'bank'}.com", "EMAIL_ADDRESS")
        c.text(".\nOnline banking login from ")
        c.entity(self.ip(), "IP_ADDRESS")
        c.text(" on ")
        c.entity(self.date(2024, 2025), "DATE")
        c.text(".\n")
        if r.random() < 0.5:
            c.text("Card on file: ")
            c.entity(self.card(), "CREDIT_CARD")
            c.text("\n")
        return c.document(doc_id)

    def loan_letter(self, doc_id: str) -> AnnotatedDocument:
        r, c = self.rng, self.composer()
        who, officer = self.person(), self.person()
        bank = self.organization(_BANK_FORMS)
        c.entity(bank, "ORGANIZATION").text("\n")
        c.entity(self.date(2023, 2025), "DATE").text("\n\n")
        self.name(c, who)
        c.text("\n")
        self.address(c, who, sep="\n")
        c.text("\n\nLoan number: " if r.random() < 0.5 else "\n\nRe: your application, loan no. ")
        c.entity(self.account(), "ACCOUNT_NUMBER")
        c.text(f"\n\nDear {r.choice(('Mr.', 'Ms.', 'Mx.'))} ")
        c.entity(who.last, "PERSON")
        c.text(",\n\nWe are pleased to confirm that your loan of $")
        c.text(f"{r.randint(5, 400) * 1000:,} was approved on ")
        c.entity(self.date(2024, 2025), "DATE")
        c.text(". Repayments will be taken from the account ending ")
        c.entity(f"{r.randint(0, 9999):04d}", "ACCOUNT_NUMBER")
        c.text(". We verified your identity using SSN ")
        c.entity(self.ssn(), "US_SSN")
        c.text(r.choice((" and driver's license ", " and your driver license number ")))
        c.entity(self.licence(), "LICENSE_NUMBER")
        c.text(". ")
        if r.random() < 0.6:
            c.text("The vehicle (VIN ")
            c.entity(self.vin(), "VEHICLE_ID")
            c.text(r.choice((", license plate ", ", plate no. ", ", registration ")))
            c.entity(self.plate(), "VEHICLE_ID")
            c.text(") secures the loan. ")
        c.text(self.decoys(_FINANCE_DECOYS) + "Your employer, ")
        c.entity(self.organization(), "ORGANIZATION")
        c.text(", confirmed your income.\n\nContact ")
        self.name(c, officer)
        c.text(" at ")
        c.entity(officer.email, "EMAIL_ADDRESS")
        c.text(" or ")
        c.entity(self.phone(), "PHONE_NUMBER")
        c.text(".\n\nSincerely,\n")
        self.name(c, officer)
        c.text("\nLoan Officer\n")
        return c.document(doc_id)

    def contract(self, doc_id: str) -> AnnotatedDocument:
        r, c = self.rng, self.composer()
        a, b = self.person(), self.person()
        org = self.organization()
        self.header(c, r.choice(("Mutual Non-Disclosure Agreement", "Consulting Agreement",
                                 "Confidentiality Agreement")))  # fmt: skip
        c.text("This Agreement is made on ")
        c.entity(self.date(2022, 2025), "DATE")
        c.text(" between ")
        c.entity(org, "ORGANIZATION")
        c.text(", with offices at ")
        self.address(c, self.person())
        c.text(' (the "Company"), and ')
        self.name(c, a)
        c.text(", residing at ")
        self.address(c, a)
        c.text(
            ' (the "Recipient").\n\n1. Confidential Information. The Recipient shall hold in '
            "confidence all information disclosed by the Company.\n2. Term. This Agreement "
            "remains in force for three years.\n"
        )
        c.text(self.decoys(_LEGAL_DECOYS) + "\n3. Notices. Notices to the Company go to ")
        self.name(c, b)
        c.text(" at ")
        c.entity(b.email, "EMAIL_ADDRESS")
        c.text(r.choice((", telephone ", ", tel. ", ", phone: ")))
        c.entity(self.phone(), "PHONE_NUMBER")
        c.text(".\n4. Payment. Fees are paid to account ")
        c.entity(self.account(), "ACCOUNT_NUMBER")
        c.text(" at ")
        c.entity(self.organization(_BANK_FORMS), "ORGANIZATION")
        c.text(".\n\nIN WITNESS WHEREOF the parties sign below.\n\n")
        c.text("COMPANY: ")
        c.entity(org, "ORGANIZATION")
        c.text("\nBy: ")
        self.name(c, b)
        c.text("    Date: ")
        c.entity(self.date(2022, 2025), "DATE")
        c.text("\n\nRECIPIENT\nSignature: ______________\nPrinted name: ")
        self.name(c, a)
        c.text("\nSSN (for tax reporting): ")
        c.entity(self.ssn(), "US_SSN")
        c.text("\n")
        return c.document(doc_id)

    def triage_note(self, doc_id: str) -> AnnotatedDocument:
        """An emergency triage note: labelled ids of any shape, sample SSNs, names in running
        text, "Surname, Given", initials with a surname, numbered streets, facility names;
        and vital signs, abbreviations and drugs, which are not identifiers."""
        r, c = self.rng, Composer(self.rng)  # typed, not scanned: no OCR noise
        pt, doc, friend = self.person(), self.person(), self.person()
        facility = self.organization(_FACILITY_FORMS)
        c.entity(facility, "ORGANIZATION").text("\nTRIAGE NOTE\n\n")
        c.text("Patient: ").entity(f"{pt.last}, {pt.first}", "PERSON").text("\n")
        mrn = r.choice((("MRN #", "hash-mrn"), ("Medical record ", "digits-letters"),
                        ("Patient ID: ", "letters-digits"), ("Record #", "hash-mrn")))  # fmt: skip
        c.text(mrn[0]).entity(self._labelled_id(mrn[1]), "MEDICAL_RECORD_NUMBER").text("\n")
        c.text(r.choice(("Member ID: ", "Health plan ID: ", "Plan no. ")))
        c.entity(self._labelled_id("plan"), "HEALTH_PLAN_NUMBER").text("\n")
        c.text("SSN: ").entity(r.choice(_SAMPLE_SSNS), "US_SSN").text("\n")
        c.text(r.choice(("Account ", "Billing account: ", "Acct # ")))
        c.entity(self._labelled_id("account"), "ACCOUNT_NUMBER").text("\n\n")
        c.text(f"CC: {r.choice(_TRIAGE_COMPLAINTS)}.\n")
        vitals = r.choice(_TRIAGE_VITALS).format(
            s=r.randint(80, 190), d=r.randint(45, 110), hr=r.randint(48, 140),
            rr=r.randint(10, 32), t=f"{r.randint(35, 40)}.{r.randint(0, 9)}", o2=r.randint(84, 100),
        )  # fmt: skip
        c.text(vitals + f" K {r.randint(3, 6)}.{r.randint(0, 9)} mmol/L.\n")
        c.text(f"Given {r.choice(_DRUGS)}. ")
        c.text(f"We discussed the {r.choice(('lung cancer', 'dialysis', 'COPD'))} patient, ")
        c.entity(f"{friend.first} {friend.last}", "PERSON")
        c.text(", who shares her room, with the charge nurse. Seen by Dr. ")
        c.entity(f"{doc.first[0]}. {doc.last}", "PERSON")
        c.text(".\nHome: ")
        n = r.randint(1, 99)
        ordinal = (
            f"{n}{'th' if 10 <= n % 100 <= 20 else {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th')}"
        )
        street = f"{r.randint(1, 999)} {ordinal} {r.choice(('Avenue', 'Street', 'St', 'Ave'))}"
        c.entity(street, "ADDRESS").text(", ")
        c.entity(pt.city, "LOCATION").text(f", {pt.state} ").entity(pt.zip, "ZIP")
        c.text(f"\nTransfer to {r.choice(('the cath lab', 'the ICU', 'CT'))} at ")
        c.entity(facility, "ORGANIZATION").text(".\n")
        return c.document(doc_id)

    def document(self, number: int) -> AnnotatedDocument:
        kinds = (
            ("clinical-note", self.clinical_note),
            ("discharge-letter", self.discharge_letter),
            ("bank-statement", self.bank_statement),
            ("loan-letter", self.loan_letter),
            ("contract", self.contract),
            ("triage-note", self.triage_note),
        )
        name, make = kinds[number % len(kinds)]
        return make(f"{number:04d}-{name}")


def generate(count: int = DEFAULT_COUNT, seed: int = DEFAULT_SEED) -> list[AnnotatedDocument]:
    generator = Generator(seed)
    return [generator.document(number) for number in range(count)]
