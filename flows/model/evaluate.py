"""`attest model evaluate`: measure a candidate adapter (and the model in use now) for the plan.

Two measurements, both with the real pipeline stages:
- the plan's evaluation set (a labelled folder in the `eval flags` layout), through
  flows.evaluation: schema-valid share, grounded share of flag evidence, micro flag F1;
- a back-test: a what-if replay (flows.replay) of past runs' decisions with the candidate,
  counting decisions it would make less urgent than recorded (new under-triage: a higher ESI
  level) and high-severity flags it would drop (critical flags lost). Each replay is appended
  to the trail as a `decision_replayed` event, as any what-if is.
"""

from __future__ import annotations

from pathlib import Path

from audit import AuditStore
from flows.errors import ConfigError
from flows.evaluation import evaluate
from flows.model.plan import Metrics
from flows.pipeline import build_backend
from flows.replay import replay_run
from flows.settings import Settings


def measure(
    settings: Settings, eval_set: Path | None, store: AuditStore, backtest_runs: list[str]
) -> Metrics:
    if eval_set is None:
        raise ConfigError(
            "the change-control plan names no eval_set",
            hint="add `eval_set: FOLDER` (the `eval flags` layout) to the plan file",
        )
    result = evaluate(eval_set, settings)
    under_triage = critical_lost = 0
    if backtest_runs:
        backend = build_backend(settings)
        for run_id in backtest_runs:
            for replay in replay_run(store, run_id, backend, what_if=True).replays:
                for diff in replay.differences:
                    if diff.field == "triage_level" and _less_urgent(diff.recorded, diff.replayed):
                        under_triage += 1
                    if diff.field.endswith("_flags"):
                        critical_lost += len(_high_kinds(diff.recorded) - _kinds(diff.replayed))
    return Metrics(
        documents=result.documents,
        schema_valid=result.schema_validity_rate,
        grounded=result.grounding_rate,
        flag_f1=result.micro.f1,
        new_under_triage=under_triage,
        critical_flags_lost=critical_lost,
    )


def _less_urgent(recorded: object, replayed: object) -> bool:
    return isinstance(recorded, int) and isinstance(replayed, int) and replayed > recorded


def _kinds(flags: object) -> set[str]:
    return {f["kind"] for f in flags} if isinstance(flags, list) else set()


def _high_kinds(flags: object) -> set[str]:
    if not isinstance(flags, list):
        return set()
    return {f["kind"] for f in flags if f.get("severity") == "high"}
