"""The promoted adapter in real runs, on the tiny model: training data from a reviewed decision,
two adapters trained a few steps, each evaluated against a plan and promoted; a run then uses
the promoted adapter without being told, each decision names the promotion that allowed it,
rollback (promoting the previous adapter again) changes what the next run uses, and a decision
made with an adapter replays bit-exactly."""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from audit import AuditStore
from corpora.demo_inbox import LEGAL_NDA, document_bytes
from extractors.llm.adapters import directory_revision
from flows.cli import main
from flows.model.dataset import export_dataset
from flows.model.train import Hyperparameters, train_adapter
from schemas.events import EventType, NewEvent
from tests.flows.conftest import CliRun, run_cli

pytestmark = pytest.mark.slow

NDA = "MUTUAL NON-DISCLOSURE AGREEMENT between <ORG_1> and <ORG_2>.\nGoverned by Delaware law."
TARGET = {
    "contract_type": "nda",
    "parties": ["<ORG_1>", "<ORG_2>"],
    "governing_law": "Delaware",
    "term": None,
    "clause_flags": [],
}
# The gates are what is tested elsewhere; here the tiny model must pass them to be promoted.
PLAN = """plan_id: tiny
version: '1'
eval_set: {eval_set}
gates:
  schema_valid_min: 0
  grounded_min: 0
  flag_f1_not_below_current: false
"""


@dataclass(frozen=True)
class Trail:
    workdir: Path
    db: str
    model_dir: Path
    first: Path  # adapter promoted first, then again on rollback
    second: Path

    def store(self) -> AuditStore:
        return AuditStore(self.db)

    def run(self, name: str) -> CliRun:
        inbox = self.workdir / name
        inbox.mkdir()
        (inbox / LEGAL_NDA.filename).write_bytes(document_bytes(LEGAL_NDA))
        return self.cli("run", name, "--out", f"out-{name}", *self.options())

    def cli(self, *args: str) -> CliRun:
        return run_cli(self.workdir, *args, extra_env={"ATTEST_NER_MODEL": "none"})

    def options(self, *extra: str) -> tuple[str, ...]:
        return (
            "--db", self.db, "--backend", "transformers", "--model-dir", str(self.model_dir),
            "--max-tokens", "1200", *extra,
        )  # fmt: skip

    def promote(self, adapter: Path, reason: str = "") -> str:
        assert main(["model", "promote", str(adapter), "--db", self.db, "--reason", reason]) == 0
        with closing(self.store()) as store:
            return store.events(event_type=EventType.MODEL_PROMOTED)[-1].event_id

    def decision(self, run: CliRun) -> dict[str, Any]:
        assert run.returncode == 0, run.output
        db_file = self.db.removeprefix("sqlite:///")
        with closing(sqlite3.connect(db_file)) as db:
            (decision_id, payload) = db.execute(
                "SELECT decision_id, payload FROM audit_events "
                "WHERE event_type = 'decision_recorded' ORDER BY seq DESC LIMIT 1"
            ).fetchone()
        decision: dict[str, Any] = json.loads(payload)
        return decision | {"decision_id": decision_id}


def _reviewed_trail(store: AuditStore) -> None:
    def event(kind: EventType, payload: dict[str, object]) -> NewEvent:
        ids = {"decision_id": "dec-nda"} if kind != EventType.DOCUMENT_REDACTED else {}
        return NewEvent(
            event_type=kind, run_id="run-0", actor="pipeline", doc_id="nda", payload=payload, **ids
        )

    store.append(
        [
            event(EventType.DOCUMENT_REDACTED, {"redacted_text": NDA}),
            event(EventType.DECISION_RECORDED, {"domain": "legal", "output": TARGET}),
            event(EventType.DECISION_REVIEWED, {"action": "approve", "output": None}),
        ]
    )


@pytest.fixture(scope="module")
def trail(tmp_path_factory: pytest.TempPathFactory, tiny_model_dir: Path) -> Trail:
    workdir = tmp_path_factory.mktemp("model-in-runs")
    db = f"sqlite:///{workdir / 'audit.db'}"
    eval_set = workdir / "eval"
    (eval_set / "documents").mkdir(parents=True)
    (eval_set / "documents" / "nda.txt").write_text(NDA)
    (eval_set / "labels.json").write_text(json.dumps({"nda.txt": {"domain": "legal", "flags": []}}))
    plan = workdir / "plan.yaml"
    plan.write_text(PLAN.format(eval_set=eval_set))
    with closing(AuditStore(db)) as store:
        _reviewed_trail(store)
        export_dataset(store, workdir / "data")
        adapters = [
            train_adapter(
                tiny_model_dir,
                workdir / "data",
                workdir / "adapters",
                Hyperparameters(rank=2, alpha=4, max_steps=2, seed=seed, learning_rate=0.05),
                store,
            ).directory
            for seed in (1, 2)
        ]
    with pytest.MonkeyPatch.context() as env:
        env.setenv("ATTEST_MAX_TOKENS", "40")  # the evaluation's verdict is not under test
        env.setenv("ATTEST_NER_MODEL", "none")
        env.setenv("ATTEST_OUT", str(workdir / "eval-out"))
        for adapter in adapters:
            evaluate = ["model", "evaluate", str(adapter), "--plan", str(plan), "--db", db]
            assert main([*evaluate, "--model-dir", str(tiny_model_dir)]) == 0
    assert adapters[0] != adapters[1]
    return Trail(workdir, db, tiny_model_dir, adapters[0], adapters[1])


@pytest.fixture(scope="module")
def runs(trail: Trail) -> dict[str, Any]:
    """Promote the first adapter, then the second; run; roll back to the first; run again."""
    trail.promote(trail.first)
    second = trail.promote(trail.second)
    after_promotion = trail.decision(trail.run("promoted"))
    rollback = trail.promote(trail.first, reason="rollback")
    after_rollback = trail.decision(trail.run("rolled-back"))
    return {
        "second": second,
        "rollback": rollback,
        "after_promotion": after_promotion,
        "after_rollback": after_rollback,
    }


def test_a_run_uses_the_promoted_adapter_and_each_decision_names_the_promotion(
    trail: Trail, runs: dict[str, Any]
) -> None:
    identity = runs["after_promotion"]["identity"]
    assert identity["revision"] == directory_revision(trail.model_dir)
    assert identity["adapter_revision"] == directory_revision(trail.second)
    assert identity["promotion_event_id"] == runs["second"]
    with closing(trail.store()) as store:
        started = store.events(event_type=EventType.RUN_STARTED)
    named = [e.payload["identity"].get("promotion_event_id") for e in started]
    assert named == [runs["second"], runs["rollback"]]


def test_after_rollback_the_next_run_uses_the_previous_adapter(
    trail: Trail, runs: dict[str, Any]
) -> None:
    identity = runs["after_rollback"]["identity"]
    assert identity["adapter_revision"] == directory_revision(trail.first)
    assert identity["promotion_event_id"] == runs["rollback"]


def test_a_decision_made_with_the_promoted_adapter_replays_bit_exact(
    trail: Trail, runs: dict[str, Any]
) -> None:
    decision_id = runs["after_rollback"]["decision_id"]
    replay = trail.cli("replay", decision_id, *trail.options())
    assert replay.returncode == 0 and f"{decision_id}: bit_exact" in replay.output, replay.output


def test_a_decision_made_with_an_adapter_no_longer_promoted_replays_with_that_adapter(
    trail: Trail, runs: dict[str, Any]
) -> None:
    """An auditor replays what the decision recorded, not what is promoted today."""
    decision_id = runs["after_promotion"]["decision_id"]
    unnamed = trail.cli("replay", decision_id, *trail.options())
    assert unnamed.returncode == 0 and f"{decision_id}: bit_exact" in unnamed.output, unnamed.output
    named = trail.cli("replay", decision_id, *trail.options("--adapter-dir", str(trail.second)))
    assert named.returncode == 0 and f"{decision_id}: bit_exact" in named.output, named.output


def test_a_replay_naming_another_adapter_reports_a_different_model(
    trail: Trail, runs: dict[str, Any]
) -> None:
    decision_id = runs["after_promotion"]["decision_id"]
    other = trail.cli("replay", decision_id, *trail.options("--adapter-dir", str(trail.first)))
    assert other.returncode == 1 and "identity.adapter_revision" in other.output, other.output


def test_adapter_dir_none_runs_the_base_model_alone(trail: Trail, runs: dict[str, Any]) -> None:
    from flows.model.serving import serving
    from flows.settings import Settings

    base_alone = Settings(
        db=trail.db, backend="transformers", model_dir=trail.model_dir, adapter_dir=Path("none")
    )
    assert serving(base_alone).settings.adapter_dir is None
    promoted = serving(base_alone.model_copy(update={"adapter_dir": None}))
    assert promoted.settings.adapter_dir == trail.first
    assert promoted.promotion_event_id == runs["rollback"]
