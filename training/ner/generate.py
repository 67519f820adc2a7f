"""Synthetic, annotated training documents for the NER: clinical, financial and legal text.

Documents are assembled from random parts (field lines, sentences, headings, tables,
signatures, boilerplate with no entity) filled with Faker values from several locales, then
cased at random (ALL CAPS headers and documents, lower case) and given OCR-like noise (doubled
spaces, line wraps inside names, character confusions). Each document is a list of pieces,
some labelled PERSON, LOCATION or ORGANIZATION; the text and the character offsets of its
entities are computed after casing and noise, so the labels always match the text.

Everything is drawn from one `random.Random(seed)` and Faker instances seeded from it: the
same seed gives the same documents, in any process (see the it_IT city list below).
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta

from faker import Faker
from faker.providers.address.it_IT import Provider as ItalianAddresses

from training.ner import vocabulary as v
from training.ner.noise import Piece, with_case, with_noise
from training.ner.templates import CLAUSES, DOMAINS, FIELDS, HEADERS, SIGNATURES

# Faker's it_IT address provider builds its city list from a set, so the list's order, and
# the cities a seeded Faker draws, change with PYTHONHASHSEED from one process to the next.
# Sorted, the same seed gives the same documents (and the same model) in every process.
ItalianAddresses.cities = sorted(ItalianAddresses.cities)

LABELS: tuple[str, ...] = ("LOCATION", "ORGANIZATION", "PERSON")
Entity = tuple[int, int, str]


@dataclass(frozen=True)
class Annotated:
    text: str
    entities: tuple[Entity, ...]


_SLOT = re.compile(r"\{(\w+)\}")


class _Source:
    """Faker values and entity surface forms, all from one seeded random stream."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.fakers: list[Faker] = []
        for index, locale in enumerate(v.LOCALES):
            faker = Faker(locale)
            faker.seed_instance(seed * 1000 + index)
            self.fakers.append(faker)

    def faker(self) -> Faker:
        return self.rng.choice(self.fakers)

    def chance(self, p: float) -> bool:
        return self.rng.random() < p

    # --- entities --------------------------------------------------------------------------
    def first(self) -> str:
        if self.chance(0.12):
            return self.invented()
        return str(self.faker().first_name())

    def last(self) -> str:
        r = self.rng.random()
        if r < 0.12:
            return self.invented()
        last = str(self.faker().last_name())
        if r < 0.18:  # Mac/Mc/O' and particles: capitals inside or before the name
            return self.rng.choice(v.SURNAME_PREFIXES) + last
        return last

    def invented(self) -> str:
        """A pronounceable name no locale has: the model must not rely on a list of names."""
        syllables = self.rng.randint(1, 3)
        word = "".join(
            self.rng.choice(v.ONSETS) + self.rng.choice(v.VOWELS) + self.rng.choice(v.CODAS)
            for _ in range(syllables)
        )
        return word.capitalize()

    def city(self) -> str:
        return str(self.faker().city())

    def person(self) -> str:
        r = self.rng.random()
        first, last = self.first(), self.last()
        if self.chance(0.1):
            last = f"{last}-{self.last()}" if self.chance(0.6) else f"{last} {self.last()}"
        if r < 0.42:
            return f"{first} {last}"
        if r < 0.52:
            return f"{first} {self.rng.choice('ABCDEFGHJKLMNPRSTW')}. {last}"
        if r < 0.58:
            return f"{first} {self.first()} {last}"
        if r < 0.70:
            return f"{last}, {first}"
        if r < 0.76:
            return f"{last.upper()}, {first}"
        if r < 0.82:
            return f"{first[0]}. {last}"
        if r < 0.86:
            return f"{last} {first}"
        if r < 0.93:
            return last
        return first

    def titled_person(self) -> list[Piece]:
        name = self.person()
        pieces: list[Piece] = []
        if self.chance(0.08):
            pieces.append((str(self.faker().prefix()) + " ", None))
        elif self.chance(0.3):
            pieces.append((self.rng.choice(v.TITLES) + " ", None))
        pieces.append((name, "PERSON"))
        if self.chance(0.08):
            pieces.append((self.rng.choice(v.CREDENTIALS), None))
        return pieces

    def street(self) -> str:
        r = self.rng.random()
        if r < 0.05:
            return f"{self.rng.choice(('PO Box', 'P.O. Box', 'Postfach', 'BP'))} {self.rng.randint(1, 9999)}"
        if r < 0.12:  # the number first, the way many countries write it
            street = f"{self.last()} {self.rng.choice(v.STREET_WORDS)}"
            number = self.rng.choice(
                (
                    f"{self.rng.randint(1, 99)}/{self.rng.randint(1, 99)}, ",
                    f"No. {self.rng.randint(1, 400)}, ",
                    f"{self.rng.randint(1, 400)} ",
                )
            )
            return number + street
        if r < 0.18:
            return f"{self.rng.choice(v.STREET_WORDS).lower()} {self.last()} {self.rng.randint(1, 400)}"
        return str(self.faker().street_address())

    def location(self) -> list[Piece]:
        faker = self.faker()
        r = self.rng.random()
        if r < 0.3:
            return [(str(faker.city()), "LOCATION")]
        if r < 0.55:
            return [(self.street(), "LOCATION")]
        pieces: list[Piece] = [(self.street(), "LOCATION")]
        pieces.append((self.rng.choice((", ", " ", "\n", ",\n")), None))
        if self.chance(0.4):
            pieces.append((str(faker.postcode()) + " ", None))
            pieces.append((str(faker.city()), "LOCATION"))
        else:
            pieces.append((str(faker.city()), "LOCATION"))
            tail = self.rng.choice(v.US_STATES) + " " + str(faker.postcode())
            pieces.append(
                ((", " + tail) if self.chance(0.6) else " " + str(faker.postcode()), None)
            )
        return pieces

    def org(self, kind: str | None = None) -> str:
        forms = {
            "hospital": v.HOSPITAL_FORMS,
            "bank": v.BANK_FORMS,
            "law": v.LAW_FORMS,
            "employer": v.EMPLOYER_FORMS,
        }[kind or self.rng.choice(("hospital", "bank", "law", "employer"))]
        form = self.rng.choice(forms)
        company = str(self.faker().company())
        if self.chance(0.3) and not company.endswith(v.COMPANY_SUFFIXES):
            company = f"{company} {self.rng.choice(v.COMPANY_SUFFIXES)}"
        return form.format(
            city=self.city(),
            first=self.first(),
            last=self.last(),
            last2=self.last(),
            last3=self.last(),
            company=company,
        )

    # --- values that are not entities ------------------------------------------------------
    def date(self) -> str:
        # Not Faker's date_between: its range moves with the clock, and so would the documents.
        d = date(1940, 1, 1) + timedelta(days=self.rng.randint(0, 31_500))
        return self.rng.choice(
            (
                d.strftime("%m/%d/%Y"),
                d.strftime("%d.%m.%Y"),
                d.strftime("%B %d, %Y"),
                d.strftime("%d %b %Y"),
                d.isoformat(),
                d.strftime("%d/%m/%y"),
            )
        )

    def number(self) -> str:
        return self.rng.choice(
            (
                f"{self.rng.randint(100000, 99999999)}",
                f"MRN-{self.rng.randint(10000, 9999999)}",
                f"{self.rng.randint(100, 999)}-{self.rng.randint(10, 99)}-{self.rng.randint(1000, 9999)}",
                f"ACC{self.rng.randint(1000000, 99999999)}",
                str(self.faker().bban()),
                f"{self.rng.randint(1, 9)}{self.rng.choice('ABCDEFGHKLMN')}{self.rng.randint(1000, 9999)}",
            )
        )

    def phone(self) -> str:
        return str(self.faker().phone_number())

    def email(self) -> str:
        return str(self.faker().email())

    def amount(self) -> str:
        value = self.rng.randint(1, 250000) + self.rng.randint(0, 99) / 100
        return self.rng.choice(("$", "€", "£", "", "USD ", "EUR ")) + f"{value:,.2f}"


# Slot name -> maker of pieces. Upper case slots are entities, lower case slots are not.
Maker = Callable[[_Source], list[Piece]]
_SLOTS: dict[str, Maker] = {
    "P": lambda s: s.titled_person(),
    "N": lambda s: [(s.person(), "PERSON")],
    "L": lambda s: s.location(),
    "C": lambda s: [(s.city(), "LOCATION")],
    "S": lambda s: [(s.street(), "LOCATION")],
    "H": lambda s: [(s.org("hospital"), "ORGANIZATION")],
    "B": lambda s: [(s.org("bank"), "ORGANIZATION")],
    "F": lambda s: [(s.org("law"), "ORGANIZATION")],
    "E": lambda s: [(s.org("employer"), "ORGANIZATION")],
    "O": lambda s: [(s.org(), "ORGANIZATION")],
    "date": lambda s: [(s.date(), None)],
    "num": lambda s: [(s.number(), None)],
    "tel": lambda s: [(s.phone(), None)],
    "mail": lambda s: [(s.email(), None)],
    "amt": lambda s: [(s.amount(), None)],
    "drug": lambda s: [(s.rng.choice(v.DRUGS), None)],
    "cond": lambda s: [(s.rng.choice(v.CONDITIONS), None)],
    "rel": lambda s: [(s.rng.choice(v.RELATIONS), None)],
    "head": lambda s: [(s.rng.choice(v.HEADINGS), None)],
    "word": lambda s: [(s.rng.choice(v.COMMON_WORDS), None)],
    "month": lambda s: [(s.rng.choice(v.MONTHS), None)],
    "age": lambda s: [(str(s.rng.randint(1, 97)), None)],
    "subj": lambda s: [(s.rng.choice(v.SUBJECTS), None)],
    "vp": lambda s: [(s.rng.choice(v.VERB_PHRASES), None)],
    "open": lambda s: [(s.rng.choice(v.OPENERS), None)],
    "negopen": lambda s: [(s.rng.choice(v.NEGATIVE_OPENERS), None)],
}


def _fill(template: str, source: _Source) -> list[Piece]:
    pieces: list[Piece] = []
    position = 0
    for match in _SLOT.finditer(template):
        if match.start() > position:
            pieces.append((template[position : match.start()], None))
        slot = match.group(1)
        if slot.startswith("flabel_"):
            labels = {
                "p": v.FIELD_LABELS_PERSON,
                "o": v.FIELD_LABELS_ORG,
                "l": v.FIELD_LABELS_LOCATION,
                "x": v.FIELD_LABELS_OTHER,
            }[slot[-1]]
            pieces.append((source.rng.choice(labels), None))
        else:
            pieces.extend(_SLOTS[slot](source))
        position = match.end()
    if position < len(template):
        pieces.append((template[position:], None))
    return pieces


def _negative(source: _Source) -> list[Piece]:
    """A line with no entity: boilerplate, a heading, a drug, a condition or common words."""
    r = source.rng.random()
    if r < 0.4:
        return [(source.rng.choice(v.NEGATIVE_SENTENCES), None)]
    if r < 0.6:
        words = [source.rng.choice(v.COMMON_WORDS) for _ in range(source.rng.randint(1, 4))]
        return [(source.rng.choice((" ", ", ", " / ", "; ")).join(words), None)]
    if r < 0.75:
        return _fill(
            source.rng.choice(("{drug} {age} mg", "{cond}", "{head}:", "{month} {age}")), source
        )
    return _fill(
        source.rng.choice(
            (
                "Started {drug} for {cond}.",
                "{head}: {cond}, treated with {drug}.",
                "Seen in {month}; {cond} improving on {drug}.",
                "{word} reviewed on {date}.",
                "{word} {num} updated.",
            )
        ),
        source,
    )


def _document(source: _Source) -> list[Piece]:
    domain = source.rng.choice(tuple(DOMAINS))
    parts: list[list[Piece]] = []
    if source.chance(0.3):
        parts.append(_fill(source.rng.choice(HEADERS), source))
    for _ in range(source.rng.randint(1, 5)):
        r = source.rng.random()
        if r < 0.3:
            template = source.rng.choice(DOMAINS[domain])
        elif r < 0.5:
            template = source.rng.choice(CLAUSES)
        elif r < 0.75:
            template = source.rng.choice(FIELDS)
        else:
            parts.append(_negative(source))
            continue
        parts.append(_fill(template, source))
    if source.chance(0.2):
        parts.append(_fill(source.rng.choice(SIGNATURES), source))
    if source.chance(0.15):
        parts.insert(0, _negative(source))
    source.rng.shuffle(parts) if source.chance(0.2) else None
    joiner = source.rng.choice(("\n", "\n", " ", "\n\n"))
    pieces: list[Piece] = []
    for index, part in enumerate(parts):
        if index:
            pieces.append((joiner, None))
        pieces.extend(part)
    return pieces


def _assemble(pieces: list[Piece]) -> Annotated:
    text: list[str] = []
    entities: list[Entity] = []
    position = 0
    for piece, label in pieces:
        core = piece.strip()
        if label is not None and core:
            start = position + piece.index(core)
            entities.append((start, start + len(core), label))
        text.append(piece)
        position += len(piece)
    return Annotated("".join(text), tuple(entities))


def documents(count: int, seed: int) -> Iterator[Annotated]:
    """`count` annotated documents; the same seed gives the same documents."""
    source = _Source(seed)
    for _ in range(count):
        pieces = with_noise(with_case(_document(source), source.rng), source.rng)
        yield _assemble(pieces)
