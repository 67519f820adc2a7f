"""`attest model dataset --labelled`: training examples from labelled corpora in the `eval
flags` layout, redacted text only, CUAD's dev split only, every labelled flag with a quote."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pytest

from audit import AuditStore
from flows.cli import main
from flows.cuad import split_of
from flows.model.dataset import DATASET_FILE, MANIFEST_FILE
from flows.model.labelled import labelled_examples
from flows.settings import Settings
from schemas.events import EventType

CUAD_LAYOUT = Path(__file__).parents[1] / "data" / "cuad_layout"
TRIAGE_DEV = Path(__file__).parents[1] / "data" / "triage" / "dev-e"
HELD_OUT = "h5.pdf"  # flows.cuad's fixed split puts this name in the held-out part

NDA = (
    "MUTUAL NON-DISCLOSURE AGREEMENT\n\nQuestions to jane.doe@example.com.\n\n"
    "This Agreement shall be governed by the laws of the State of Delaware.\n"
)
SUPPLY = "SUPPLY AGREEMENT\n\nThe parties agree on prices.\n"


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(out=tmp_path / "out", ner_model="none")


def _flags_layout(folder: Path) -> Path:
    (folder / "documents").mkdir(parents=True)
    (folder / "documents" / "nda.txt").write_text(NDA)
    (folder / "documents" / "supply.txt").write_text(SUPPLY)
    labels = {
        "nda.txt": {"domain": "legal", "flags": ["Governing Law"]},
        "supply.txt": {"domain": "legal", "flags": ["Audit Rights"]},  # no such clause
    }
    (folder / "labels.json").write_text(json.dumps(labels))
    return folder


def _cuad_with_a_held_out_contract(folder: Path) -> Path:
    shutil.copytree(CUAD_LAYOUT, folder)
    assert split_of(HELD_OUT) == "heldout"
    shutil.copy(folder / "full_contract_txt/alpha.txt", folder / "full_contract_txt/h5.txt")
    with (folder / "master_clauses.csv").open(newline="") as handle:
        rows = list(csv.reader(handle))
    rows.append([HELD_OUT, *rows[1][1:]])
    with (folder / "master_clauses.csv").open("w", newline="") as handle:
        csv.writer(handle).writerows(rows)
    return folder


def _targets(examples: list[list[dict[str, str]]]) -> list[dict[str, object]]:
    return [json.loads(messages[-1]["content"]) for messages in examples]


def test_each_labelled_flag_is_in_the_target_with_a_quote_of_the_redacted_text(
    tmp_path: Path, settings: Settings
) -> None:
    examples, export = labelled_examples(_flags_layout(tmp_path / "set"), settings)
    (example,) = examples
    flags: list[dict[str, str]] = json.loads(example.messages[-1]["content"])["clause_flags"]
    (flag,) = flags
    assert flag["kind"] == "Governing Law" and flag["evidence"] in example.messages[1]["content"]
    assert export.left_out == {
        "supply.txt": "labelled 'Audit Rights' has no evidence in the redacted text"
    }


def test_only_redacted_text_enters_an_example(tmp_path: Path, settings: Settings) -> None:
    examples, _ = labelled_examples(_flags_layout(tmp_path / "set"), settings)
    assert "jane.doe@example.com" not in json.dumps([e.messages for e in examples])


def test_cuad_contributes_its_dev_split_only(tmp_path: Path, settings: Settings) -> None:
    folder = _cuad_with_a_held_out_contract(tmp_path / "cuad")
    examples, export = labelled_examples(folder, settings)
    assert export.split == "dev" and export.documents == 2  # alpha and gamma, never h5
    assert export.examples == len(examples) == 2 - len(export.left_out)


def test_a_triage_set_teaches_its_labelled_esi_level(tmp_path: Path, settings: Settings) -> None:
    folder = tmp_path / "triage"
    (folder / "documents").mkdir(parents=True)
    labels = json.loads((TRIAGE_DEV / "labels.json").read_text())
    names = sorted(labels)[:3]
    for name in names:
        shutil.copy(TRIAGE_DEV / "documents" / name, folder / "documents" / name)
    (folder / "labels.json").write_text(json.dumps({n: labels[n] for n in names}))
    examples, export = labelled_examples(folder, settings)
    assert export.documents == 3 and examples
    made = [n for n in names if n not in export.left_out]
    assert [t["triage_level"] for t in _targets([e.messages for e in examples])] == [
        labels[n]["esi"] for n in made
    ]


def test_the_command_writes_chat_jsonl_and_a_hashed_manifest_of_the_corpora(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ATTEST_NER_MODEL", "none")
    monkeypatch.setenv("ATTEST_OUT", str(tmp_path / "out"))
    db = f"sqlite:///{tmp_path / 'audit.db'}"
    folder = _flags_layout(tmp_path / "set")
    command = ["model", "dataset", str(tmp_path / "data"), "--labelled", str(folder)]
    assert main([*command, "--db", db]) == 0
    lines = (tmp_path / "data" / DATASET_FILE).read_text().splitlines()
    assert [[m["role"] for m in json.loads(line)["messages"]] for line in lines] == [
        ["system", "user", "assistant"]
    ]
    manifest = json.loads((tmp_path / "data" / MANIFEST_FILE).read_text())
    (corpus,) = manifest["labelled_corpora"]
    assert (corpus["documents"], corpus["examples"]) == (2, 1) and corpus["labels_sha256"]
    store = AuditStore(db)
    (event,) = store.events(event_type=EventType.MODEL_DATASET_EXPORTED)
    assert event.payload["manifest_sha256"] == manifest["manifest_sha256"]


def test_the_first_command_into_a_new_out_folder_creates_it_and_seals_its_record(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ATTEST_NER_MODEL", "none")
    out = tmp_path / "new" / "out"
    folder = _flags_layout(tmp_path / "set")
    command = ["model", "dataset", str(tmp_path / "data"), "--labelled", str(folder)]
    assert main([*command, "--out", str(out)]) == 0
    assert (out / "audit.db.chain-key").exists()
    assert main(["verify", "--out", str(out)]) == 0
