"""The NER model: built offline by our own trainer, reproducible, and wired into Presidio."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from extractors.redact import Redactor
from flows.errors import ConfigError
from flows.pipeline import build_components, ner_model_path
from flows.settings import Settings

# Written here, not drawn from the generator.
SENTENCES = [
    ("Yesterday Margaret Thompson was admitted with chest pain.", "PERSON", "Margaret Thompson"),
    ("After the divorce he moved to Springfield in May.", "LOCATION", "Springfield"),
    (
        "She was transferred to Riverside General Hospital overnight.",
        "ORGANIZATION",
        "Riverside General Hospital",
    ),
]
# A first name in none of Faker's lists: attest.RunningTextPersonRecognizer finds
# "Tomasz Wiśniewski" by its first name, only the NER finds this one.
UNTITLED_NAME = "Seen with her brother Zbyszko Wiśniewski at the clinic."


@pytest.fixture(scope="module")
def ner_redactor(ner_model: Path) -> Redactor:
    return Redactor(nlp_model=ner_model)


@pytest.mark.parametrize(("sentence", "label", "words"), SENTENCES)
def test_the_cached_model_finds_names_places_and_organisations(
    ner_model: Path, sentence: str, label: str, words: str
) -> None:
    from extractors.redact.nlp import OfflineSpacyNlpEngine

    engine = OfflineSpacyNlpEngine(ner_model)  # the pipeline Presidio runs: model, then filter
    engine.load()
    found = {(ent.label_, ent.text) for ent in engine.nlp["en"](sentence).ents}
    assert (label, words) in found


def _predictions(model: Path) -> list[tuple[str, int, int]]:
    import spacy

    nlp = spacy.load(model)
    return [(e.label_, e.start_char, e.end_char) for s, _, _ in SENTENCES for e in nlp(s).ents]


def _train_tiny_in_a_new_process(out: Path, hash_seed: str) -> Path:
    """CI and `make ner-model` train in fresh processes, each with its own string hashing."""
    script = (
        "import sys; from pathlib import Path; from training.ner.train import train; "
        "train(Path(sys.argv[1]), seed=7, examples=300, dev_examples=30, epochs=1, "
        "log=lambda _: None)"
    )
    env = os.environ | {"PYTHONHASHSEED": hash_seed, "OMP_NUM_THREADS": "1"}
    subprocess.run([sys.executable, "-c", script, str(out)], check=True, env=env, timeout=300)
    return out


def test_training_twice_with_one_seed_gives_the_same_model(tmp_path: Path) -> None:
    first = _train_tiny_in_a_new_process(tmp_path / "a", hash_seed="1")
    second = _train_tiny_in_a_new_process(tmp_path / "b", hash_seed="2")

    assert (first / "ner" / "model").read_bytes() == (second / "ner" / "model").read_bytes()
    assert _predictions(first) == _predictions(second)


def test_the_ner_redacts_a_name_the_pattern_recognizers_miss(
    redactor: Redactor, ner_redactor: Redactor
) -> None:
    assert "Wiśniewski" in redactor.redact("d1", UNTITLED_NAME).text
    redacted = ner_redactor.redact("d1", UNTITLED_NAME)
    assert "Zbyszko" not in redacted.text and "Wiśniewski" not in redacted.text
    assert any(span.entity_type == "PERSON" for span in redacted.spans)


def test_a_long_document_is_read_in_line_pieces_that_join_back_to_it() -> None:
    from extractors.redact.nlp import NER_PIECE_CHARS, line_pieces

    text = "".join(f"Line {n} of the progress note, nothing more.\n" for n in range(400))
    pieces = line_pieces(text)
    assert "".join(pieces) == text and len(pieces) > 1
    assert all(len(piece) <= NER_PIECE_CHARS and piece.endswith("\n") for piece in pieces)


def test_the_ner_finds_a_name_in_every_piece_of_a_long_document(ner_redactor: Redactor) -> None:
    filler = "The patient rested comfortably and vital signs were stable overnight.\n" * 60
    text = filler.join([UNTITLED_NAME + "\n"] * 4)  # one name near each piece
    redacted = ner_redactor.redact("d1", text)
    assert "Zbyszko" not in redacted.text and "Wiśniewski" not in redacted.text
    assert redacted.text.count("vital signs were stable") == filler.count("vital signs") * 3


def test_the_trail_names_the_model_by_digest(ner_redactor: Redactor, ner_model: Path) -> None:
    assert f"{ner_model.name}@sha256:" in ner_redactor.config.nlp_engine
    assert any(r.startswith("SpacyRecognizer@") for r in ner_redactor.config.recognizers)


def test_ner_model_none_runs_with_pattern_recognizers_only(tmp_path: Path) -> None:
    settings = Settings(out=tmp_path, ner_model="none")
    components = build_components(settings)
    assert "blank(en)" in components.redactor.config.nlp_engine
    assert "555-201-7731" not in components.redactor.redact("d1", "Call 555-201-7731.").text


def test_a_missing_model_stops_the_run_with_what_to_do(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as raised:
        ner_model_path(Settings(out=tmp_path, ner_model=str(tmp_path / "nothing-here")))
    assert "make ner-model" in raised.value.hint


@pytest.mark.parametrize(
    ("text", "found", "label", "kept"),
    [
        ("The Supplier gives notice of ninety days.", "gives notice", "PERSON", []),
        ("Okonkwo hereby assigns all rights.", "Okonkwo hereby", "PERSON", ["Okonkwo"]),
        ("Cash withdrawal at the branch.", "Cash", "PERSON", []),
        ("Brown signed for the parcel.", "Brown", "PERSON", ["Brown"]),
        ("Yesterday Amara Osei was admitted.", "Yesterday Amara Osei", "PERSON", ["Amara Osei"]),
        ("A change of control ends it. Control means votes.", "Control", "LOCATION", []),
        (
            "Dear Margaret Thompson, thank you.",
            "Dear Margaret Thompson",
            "PERSON",
            ["Margaret Thompson"],
        ),
        (
            "Paid by First Harbor Bank today.",
            "First Harbor Bank",
            "ORGANIZATION",
            ["First Harbor Bank"],
        ),
    ],
)
def test_the_plausibility_filter_trims_or_drops_common_words(
    text: str, found: str, label: str, kept: list[str]
) -> None:
    import spacy

    from extractors.redact.nlp import NER_FILTER_COMPONENT

    nlp = spacy.blank("en")
    doc = nlp.make_doc(text)
    start = text.index(found)
    doc.ents = [doc.char_span(start, start + len(found), label=label)]
    filtered = nlp.add_pipe(NER_FILTER_COMPONENT)(doc)

    assert [ent.text for ent in filtered.ents] == kept
