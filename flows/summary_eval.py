"""`attest eval summaries DIR`: the legal summary's fields scored against labels a person wrote.

Folder layout (tests/data/nda_summaries is one):

    DIR/documents/NAME        the contracts
    DIR/labels.json           {"NAME": {"split": "dev" | "heldout", "parties": [...],
                               "governing_law": "Delaware" | null, "effective_date":
                               "2008-07-31" | null, "term_months": 24 | null}}

Each contract goes through the batch's own stages (ingest, parse, classify as legal, redact
under the legal policy, generate, check) with the configured backend, and the checked output's
fields are compared with the labels after the normalisations below, nothing more:

- parties: case, punctuation, a leading "the" and legal-form words (Inc., Corporation, LLC,
  Ltd., Company, N.V., ...) ignored; a labelled party is found when a predicted party has the
  same normalised name. Recall over labelled parties, precision over predicted ones.
- governing law: "laws of", "the State/Commonwealth/Province/Republic of" and a trailing
  country ("…, Canada", "…, USA") ignored, US state abbreviations (NY, Del.) read as names;
  right when equal. Scored over documents that state one; a value where none is stated is a
  false positive.
- effective date: the value read as a calendar date (July 31, 2008; 30th day of November,
  2001; 23 August, 2019; 11/28/17; 2008-07-31) and compared as ISO; a date the reader cannot
  read counts as wrong.
- term: the value read as a duration in months (three (3) years = 36, eighteen months = 18,
  "the second anniversary" = 24, 90 days = 3); right when equal.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from extractors.legal_forms import EVERY_FORM, alternation, normalised
from flows.components import Components, build_components
from flows.errors import ConfigError
from flows.evaluated import evaluate_document
from flows.settings import Settings

Split = Literal["all", "dev", "heldout"]
FIELDS = ("parties", "governing_law", "effective_date", "term")

_LEGAL_FORM = re.compile(rf"\b(?:{alternation(normalised(EVERY_FORM))})\b")
US_STATES: dict[str, str] = {
    "al": "alabama", "ak": "alaska", "az": "arizona", "ar": "arkansas", "ca": "california",
    "co": "colorado", "ct": "connecticut", "de": "delaware", "del": "delaware",
    "fl": "florida", "ga": "georgia", "hi": "hawaii", "id": "idaho", "il": "illinois",
    "in": "indiana", "ia": "iowa", "ks": "kansas", "ky": "kentucky", "la": "louisiana",
    "me": "maine", "md": "maryland", "ma": "massachusetts", "mi": "michigan",
    "mn": "minnesota", "ms": "mississippi", "mo": "missouri", "mt": "montana",
    "ne": "nebraska", "nv": "nevada", "nh": "new hampshire", "nj": "new jersey",
    "nm": "new mexico", "ny": "new york", "nc": "north carolina", "nd": "north dakota",
    "oh": "ohio", "ok": "oklahoma", "or": "oregon", "pa": "pennsylvania",
    "ri": "rhode island", "sc": "south carolina", "sd": "south dakota", "tn": "tennessee",
    "tx": "texas", "ut": "utah", "vt": "vermont", "va": "virginia", "wa": "washington",
    "wv": "west virginia", "wi": "wisconsin", "wy": "wyoming", "dc": "district of columbia",
}  # fmt: skip
_JURISDICTION_PREFIX = re.compile(
    r"^(?:the\s+)?(?:(?:internal|substantive)\s+)?(?:laws?\s+(?:in force\s+)?(?:of|in)\s+)?"
    r"(?:the\s+)?(?:(?:state|commonwealth|province|republic|kingdom)\s+of\s+)?(?:the\s+)?"
)
_COUNTRY_SUFFIX = re.compile(
    r"(?:\s+(?:and\s+the\s+(?:federal\s+)?laws\s+of\s+)?(?:canada|usa|u s a|united states"
    r"(?: of america)?|australia))$"
)
MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
_MONTH_WORD = "|".join(sorted(MONTHS, key=len, reverse=True))
_DATE_FORMS = (
    # July 31, 2008 / March 12,2019 / May 10 , 1999
    (re.compile(rf"\b({_MONTH_WORD})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?\s*,?\s*(\d{{4}})\b"), "mdy"),
    # 30th day of November, 2001 / 23 August, 2019
    (
        re.compile(
            rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:day\s+of\s+)?({_MONTH_WORD})\.?,?\s+(\d{{4}})\b"
        ),
        "dmy",
    ),
    (re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b"), "iso"),
    (re.compile(r"\b(\d{1,2})[/-](\d{1,2})[/-](\d{2,4})\b"), "us"),
)
NUMBER_WORDS = {
    word: number
    for number, word in enumerate(
        [
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
            "thirteen",
            "fourteen",
            "fifteen",
            "sixteen",
            "seventeen",
            "eighteen",
            "nineteen",
            "twenty",
        ]
    )
} | {"thirty": 30, "thirty-six": 36, "forty-eight": 48, "sixty": 60, "ninety": 90}
_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5}
_DURATION = re.compile(
    r"\b(\d+|" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + r")"
    r"(?:\s*\(\d+\))?[\s-]+(?:calendar\s+)?(year|month|day)s?\b"
)
_ANNIVERSARY = re.compile(
    r"\b(" + "|".join(_ORDINALS) + r")\s+anniversary\b|\bone[ -]year anniversary\b"
)


def party_key(name: str) -> str:
    text = re.sub(r"[^\w\s]", " ", name.casefold())
    text = re.sub(r"^\s*the\s+", "", text)
    return " ".join(_LEGAL_FORM.sub(" ", text).split())


def jurisdiction_key(value: str) -> str:
    text = " ".join(re.sub(r"[^\w\s]", " ", value.casefold()).split())
    text = _JURISDICTION_PREFIX.sub("", text)
    text = _COUNTRY_SUFFIX.sub("", text).strip()
    return US_STATES.get(text, text)


def iso_date(value: str) -> str | None:
    text = value.casefold()
    for pattern, form in _DATE_FORMS:
        match = pattern.search(text)
        if match is None:
            continue
        a, b, c = match.groups()
        if form == "mdy":
            year, month, day = int(c), MONTHS[a], int(b)
        elif form == "dmy":
            year, month, day = int(c), MONTHS[b], int(a)
        elif form == "iso":
            year, month, day = int(a), int(b), int(c)
        else:
            year, month, day = int(c), int(a), int(b)
            year += 2000 if year < 50 else 1900 if year < 100 else 0
        if 1 <= month <= 12 and 1 <= day <= 31:
            return f"{year:04d}-{month:02d}-{day:02d}"
    return None


def months_of(value: str) -> int | None:
    """The first duration in the value, in months (days rounded down to whole months)."""
    text = value.casefold()
    duration = _DURATION.search(text)
    anniversary = _ANNIVERSARY.search(text)
    if anniversary and (duration is None or anniversary.start() < duration.start()):
        return 12 * _ORDINALS.get(anniversary.group(1) or "first", 1)
    if duration is None:
        return None
    count = (
        int(duration.group(1)) if duration.group(1).isdigit() else NUMBER_WORDS[duration.group(1)]
    )
    unit = duration.group(2)
    return count * 12 if unit == "year" else count if unit == "month" else count // 30


@dataclass
class FieldScore:
    """For a single-valued field: right among the documents that state one (`labelled`), and
    predictions made (`predicted`, of which `right` are right)."""

    labelled: int = 0
    predicted: int = 0
    right: int = 0

    @property
    def accuracy(self) -> float:
        return self.right / self.labelled if self.labelled else 0.0

    @property
    def precision(self) -> float:
        return self.right / self.predicted if self.predicted else 0.0


@dataclass
class SummaryEvaluation:
    documents: int = 0
    parties_labelled: int = 0
    parties_found: int = 0
    parties_predicted: int = 0
    parties_predicted_right: int = 0
    fields: dict[str, FieldScore] = field(
        default_factory=lambda: {name: FieldScore() for name in FIELDS[1:]}
    )
    misses: list[dict[str, Any]] = field(default_factory=list)

    @property
    def party_recall(self) -> float:
        return self.parties_found / self.parties_labelled if self.parties_labelled else 0.0

    @property
    def party_precision(self) -> float:
        predicted = self.parties_predicted
        return self.parties_predicted_right / predicted if predicted else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "documents": self.documents,
            "parties": {
                "labelled": self.parties_labelled,
                "found": self.parties_found,
                "recall": self.party_recall,
                "precision": self.party_precision,
            },
            **{
                name: {
                    "labelled": score.labelled,
                    "right": score.right,
                    "predicted": score.predicted,
                    "accuracy": score.accuracy,
                    "precision": score.precision,
                }
                for name, score in self.fields.items()
            },
        }


def read_labels(folder: Path, split: Split = "all") -> dict[str, dict[str, Any]]:
    path = folder / "labels.json"
    if not path.exists():
        raise ConfigError(
            f"no labels.json in {folder}", hint="see `attest eval summaries --help` for the layout"
        )
    labels: dict[str, dict[str, Any]] = json.loads(path.read_text())
    return {
        name: label
        for name, label in labels.items()
        if split == "all" or label.get("split") == split
    }


def _normalised(name: str, value: Any) -> Any:
    if value is None:
        return None
    if name == "governing_law":
        return jurisdiction_key(str(value))
    if name == "effective_date":
        return iso_date(str(value))
    return months_of(str(value))


def score(
    result: SummaryEvaluation, name: str, label: dict[str, Any], output: dict[str, Any]
) -> None:
    """Add one document's predicted summary to the figures."""
    result.documents += 1
    gold_parties = {party_key(p) for p in label["parties"]}
    predicted_parties = {party_key(p) for p in output.get("parties") or []} - {""}
    result.parties_labelled += len(gold_parties)
    result.parties_found += len(gold_parties & predicted_parties)
    result.parties_predicted += len(predicted_parties)
    result.parties_predicted_right += len(predicted_parties & gold_parties)
    miss: dict[str, Any] = {}
    if gold_parties - predicted_parties or predicted_parties - gold_parties:
        miss["parties"] = (sorted(label["parties"]), output.get("parties"))
    golds = {
        "governing_law": _normalised("governing_law", label["governing_law"]),
        "effective_date": label["effective_date"],
        "term": label["term_months"],
    }
    for field_name, gold in golds.items():
        raw = output.get(field_name)
        predicted = _normalised(field_name, raw)
        field_score = result.fields[field_name]
        field_score.labelled += gold is not None
        field_score.predicted += raw is not None
        field_score.right += gold is not None and predicted == gold
        if predicted != gold:
            miss[field_name] = (gold, raw)
    if miss:
        result.misses.append({"document": name, **miss})


def summary_of(path: Path, components: Components) -> dict[str, Any]:
    """The checked legal output for one contract, as the batch would record it ({} for
    rejected input or when no schema-valid output came back)."""
    evaluated = evaluate_document(path, "legal", components)
    return dict(evaluated.checked.output) if evaluated.checked is not None else {}


def evaluate(folder: Path, settings: Settings, split: Split = "all") -> SummaryEvaluation:
    labels = read_labels(folder, split)
    components = build_components(settings)
    result = SummaryEvaluation()
    for name, label in sorted(labels.items()):
        output = summary_of(folder / "documents" / name, components)
        score(result, name, label, output)
    return result
