"""The held-out evaluation corpus: synthetic annotated documents the NER never trained on.

Separate code from the NER's training generator (training/ner), with its own document
kinds and phrasing and other Faker locales (en_IE, en_NZ, en_IN, pt_BR, pl_PL, sv_SE) and
seeds, so the figures measure generalisation, not memory. Every label's offsets are recorded
while the text is composed, never found by searching afterwards. Some OCR-like noise (doubled
spaces, broken words, upper-case headers) goes into the text between identifiers.
"""

from __future__ import annotations

import random
import string
from collections.abc import Callable
from dataclasses import dataclass, field

from faker import Faker

from corpora.annotated import AnnotatedDocument, GoldSpan

LOCALES: tuple[str, ...] = ("en_IE", "en_NZ", "en_IN", "pt_BR", "pl_PL", "sv_SE")
DEFAULT_SEED = 90514
DEFAULT_COUNT = 180

_STATES = ("MA", "NY", "CA", "TX", "OH", "WA", "IL", "PA", "GA", "MN", "OR", "NC", "AZ", "CO")
_SUFFIXES = ("Street", "St.", "Avenue", "Ave", "Road", "Rd.", "Lane", "Drive", "Dr.", "Court",
             "Way", "Place", "Boulevard", "Blvd", "Terrace", "Circle")  # fmt: skip
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")  # fmt: skip
_DIAGNOSES = ("community-acquired pneumonia", "type 2 diabetes mellitus", "atrial fibrillation",
              "acute pancreatitis", "cellulitis of the left leg", "COPD exacerbation",
              "urinary tract infection", "congestive heart failure", "a hip fracture")  # fmt: skip
_DRUGS = ("metformin 500 mg twice daily", "apixaban 5 mg twice daily", "furosemide 40 mg daily",
          "amoxicillin 875 mg every 12 hours", "atorvastatin 20 mg at night",
          "lisinopril 10 mg daily", "insulin glargine 18 units at bedtime")  # fmt: skip
_HOSPITAL_FORMS = ("{city} General Hospital", "St. {last} Medical Centre",
                   "{last} Memorial Hospital", "{city} Regional Medical Center",
                   "{last} Family Practice", "{city} Cardiology Associates")  # fmt: skip
_FACILITY_FORMS = ("{city} Heart Institute", "{last} Clinic", "{city} Medical Center",
                   "St. {last}'s Hospital", "{last} Cancer Institute", "{city} Children's Hospital")  # fmt: skip
# Well-known sample SSNs that Presidio discards as test numbers; a document is no test fixture.
_SAMPLE_SSNS = ("123-45-6789", "078-05-1120", "219-09-9999", "457-55-5462")
_TRIAGE_VITALS = ("BP {s}/{d}, HR {hr}, RR {rr}, Temp {t}, SpO2 {o2}%.",
                  "Vitals: T {t} C, P {hr}, BP {s}/{d}, RR {rr}, SpO2 {o2}% on room air, GCS 15.",
                  "BP {s}/{d}  HR {hr}  RR {rr}  SpO2 {o2}%  Temp {t}")  # fmt: skip
_TRIAGE_COMPLAINTS = ("CP radiating to the left arm, SOB", "AMS since this morning, N/V x2",
                      "SOB and productive cough for 3 days", "CP and diaphoresis for 2 hours")  # fmt: skip
_BANK_FORMS = ("{last} Savings Bank", "{city} Credit Union", "First {city} Bank",
               "{last} & {last2} Trust Company", "{city} Mutual")  # fmt: skip


_CLINICAL_DECOYS = ("Labs: Na 13{c}, K 4.{c}, creatinine 1.{c} mg/dL, HbA1c 7.{c}%.",
                    "BP 1{a}/8{c}, HR {a}, SpO2 9{c}% on room air.", "ICD-10 J18.{c}; CPT 9921{c}.",
                    "Admitted to room {b}, bed {c}.", "Weight {a}.{c} kg; BMI 2{c}.{c}.",
                    "Lot number of the vaccine recorded in the chart.",
                    "Ejection fraction 4{c}% on echo; QTc 4{a} ms.")  # fmt: skip
_FINANCE_DECOYS = ("Interest rate {c}.{a}% APR over {a} months.", "Page {c} of {c}.",
                   "Total fees: ${b}.{a}.", "Minimum payment due: ${b}.00.",
                   "Form 1099-INT will be issued.", "Reference FAQ section {c}.{c}.")  # fmt: skip
_LEGAL_DECOYS = ("See Section {c}.{c} and Exhibit {c}.", "Clause {a}(b) survives termination.",
                 "Governed by 1{a} U.S.C. § {b}.", "A fee of ${b},000 applies per breach.",
                 "Notice period: {a} business days.")  # fmt: skip


@dataclass
class Composer:
    """Text built piece by piece; labelled pieces record their own offsets."""

    rng: random.Random
    noise: float = 0.0
    parts: list[str] = field(default_factory=list)
    spans: list[GoldSpan] = field(default_factory=list)
    length: int = 0

    def text(self, value: str) -> Composer:
        if self.noise:
            value = _ocr_noise(value, self.rng, self.noise)
        self.parts.append(value)
        self.length += len(value)
        return self

    def entity(self, value: str, label: str) -> Composer:
        self.spans.append(GoldSpan(self.length, self.length + len(value), label))
        self.parts.append(value)
        self.length += len(value)
        return self

    def document(self, doc_id: str) -> AnnotatedDocument:
        return AnnotatedDocument(doc_id, "".join(self.parts), tuple(self.spans))


def _ocr_noise(value: str, rng: random.Random, rate: float) -> str:
    """Doubled spaces and mis-read letters in ordinary words; never touches labelled values."""
    out = []
    for char in value:
        roll = rng.random()
        if char == " " and roll < rate:
            out.append("  ")
        elif char in "lo" and roll < rate / 2:
            out.append({"l": "1", "o": "0"}[char] if rng.random() < 0.3 else char)
        elif char == "m" and roll < rate / 3:
            out.append("rn")
        else:
            out.append(char)
    return "".join(out)


class Identity:
    """One fictional person with their identifiers, from one locale."""

    def __init__(self, fake: Faker, rng: random.Random) -> None:
        self.first = fake.first_name()
        self.last = fake.last_name()
        self.full = f"{self.first} {self.last}"
        self.street = f"{rng.randint(1, 9899)} {fake.street_name()} {rng.choice(_SUFFIXES)}"
        if rng.random() < 0.3:
            self.street += rng.choice((", Apt ", " Unit ", ", Suite ", " #")) + str(
                rng.randint(1, 420)
            )
        self.city = fake.city()
        self.state = rng.choice(_STATES)
        self.zip = f"{rng.randint(1001, 99950):05d}"
        if rng.random() < 0.2:
            self.zip += f"-{rng.randint(0, 9999):04d}"
        user = rng.choice(
            (
                f"{self.first}.{self.last}",
                f"{self.first[0]}{self.last}",
                f"{self.last}{rng.randint(1, 99)}",
            )
        )
        self.email = f"{_ascii(user).lower()}@{fake.free_email_domain()}"


def _ascii(value: str) -> str:
    table = str.maketrans("ąćęłńóśźżåäöéèêáàãâíóôõúüçñ", "acelnoszzaaoeeeaaaaiooouucn")
    kept = value.lower().translate(table)
    return "".join(c for c in kept if c in string.ascii_lowercase + string.digits + "._-")


class Generator:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.fakers = {}
        for offset, locale in enumerate(LOCALES):
            fake = Faker(locale)
            fake.seed_instance(seed * 31 + offset)
            self.fakers[locale] = fake

    def decoys(self, pool: tuple[str, ...]) -> str:
        """Numbers and codes that are not identifiers: they measure over-redaction."""
        r = self.rng
        picks = r.sample(pool, k=min(len(pool), r.randint(2, 4)))
        return " ".join(p.format(a=r.randint(2, 99), b=r.randint(100, 999), c=r.randint(1, 9))
                        for p in picks) + " "  # fmt: skip

    # -- values -------------------------------------------------------------------------
    def fake(self) -> Faker:
        return self.fakers[self.rng.choice(LOCALES)]

    def person(self) -> Identity:
        return Identity(self.fake(), self.rng)

    def organization(self, forms: tuple[str, ...] | None = None) -> str:
        fake = self.fake()
        if forms is None:
            return str(fake.company())
        form = self.rng.choice(forms)
        return form.format(city=fake.city(), last=fake.last_name(), last2=fake.last_name())

    def date(self, year_from: int = 1931, year_to: int = 2025) -> str:
        r = self.rng
        y, m, d = r.randint(year_from, year_to), r.randint(1, 12), r.randint(1, 28)
        return r.choice(
            (
                f"{m:02d}/{d:02d}/{y}",
                f"{m}/{d}/{y}",
                f"{y}-{m:02d}-{d:02d}",
                f"{_MONTHS[m - 1]} {d}, {y}",
                f"{d} {_MONTHS[m - 1]} {y}",
                f"{_MONTHS[m - 1][:3]} {d}, {y}",
                f"{d:02d}.{m:02d}.{y}",
            )
        )

    def phone(self) -> str:
        r = self.rng
        area, exchange, line = r.randint(201, 989), r.randint(200, 999), r.randint(0, 9999)
        number = r.choice(
            (
                f"({area}) {exchange}-{line:04d}",
                f"{area}-{exchange}-{line:04d}",
                f"{area}.{exchange}.{line:04d}",
                f"+1 {area} {exchange} {line:04d}",
                f"+1-{area}-{exchange}-{line:04d}",
                f"1-{area}-{exchange}-{line:04d}",
                f"({area}){exchange}-{line:04d}",
            )
        )
        if r.random() < 0.12:
            number += r.choice((" ext. ", " x", " ext ", " Ext. ")) + str(r.randint(2, 9999))
        return number

    def ssn(self) -> str:
        r = self.rng
        area = r.choice([a for a in range(1, 900) if a != 666])
        group, serial = r.randint(1, 99), r.randint(1, 9999)
        sep = r.choice(("-", "-", "-", " ", ""))
        return f"{area:03d}{sep}{group:02d}{sep}{serial:04d}"

    def mrn(self) -> str:
        r = self.rng
        digits = "".join(r.choice(string.digits) for _ in range(r.randint(6, 10)))
        return r.choice((digits, digits, f"{r.choice('ABEHMKR')}{digits}", f"MRN-{digits}",
                         f"{digits[:3]}-{digits[3:5]}-{digits[5:]}"))  # fmt: skip

    def account(self) -> str:
        r = self.rng
        digits = "".join(r.choice(string.digits) for _ in range(r.randint(8, 14)))
        if r.random() < 0.3:
            return f"{digits[:4]}-{digits[4:8]}-{digits[8:]}".rstrip("-")
        return digits

    def card(self) -> str:
        number = str(self.fake().credit_card_number(card_type=self.rng.choice(
            ("visa16", "mastercard", "amex", "discover"))))  # fmt: skip
        if self.rng.random() < 0.4 and len(number) == 16:
            return " ".join(number[i : i + 4] for i in range(0, 16, 4))
        return number

    def health_plan(self) -> str:
        r = self.rng
        letters = "ACDEFGHJKMNPQRTUVWXY"
        if r.random() < 0.5:  # a Medicare Beneficiary Identifier: 1EG4-TE5-MK73
            c = [str(r.randint(1, 9)), r.choice(letters), r.choice(letters + "0123456789"),
                 str(r.randint(0, 9)), r.choice(letters), r.choice(letters + "0123456789"),
                 str(r.randint(0, 9)), r.choice(letters), r.choice(letters),
                 str(r.randint(0, 9)), str(r.randint(0, 9))]  # fmt: skip
            return "".join(c[:4]) + "-" + "".join(c[4:7]) + "-" + "".join(c[7:])
        prefix = "".join(r.choice(string.ascii_uppercase) for _ in range(3))
        return f"{prefix}{r.randint(100000000, 999999999)}"

    def licence(self) -> str:
        r = self.rng
        return r.choice((
            f"{r.choice(string.ascii_uppercase)}{r.randint(1000000, 99999999)}",
            f"S{r.randint(100, 999)}-{r.randint(1000, 9999)}-{r.randint(1000, 9999)}",
            f"{r.randint(100000000, 999999999)}",
        ))  # fmt: skip

    def vin(self) -> str:
        chars = "ABCDEFGHJKLMNPRSTUVWXYZ0123456789"
        return "".join(self.rng.choice(chars) for _ in range(17))

    def plate(self) -> str:
        r = self.rng
        up = string.ascii_uppercase
        return r.choice((
            f"{r.randint(1, 9)}{''.join(r.choice(up) for _ in range(3))}{r.randint(100, 999)}",
            f"{''.join(r.choice(up) for _ in range(3))}-{r.randint(1000, 9999)}",
            f"{''.join(r.choice(up) for _ in range(3))} {r.randint(100, 999)}",
        ))  # fmt: skip

    def serial(self) -> str:
        r = self.rng
        up = string.ascii_uppercase
        if r.random() < 0.4:  # a GS1 UDI: device identifier, expiry and serial
            return f"(01){r.randint(10**13, 10**14 - 1)}(17){r.randint(250101, 301231)}(21){r.randint(10**6, 10**8)}"
        return f"{''.join(r.choice(up) for _ in range(2))}{r.randint(10**6, 10**9)}"

    def ip(self) -> str:
        r = self.rng
        return f"{r.randint(11, 223)}.{r.randint(0, 255)}.{r.randint(0, 255)}.{r.randint(1, 254)}"

    def url(self, who: Identity) -> str:
        host = _ascii(who.last) or "portal"
        return self.rng.choice((
            f"https://www.{host}-family.net/",
            f"https://{host}.{self.rng.choice(('ie', 'co.nz', 'in', 'com.br', 'pl', 'se'))}/records",
            f"http://portal.{host}.org/patient/{self.rng.randint(1000, 99999)}",
        ))  # fmt: skip

    # -- documents ----------------------------------------------------------------------
    def composer(self) -> Composer:
        return Composer(self.rng, noise=self.rng.choice((0.0, 0.0, 0.02, 0.05)))

    def name(self, c: Composer, who: Identity, label_case: bool = True) -> Composer:
        form = self.rng.random()
        if form < 0.55:
            value = who.full
        elif form < 0.7:
            value = f"{who.last}, {who.first}"
        elif form < 0.82:
            value = f"{who.first[0]}. {who.last}"
        else:
            value = f"{who.first} {self.fake().first_name()[0]}. {who.last}"
        if label_case and self.rng.random() < 0.12:
            value = value.upper()
        return c.entity(value, "PERSON")

    def address(self, c: Composer, who: Identity, sep: str = ", ") -> Composer:
        c.entity(who.street, "ADDRESS").text(sep)
        c.entity(who.city, "LOCATION").text(f", {who.state} ")
        return c.entity(who.zip, "ZIP")

    def header(self, c: Composer, title: str) -> None:
        c.text(title.upper() if self.rng.random() < 0.5 else title)
        c.text("\n" + "=" * self.rng.randint(0, 40) + "\n")

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

    def _labelled_id(self, shape: str) -> str:
        r = self.rng
        letters = string.ascii_uppercase
        digits = string.digits

        def pick(pool: str, n: int) -> str:
            return "".join(r.choice(pool) for _ in range(n))

        return {
            "hash-mrn": f"{pick(letters, 2)}-{pick(digits, 6)}",
            "digits-letters": f"{pick(digits, 5)}{pick(letters, 2)}",
            "letters-digits": f"{pick(letters, 4)}{pick(digits, 4)}",
            "plan": f"{pick(letters, 2)}-{pick(digits, 6)}",
            "account": f"{pick(letters, 2)}-{pick(digits, 8)}",
        }[shape]

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
