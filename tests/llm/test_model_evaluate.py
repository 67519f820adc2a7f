"""`attest model evaluate` and `promote` end to end on the tiny model: the real pipeline
stages measure the candidate and the current model on a labelled set, the evaluation is
recorded, and promotion follows the gates' verdict."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from audit import AuditStore
from flows.cli import main
from flows.model.dataset import DATASET_FILE, MANIFEST_FILE, example_for
from flows.model.promotion import promoted_adapter
from flows.model.train import Hyperparameters, train_adapter
from schemas.events import EventType

pytestmark = pytest.mark.slow

CONTRACTS = {
    "nda.txt": (
        "MUTUAL NON-DISCLOSURE AGREEMENT between Acme Corp and Globex Inc.\n\n"
        "This Agreement is governed by the laws of the State of Delaware.\n",
        ["Governing Law"],
    ),
    "supply.txt": (
        "SUPPLY AGREEMENT between Initech and Umbrella.\n\nNeither party may assign this "
        "Agreement without the prior written consent of the other party.\n",
        ["Anti-Assignment"],
    ),
}


def _eval_set(folder: Path) -> Path:
    (folder / "documents").mkdir(parents=True)
    labels = {}
    for name, (text, flags) in CONTRACTS.items():
        (folder / "documents" / name).write_text(text)
        labels[name] = {"domain": "legal", "flags": flags}
    (folder / "labels.json").write_text(json.dumps(labels))
    return folder


def _dataset(folder: Path) -> Path:
    folder.mkdir(parents=True)
    target = {
        "contract_type": "nda",
        "parties": ["Acme Corp"],
        "governing_law": "Delaware",
        "term": None,
        "clause_flags": [],
    }
    messages = example_for("legal", CONTRACTS["nda.txt"][0], target)
    (folder / DATASET_FILE).write_text(json.dumps({"messages": messages}) + "\n")
    (folder / MANIFEST_FILE).write_text(json.dumps({"manifest_sha256": "0" * 64}))
    return folder


def test_a_candidate_failing_a_gate_is_evaluated_recorded_and_refused(
    tmp_path: Path,
    tiny_model_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    # 40 tokens cannot hold a legal output: the candidate fails schema-validity for sure, so
    # the run shows the whole refusal path in a minute, not the tiny model's luck.
    monkeypatch.setenv("ATTEST_MAX_TOKENS", "40")
    monkeypatch.setenv("ATTEST_NER_MODEL", "none")  # the model's mechanics, not redaction
    monkeypatch.setenv("ATTEST_OUT", str(tmp_path / "out"))
    db = f"sqlite:///{tmp_path / 'audit.db'}"
    store = AuditStore(db)
    hyper = Hyperparameters(rank=2, alpha=4, max_steps=1, max_length=4096)
    adapter = train_adapter(
        tiny_model_dir, _dataset(tmp_path / "data"), tmp_path / "a", hyper, store
    )
    plan = tmp_path / "plan.yaml"
    plan.write_text(f"plan_id: test\nversion: '1'\neval_set: {_eval_set(tmp_path / 'eval')}\n")
    common = ["--model-dir", str(tiny_model_dir), "--db", db]
    code = main(["model", "evaluate", str(adapter.directory), "--plan", str(plan), *common])
    assert code in (0, 1), capsys.readouterr().out
    (evaluation,) = store.events(event_type=EventType.MODEL_EVALUATED)
    assert evaluation.payload["candidate"]["documents"] == len(CONTRACTS)
    assert evaluation.payload["current"]["documents"] == len(CONTRACTS)
    assert evaluation.payload["candidate"]["schema_valid"] == 0.0
    assert code == 1 and not evaluation.payload["passed"]
    assert main(["model", "promote", str(adapter.directory), "--db", db]) == 2
    assert "schema_valid" in capsys.readouterr().out
    assert promoted_adapter(store) is None
