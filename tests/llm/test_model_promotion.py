"""Change control: a candidate adapter is promoted only when every gate of the plan passes;
rollback is promoting the previous adapter again. Metrics here are given, not measured: the
gates and the trail are what is under test."""

from __future__ import annotations

from pathlib import Path

import pytest

from audit import AuditStore
from flows.errors import ConfigError, FlowError
from flows.model.plan import ChangePlan, Gates, Metrics, check_gates, load_plan
from flows.model.promotion import promote, promoted_adapter, record_evaluation
from schemas.events import EventType

PLAN = ChangePlan(plan_id="attest-domain-model", version="1")
CURRENT = Metrics(documents=20, schema_valid=1.0, grounded=1.0, flag_f1=0.40)
GOOD = Metrics(documents=20, schema_valid=1.0, grounded=1.0, flag_f1=0.55)


def _failed(candidate: Metrics, current: Metrics | None = CURRENT) -> list[str]:
    return [g.gate for g in check_gates(Gates(), candidate, current) if not g.passed]


def test_a_candidate_that_meets_every_gate_passes() -> None:
    assert _failed(GOOD) == []


@pytest.mark.parametrize(
    ("change", "gate"),
    [
        ({"schema_valid": 0.95}, "schema_valid"),
        ({"grounded": 0.99}, "grounded"),
        ({"new_under_triage": 1}, "new_under_triage"),
        ({"critical_flags_lost": 1}, "critical_flags_lost"),
        ({"flag_f1": 0.39}, "flag_f1_not_below_current"),
    ],
)
def test_each_gate_fails_on_its_own(change: dict[str, float], gate: str) -> None:
    assert _failed(GOOD.model_copy(update=change)) == [gate]


def test_the_plan_file_is_read_with_its_hash(tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text("plan_id: p\nversion: '2'\ngates:\n  grounded_min: 0.9\n")
    plan, digest = load_plan(path)
    assert (plan.version, plan.gates.grounded_min, plan.gates.schema_valid_min) == ("2", 0.9, 1.0)
    assert len(digest) == 64


def test_a_plan_with_an_unknown_gate_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text("plan_id: p\nversion: '1'\ngates:\n  accuracy_min: 0.9\n")
    with pytest.raises(ConfigError, match="change-control plan"):
        load_plan(path)


@pytest.fixture
def store(tmp_path: Path) -> AuditStore:
    return AuditStore(f"sqlite:///{tmp_path / 'audit.db'}")


def _evaluate(store: AuditStore, adapter: str, candidate: Metrics) -> None:
    record_evaluation(
        store,
        plan=PLAN,
        plan_sha256="0" * 64,
        base_revision="sha256:base",
        adapter_revision=adapter,
        adapter_path=f"/models/adapters/{adapter}",
        candidate=candidate,
        current=CURRENT,
        gates=check_gates(PLAN.gates, candidate, CURRENT),
    )


def test_promotion_names_the_adapter_and_the_evaluation_that_allowed_it(
    store: AuditStore,
) -> None:
    _evaluate(store, "sha256:one", GOOD)
    promoted = promote(store, "sha256:one")
    (evaluation,) = store.events(event_type=EventType.MODEL_EVALUATED)
    assert promoted.payload["evaluation_event_id"] == evaluation.event_id
    current = promoted_adapter(store)
    assert current is not None and current.payload["adapter_revision"] == "sha256:one"


def test_a_failed_gate_refuses_promotion_and_keeps_the_current_model(store: AuditStore) -> None:
    _evaluate(store, "sha256:one", GOOD)
    promote(store, "sha256:one")
    _evaluate(store, "sha256:two", GOOD.model_copy(update={"critical_flags_lost": 2}))
    with pytest.raises(FlowError, match="critical_flags_lost"):
        promote(store, "sha256:two")
    current = promoted_adapter(store)
    assert current is not None and current.payload["adapter_revision"] == "sha256:one"


def test_an_adapter_never_evaluated_cannot_be_promoted(store: AuditStore) -> None:
    with pytest.raises(FlowError, match="no evaluation"):
        promote(store, "sha256:unknown")


def test_rollback_promotes_the_previous_adapter_again(store: AuditStore) -> None:
    _evaluate(store, "sha256:one", GOOD)
    promote(store, "sha256:one")
    _evaluate(store, "sha256:two", GOOD)
    promote(store, "sha256:two")
    rollback = promote(store, "sha256:one", reason="rollback: more reviews overturned")
    assert rollback.payload["replaces"] == "sha256:two"
    current = promoted_adapter(store)
    assert current is not None and current.payload["adapter_revision"] == "sha256:one"
