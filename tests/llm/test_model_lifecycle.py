"""The domain model's life cycle on the tiny random model: training data from reviewed
decisions, a few LoRA steps, the adapter named by its digest and served on its own base."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from safetensors import safe_open

from audit import AuditStore
from extractors.errors import BackendError
from extractors.llm.adapters import adapter_name, directory_revision
from extractors.llm.base import generation_request
from extractors.llm.rules import RulesBackend
from extractors.llm.transformers_local import TransformersTransport
from flows.model.dataset import DATASET_FILE, export_dataset
from flows.model.train import Hyperparameters, train_adapter
from schemas.events import EventType, NewEvent
from tests.llm.tiny_model import build_tiny_model

NOTES = {
    "doc-a": "Chief complaint: crushing chest pain radiating to the jaw.\nMeds: Aspirin 81 mg.",
    "doc-b": "Chief complaint: ankle sprain after a fall.\nMeds: Ibuprofen 400 mg.",
    "doc-c": "Chief complaint: sore throat for two days.",
}
FEW_STEPS = Hyperparameters(rank=4, alpha=8, max_steps=2, seed=3)


def _rules_output(text: str) -> dict[str, object]:
    request = generation_request("clinical", text)
    output: dict[str, object] = json.loads(RulesBackend().generate(request).raw_output)
    return output


def _event(kind: EventType, doc: str, payload: dict[str, object], **ids: str) -> NewEvent:
    return NewEvent(
        event_type=kind, run_id="run-1", actor="pipeline", doc_id=doc, payload=payload, **ids
    )


@pytest.fixture
def store(tmp_path: Path) -> AuditStore:
    """A trail with three decisions: one approved, one overridden, one never reviewed."""
    trail = AuditStore(f"sqlite:///{tmp_path / 'audit.db'}")
    for doc, text in NOTES.items():
        output = _rules_output(text)
        trail.append(
            [
                _event(EventType.DOCUMENT_REDACTED, doc, {"redacted_text": text}),
                _event(
                    EventType.DECISION_RECORDED,
                    doc,
                    {"domain": "clinical", "output": output},
                    decision_id=f"dec-{doc}",
                ),
            ]
        )
    approve = {"action": "approve", "output": None}
    override = {
        "action": "override",
        "output": {**_rules_output(NOTES["doc-b"]), "triage_level": 4},
    }
    trail.append(
        [
            _event(EventType.DECISION_REVIEWED, "doc-a", approve, decision_id="dec-doc-a"),
            _event(EventType.DECISION_REVIEWED, "doc-b", override, decision_id="dec-doc-b"),
        ]
    )
    return trail


def _examples(folder: Path) -> list[list[dict[str, str]]]:
    lines = (folder / DATASET_FILE).read_text().splitlines()
    return [json.loads(line)["messages"] for line in lines]


def test_the_dataset_has_one_example_per_reviewed_decision(
    store: AuditStore, tmp_path: Path
) -> None:
    export_dataset(store, tmp_path / "data")
    examples = _examples(tmp_path / "data")
    assert len(examples) == 2
    assert [m["role"] for m in examples[0]] == ["system", "user", "assistant"]
    assert NOTES["doc-a"] in examples[0][1]["content"]


def test_an_override_is_the_target(store: AuditStore, tmp_path: Path) -> None:
    export_dataset(store, tmp_path / "data")
    (_, overridden) = _examples(tmp_path / "data")
    assert json.loads(overridden[-1]["content"])["triage_level"] == 4


def test_the_export_is_recorded_with_the_hashes_of_its_sources(
    store: AuditStore, tmp_path: Path
) -> None:
    manifest = json.loads(export_dataset(store, tmp_path / "data").read_text())
    (event,) = store.events(event_type=EventType.MODEL_DATASET_EXPORTED)
    assert event.payload["manifest_sha256"] == manifest["manifest_sha256"]
    reviewed = {e.hash for e in store.events(event_type=EventType.DECISION_REVIEWED)}
    assert reviewed <= set(event.payload["source_event_hashes"])
    unreviewed = store.events(decision_id="dec-doc-c")[0].hash
    assert unreviewed not in event.payload["source_event_hashes"]


@pytest.fixture
def trained(store: AuditStore, tmp_path: Path, tiny_model_dir: Path) -> tuple[AuditStore, Path]:
    export_dataset(store, tmp_path / "data")
    adapter = train_adapter(
        tiny_model_dir, tmp_path / "data", tmp_path / "adapters", FEW_STEPS, store
    )
    return store, adapter.directory


def test_training_is_recorded_with_base_dataset_and_loss_curve(
    trained: tuple[AuditStore, Path], tiny_model_dir: Path
) -> None:
    store, adapter = trained
    (event,) = store.events(event_type=EventType.MODEL_TRAINED)
    (export,) = store.events(event_type=EventType.MODEL_DATASET_EXPORTED)
    assert event.payload["base_revision"] == directory_revision(tiny_model_dir)
    assert event.payload["dataset_manifest_sha256"] == export.payload["manifest_sha256"]
    assert len(event.payload["loss_curve"]) == FEW_STEPS.max_steps
    assert adapter.name == adapter_name(event.payload["adapter_digest"])


def test_only_attention_projections_are_trained(trained: tuple[AuditStore, Path]) -> None:
    _, adapter = trained
    with safe_open(str(adapter / "adapter_model.safetensors"), "pt") as weights:
        names = list(weights.keys())
    assert names and all(
        any(p in n for p in ("q_proj", "k_proj", "v_proj", "o_proj")) for n in names
    )
    assert not any("embed" in n or "lm_head" in n for n in names)


def test_the_same_seed_and_data_give_the_same_adapter(
    trained: tuple[AuditStore, Path], tmp_path: Path, tiny_model_dir: Path
) -> None:
    store, adapter = trained
    again = train_adapter(tiny_model_dir, tmp_path / "data", tmp_path / "again", FEW_STEPS, store)
    assert again.directory.name == adapter.name


def test_the_backend_records_base_and_adapter_digests(
    trained: tuple[AuditStore, Path], tiny_model_dir: Path
) -> None:
    _, adapter = trained
    identity = TransformersTransport(tiny_model_dir, adapter_dir=adapter).identity()
    assert identity.revision == directory_revision(tiny_model_dir)
    assert identity.adapter_revision == directory_revision(adapter)


def test_an_adapter_on_another_base_model_is_refused(
    trained: tuple[AuditStore, Path], tmp_path: Path
) -> None:
    _, adapter = trained
    other = build_tiny_model(tmp_path / "other", seed=99)
    with pytest.raises(BackendError, match="trained on"):
        TransformersTransport(other, adapter_dir=adapter).identity()


def test_a_changed_adapter_no_longer_matches_its_name(
    trained: tuple[AuditStore, Path], tmp_path: Path, tiny_model_dir: Path
) -> None:
    _, adapter = trained
    tampered = tmp_path / "tampered" / adapter.name
    shutil.copytree(adapter, tampered)
    (tampered / "adapter_config.json").write_text(
        (tampered / "adapter_config.json").read_text() + " "
    )
    with pytest.raises(BackendError, match="does not match its content"):
        TransformersTransport(tiny_model_dir, adapter_dir=tampered).identity()


def test_the_commands_export_train_and_name_the_adapter(
    store: AuditStore, tmp_path: Path, tiny_model_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from flows.cli import main

    db = ["--db", f"sqlite:///{tmp_path / 'audit.db'}"]
    assert main(["model", "dataset", str(tmp_path / "data"), *db]) == 0
    train = ["model", "train", str(tmp_path / "data"), "--model-dir", str(tiny_model_dir)]
    train += ["--adapters", str(tmp_path / "adapters"), "--max-steps", "1", "--rank", "2"]
    assert main([*train, *db]) == 0
    (event,) = store.events(event_type=EventType.MODEL_TRAINED)
    assert event.payload["adapter_digest"] in capsys.readouterr().out


def test_training_reports_each_step_as_it_goes(
    store: AuditStore, tmp_path: Path, tiny_model_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from flows.cli import main

    db = ["--db", f"sqlite:///{tmp_path / 'audit.db'}"]
    assert main(["model", "dataset", str(tmp_path / "data"), *db]) == 0
    train = ["model", "train", str(tmp_path / "data"), "--model-dir", str(tiny_model_dir)]
    train += ["--adapters", str(tmp_path / "adapters"), "--max-steps", "2", "--rank", "2"]
    assert main([*train, *db]) == 0
    printed = capsys.readouterr().out
    assert "step 1/2  loss" in printed and "step 2/2  loss" in printed


def test_training_on_a_folder_that_is_no_model_says_how_to_build_one(
    store: AuditStore, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from flows.cli import main

    db = ["--db", f"sqlite:///{tmp_path / 'audit.db'}"]
    assert main(["model", "dataset", str(tmp_path / "data"), *db]) == 0
    train = ["model", "train", str(tmp_path / "data"), "--model-dir", str(tmp_path / "none")]
    assert main([*train, *db]) != 0
    assert "make model" in capsys.readouterr().out
