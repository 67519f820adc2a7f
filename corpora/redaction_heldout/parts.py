"""The parts of the held-out redaction corpus: word pools, identifiers and a composer that
records each label's offsets while the text is written."""

from __future__ import annotations

import random
import string
from dataclasses import dataclass, field

from faker import Faker

from corpora.annotated import AnnotatedDocument, GoldSpan

LOCALES: tuple[str, ...] = ("en_IE", "en_NZ", "en_IN", "pt_BR", "pl_PL", "sv_SE")

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


class Parts:
    """The identifiers and layout pieces every document kind draws from, from one seeded
    random stream (the order of draws is the corpus: keep it)."""

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
