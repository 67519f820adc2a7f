"""Replay: re-execute recorded decisions from what the trail holds and compare outputs.

A decision is replayed from its own record: the redacted text (from the document's
`document_redacted` event), the domain, the schema, the decoding parameters and the backend.
The current backend's identity is compared with the recorded one first: a different model is
reported as `different_model` and not run, unless the replay is a what-if (`--with-model`),
which runs it on purpose and reports what would change. Every replay appends a
`decision_replayed` event; the original decision is never touched.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from audit import AuditStore
from extractors.llm.base import Backend, generation_request
from flows.errors import FlowError
from schemas.canonical import sha256_hex
from schemas.events import (
    DecisionRecorded,
    DecisionReplayed,
    DocumentRedacted,
    EventType,
    FieldDifference,
    ReplayVerdict,
)
from schemas.generation import ModelIdentity
from schemas.outputs import OUTPUT_MODELS, schema_ref

_IDENTITY_FIELDS = ("backend", "model_id", "revision", "root", "adapter_revision")


def same_model(recorded: ModelIdentity, current: ModelIdentity) -> bool:
    return all(getattr(recorded, f) == getattr(current, f) for f in _IDENTITY_FIELDS)


def differences(recorded: dict[str, Any], replayed: dict[str, Any]) -> list[FieldDifference]:
    return [
        FieldDifference(field=key, recorded=recorded.get(key), replayed=replayed.get(key))
        for key in sorted(set(recorded) | set(replayed))
        if recorded.get(key) != replayed.get(key)
    ]


@dataclass
class RunReplay:
    verdicts: Counter[str] = field(default_factory=Counter)
    flag_changes: Counter[str] = field(default_factory=Counter)
    """For a what-if: '+Kind' flags the candidate adds, '-Kind' flags it drops."""
    replays: list[DecisionReplayed] = field(default_factory=list)


def recorded_identity(
    store: AuditStore, *, decision_id: str | None = None, run_id: str | None = None
) -> ModelIdentity | None:
    """The model a decision (or a run's first decision) recorded; None where there is none."""
    events = store.events(
        decision_id=decision_id, run_id=run_id, event_type=EventType.DECISION_RECORDED
    )
    return events[-1].typed(DecisionRecorded).identity if events else None


def replay_decision(
    store: AuditStore, decision_id: str, backend: Backend, *, what_if: bool = False
) -> DecisionReplayed:
    recorded_events = store.events(decision_id=decision_id, event_type=EventType.DECISION_RECORDED)
    if not recorded_events:
        raise FlowError(f"no decision {decision_id} in the trail", hint="see `attest show`")
    event = recorded_events[-1]
    decision = event.typed(DecisionRecorded)
    redacted_events = [
        e
        for e in store.events(doc_id=event.doc_id, event_type=EventType.DOCUMENT_REDACTED)
        if e.run_id == event.run_id
    ]
    redacted = redacted_events[-1].typed(DocumentRedacted)
    current = backend.identity()
    common: dict[str, Any] = {
        "replayed_decision_id": decision_id,
        "what_if": what_if,
        "identity": current,
        "recorded_identity": decision.identity,
        "instructions_match": backend.instructions(decision.domain) == decision.instructions,
        "schema_match": schema_ref(decision.domain) == decision.schema_ref,
    }
    if not what_if and not same_model(decision.identity, current):
        model_diff = [
            FieldDifference(
                field=f"identity.{f}",
                recorded=getattr(decision.identity, f),
                replayed=getattr(current, f),
            )
            for f in _IDENTITY_FIELDS
            if getattr(decision.identity, f) != getattr(current, f)
        ]
        result = DecisionReplayed(
            **common, verdict="different_model", output_sha256=None, differences=model_diff
        )
    else:
        request = generation_request(decision.domain, redacted.redacted_text)
        raw = backend.generate(request).raw_output
        verdict: ReplayVerdict
        if raw == decision.raw_output:
            verdict, diff = "bit_exact", []
        else:
            model = OUTPUT_MODELS[decision.domain]
            before = model.model_validate_json(decision.raw_output).model_dump(mode="json")
            try:
                after = model.model_validate_json(raw).model_dump(mode="json")
            except ValueError:
                after = {"(output)": "not valid under the schema"}
            diff = differences(before, after)
            verdict = "equal_under_schema" if not diff else "diverged"
        result = DecisionReplayed(
            **common, verdict=verdict, output_sha256=sha256_hex(raw), differences=diff
        )
    store.append(
        [
            result.to_event(
                EventType.DECISION_REPLAYED,
                run_id=event.run_id,
                doc_id=event.doc_id,
                decision_id=decision_id,
                actor="auditor",
            )
        ]
    )
    return result


def replay_run(
    store: AuditStore, run_id: str, backend: Backend, *, what_if: bool = False
) -> RunReplay:
    decisions = store.events(run_id=run_id, event_type=EventType.DECISION_RECORDED)
    if not decisions:
        raise FlowError(f"run {run_id} recorded no decisions", hint="see `attest show`")
    summary = RunReplay()
    for event in decisions:
        assert event.decision_id is not None
        result = replay_decision(store, event.decision_id, backend, what_if=what_if)
        summary.verdicts[result.verdict] += 1
        summary.replays.append(result)
        flags = next((d for d in result.differences if d.field.endswith("_flags")), None)
        if flags is not None:
            before = {f["kind"] for f in flags.recorded or []}
            after = (
                {f["kind"] for f in flags.replayed or []}
                if isinstance(flags.replayed, list)
                else set()
            )
            summary.flag_changes.update(f"+{kind}" for kind in after - before)
            summary.flag_changes.update(f"-{kind}" for kind in before - after)
    return summary


def to_json(summary: RunReplay) -> str:
    return json.dumps(
        {"verdicts": dict(summary.verdicts), "flag_changes": dict(summary.flag_changes)}, indent=2
    )
