"""Redaction recall per identifier type: on public synthetic PII (presidio-research) first, then
on attest's held-out evaluation set (tests/data/redaction_eval, further down).

A gold identifier counts as recalled when every letter and digit of it lies inside something
the Redactor would replace, whatever entity type it was found as: what matters is that it
leaves the redaction stage hidden. Types the redactor does not cover with patterns (names,
organisations, places: they need the NER model) are not in the sample.

Measured on the sample (attest 0.1.0, presidio 2.2.366; with attest.CardNumberRecognizer and
attest.NanpPhoneRecognizer, which match by shape and label rather than by validity):

    EMAIL_ADDRESS            50/50  1.000
    US_SSN                   50/50  1.000
    IP_ADDRESS               25/25  1.000
    IBAN_CODE                45/49  0.918   misses: IBANs written in lower case
    CREDIT_CARD              50/52  0.962   was 0.750 before the labelled card recognizer
    PHONE_NUMBER (NANP)      42/46  0.913   was 0.587 when only `phonenumbers`-valid numbers
                                            were found (Faker's unassigned area codes)
    PHONE_NUMBER (other)     24/81  0.296   only with a phone label: the phone recognizer is
                                            US-only

Thresholds sit a few points below, so a regression fails while the sample's noise does not.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from extractors.redact import Redactor
from flows.redaction_eval import Scores, read_corpus
from flows.redaction_eval.runner import predictions
from tests.extractors._data import DATA

SAMPLE = DATA / "pii" / "presidio_research_sample.json"

# The dataset's labels are Presidio's, and so are ours for these types.
DATASET_TO_OURS = {
    "EMAIL_ADDRESS": "EMAIL_ADDRESS",
    "PHONE_NUMBER": "PHONE_NUMBER",
    "US_SSN": "US_SSN",
    "CREDIT_CARD": "CREDIT_CARD",
    "IBAN_CODE": "IBAN_CODE",
    "IP_ADDRESS": "IP_ADDRESS",
}
# A North American number as US documents write it: optional +1, area code, exchange, line.
_NANP = re.compile(r"(?:\+?1[-. ]?)?\(?[2-9]\d{2}\)?[-. ]?\d{3}[-. ]\d{4}(?:\s*x\d+)?")
NANP_PHONE = "PHONE_NUMBER (NANP)"
OTHER_PHONE = "PHONE_NUMBER (other)"

MIN_RECALL = {
    "EMAIL_ADDRESS": 0.95,
    "US_SSN": 0.95,
    "IP_ADDRESS": 0.92,
    "IBAN_CODE": 0.87,
    "CREDIT_CARD": 0.90,
    NANP_PHONE: 0.86,
    OTHER_PHONE: 0.25,
}


@dataclass
class Tally:
    found: int = 0
    total: int = 0

    @property
    def recall(self) -> float:
        return self.found / self.total if self.total else 0.0


def measured_type(span: dict[str, Any]) -> str:
    ours = DATASET_TO_OURS[span["entity_type"]]
    if ours == "PHONE_NUMBER":
        return NANP_PHONE if _NANP.fullmatch(span["value"]) else OTHER_PHONE
    return ours


def recalled(text: str, span: dict[str, Any], covered: set[int]) -> bool:
    return all(i in covered for i in range(span["start"], span["end"]) if text[i].isalnum())


@pytest.fixture(scope="module")
def recall(redactor: Redactor) -> dict[str, Tally]:
    rows = json.loads(SAMPLE.read_text(encoding="utf-8"))
    tallies: dict[str, Tally] = {kind: Tally() for kind in MIN_RECALL}
    for row in rows:
        covered = {i for f in redactor.analyze(row["text"]) for i in range(f.start, f.end)}
        for span in row["spans"]:
            tally = tallies[measured_type(span)]
            tally.total += 1
            tally.found += recalled(row["text"], span, covered)
    print("\nredaction recall on the presidio-research sample:")
    for kind, tally in tallies.items():
        print(f"  {kind:22} {tally.found:3}/{tally.total:<3} {tally.recall:.3f}")
    return tallies


def test_the_sample_is_a_fixed_few_hundred_sentences_with_every_type() -> None:
    rows = json.loads(SAMPLE.read_text(encoding="utf-8"))

    assert 200 <= len(rows) <= 300
    assert {s["entity_type"] for row in rows for s in row["spans"]} == set(DATASET_TO_OURS)


def test_the_gold_spans_are_offsets_into_the_text() -> None:
    rows = json.loads(SAMPLE.read_text(encoding="utf-8"))

    for row in rows:
        for span in row["spans"]:
            assert row["text"][span["start"] : span["end"]] == span["value"]


@pytest.mark.parametrize("kind", list(MIN_RECALL))
def test_recall_stays_at_or_above_its_measured_level(kind: str, recall: dict[str, Tally]) -> None:
    tally = recall[kind]

    assert tally.total >= 20, f"too few {kind} spans in the sample to measure recall"
    assert tally.recall >= MIN_RECALL[kind], (
        f"{kind}: recall {tally.found}/{tally.total} = {tally.recall:.3f} "
        f"fell below {MIN_RECALL[kind]}"
    )


# Presidio's CreditCardRecognizer admits first digits 1, 3, 4, 5[0-5] and 6 only; with a card
# label, attest.CardNumberRecognizer takes Mastercard's 2-series (issued since 2017) too.
@pytest.mark.parametrize(
    "number", ["2223003122003222", "2223 0031 2200 3222"], ids=["plain", "grouped"]
)
def test_a_mastercard_2_series_number_is_redacted(redactor: Redactor, number: str) -> None:
    assert number not in redactor.redact("doc", f"Card number: {number}").text


# -- the held-out evaluation set (tests/data/redaction_eval, `attest eval redaction-sample`) ----
# Synthetic clinical notes, discharge letters, bank statements, loan letters and contracts from
# code separate from the NER's training generator (other templates, Faker locales and seed).
# Measured (issue 15, 180 documents): every structured label 1.000 (full cover) with patterns
# only, except ACCOUNT_NUMBER 194/195 (an OCR-damaged label, "1oan no.") and ADDRESS 236/237
# ("4560 Konstytucji 3 Maja Road"; the NER covers it); names, places and organisations need
# the NER model (figures in the README).

HELD_OUT = DATA / "redaction_eval"
STRUCTURED = (
    "US_SSN",
    "MEDICAL_RECORD_NUMBER",
    "PHONE_NUMBER",
    "FAX_NUMBER",
    "EMAIL_ADDRESS",
    "ACCOUNT_NUMBER",
    "HEALTH_PLAN_NUMBER",
    "LICENSE_NUMBER",
    "VEHICLE_ID",
    "DEVICE_ID",
    "IP_ADDRESS",
    "URL",
    "IBAN_CODE",
    "CREDIT_CARD",
    "ADDRESS",
    "ZIP",
    "DATE",
    "AGE_OVER_89",
)
# Recall (full cover) with the NER model: measured PERSON 0.987, LOCATION 0.976,
# ORGANIZATION 0.884, overall precision 0.997 (180 documents with triage notes; model
# attest-ner-258608d415044e5b, trained with MTSamples lines, which training reproduces byte for
# byte; with the plausibility filter and extractors/redact/clinical_meaning.py).
# PERSON's floor is issue 15's 0.98.
NER_MIN_RECALL = {"PERSON": 0.98, "LOCATION": 0.93, "ORGANIZATION": 0.84}
MIN_PRECISION_WITH_NER = 0.95


def _held_out_scores(redactor: Redactor) -> Scores:
    scores = Scores()
    for doc in read_corpus(HELD_OUT):
        scores.add(doc, predictions(redactor, doc))
    return scores


@pytest.fixture(scope="module")
def held_out(redactor: Redactor) -> Scores:
    return _held_out_scores(redactor)


@pytest.fixture(scope="module")
def held_out_with_ner(ner_model: Path) -> Scores:
    return _held_out_scores(Redactor(nlp_model=ner_model))


@pytest.mark.parametrize("label", STRUCTURED)
def test_structured_identifiers_are_fully_redacted_on_the_held_out_set(
    label: str, held_out: Scores
) -> None:
    score = held_out.labels[label]

    assert score.support >= 10, f"too few {label} spans in the held-out set"
    assert score.recall_full >= 0.99, (
        f"{label}: {score.full}/{score.support} = {score.recall_full:.3f} below 0.99; "
        f"missed: {[m for m in held_out.misses if m[1] == label][:5]}"
    )


@pytest.mark.parametrize("label", list(NER_MIN_RECALL))
def test_names_places_and_organisations_are_redacted_with_the_ner_model(
    label: str, held_out_with_ner: Scores
) -> None:
    score = held_out_with_ner.labels[label]

    assert score.recall_full >= NER_MIN_RECALL[label], (
        f"{label}: {score.full}/{score.support} = {score.recall_full:.3f} "
        f"fell below {NER_MIN_RECALL[label]}"
    )


def test_overall_precision_with_the_ner_model(held_out_with_ner: Scores) -> None:
    assert held_out_with_ner.precision >= MIN_PRECISION_WITH_NER
