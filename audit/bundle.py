"""Evidence bundles: one run's decisions, summaries, schemas and prompts, the chain segment
and a checkpoint, with a manifest of SHA-256 sums that verifies offline on another machine.

Layout of a bundle folder:
    manifest.json            {"files": {"PATH": "sha256"}, "run_id": ..., "created_at": ...}
    decisions.jsonl          the run's decision payloads, one per line, with their ids
    chain.jsonl              every event of the run as stored (seq, hashes, canonical payload)
    summaries/DECISION.md    the rendered summaries
    schemas/SHA256.json      the output schemas the decisions name, by hash
    instructions/SHA256.txt  the prompts the decisions name, by hash (rule sets by id only)
    checkpoint.json          the signed tree head given to the export, if any
"""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime
from pathlib import Path

from pydantic import BaseModel

from audit.chain import event_hash
from audit.errors import AuditError
from audit.store import AuditStore
from schemas.canonical import canonical_json
from schemas.events import DecisionRecorded, EventType

MANIFEST = "manifest.json"
_HASHED = (
    "seq",
    "event_id",
    "created_at",
    "event_type",
    "run_id",
    "actor",
    "doc_id",
    "decision_id",
    "payload",
    "prev_hash",
)


class BundleReport(BaseModel):
    ok: bool
    files: int
    events: int
    reason: str = ""


def _write(folder: Path, relative: str, data: str, files: dict[str, str]) -> None:
    path = folder / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    raw = data.encode("utf-8")
    path.write_bytes(raw)
    files[relative] = hashlib.sha256(raw).hexdigest()


def export_run(
    store: AuditStore,
    run_id: str,
    folder: Path,
    *,
    schemas: dict[str, str],
    instructions: dict[str, str],
    checkpoint_json: str | None = None,
) -> Path:
    """Write the bundle. `schemas` and `instructions` map a SHA-256 to the document it hashes
    (the caller supplies what this installation has; unknown hashes are listed as missing)."""
    events = store.events(run_id=run_id)
    if not events:
        raise AuditError(f"run {run_id} has no events", hint="list runs with `attest show`")
    folder.mkdir(parents=True, exist_ok=True)
    files: dict[str, str] = {}
    decisions = [e for e in events if e.event_type == EventType.DECISION_RECORDED]
    lines = [
        canonical_json({"decision_id": e.decision_id, "doc_id": e.doc_id, **e.payload})
        for e in decisions
    ]
    _write(folder, "decisions.jsonl", "".join(line + "\n" for line in lines), files)
    chain = [
        canonical_json({**e.model_dump(mode="json"), "payload": canonical_json(e.payload)})
        for e in events
    ]
    _write(folder, "chain.jsonl", "".join(line + "\n" for line in chain), files)
    missing: list[str] = []
    for event in decisions:
        decision = event.typed(DecisionRecorded)
        _write(folder, f"summaries/{event.decision_id}.md", decision.summary, files)
        schema_sha = decision.schema_ref.sha256
        if schema_sha in schemas:
            _write(folder, f"schemas/{schema_sha}.json", schemas[schema_sha], files)
        else:
            missing.append(f"schema {schema_sha}")
        instruction_sha = decision.instructions.sha256
        if decision.instructions.kind == "prompt":
            if instruction_sha in instructions:
                text = instructions[instruction_sha]
                _write(folder, f"instructions/{instruction_sha}.txt", text, files)
            else:
                missing.append(f"prompt {instruction_sha}")
    if checkpoint_json is not None:
        _write(folder, "checkpoint.json", checkpoint_json, files)
    manifest = {
        "run_id": run_id,
        "created_at": datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z"),
        "files": dict(sorted(files.items())),
        "missing": sorted(set(missing)),
    }
    (folder / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n")
    return folder / MANIFEST


def verify_bundle(folder: Path) -> BundleReport:
    """Offline: every file's SHA-256 matches the manifest, no file is added or missing, and
    the chain segment's hashes and links recompute."""
    manifest = json.loads((folder / MANIFEST).read_text())
    listed: dict[str, str] = manifest["files"]
    present = {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()} - {
        MANIFEST
    }
    if present != set(listed):
        extra = sorted(present - set(listed)) + sorted(set(listed) - present)
        return BundleReport(ok=False, files=len(present), events=0, reason=f"files differ: {extra}")
    for relative, digest in listed.items():
        if hashlib.sha256((folder / relative).read_bytes()).hexdigest() != digest:
            return BundleReport(
                ok=False, files=len(listed), events=0, reason=f"{relative} was altered"
            )
    events = [json.loads(line) for line in (folder / "chain.jsonl").read_text().splitlines()]
    previous: dict[str, object] | None = None
    for event in events:
        fields = {key: event[key] for key in _HASHED if key != "payload"}
        problem = ""
        if event_hash(**fields, payload_json=event["payload"]) != event["hash"]:
            problem = "does not hash to its stored hash"
        # A run's events need not be contiguous in the chain; where they are, they must link.
        elif (
            previous is not None
            and event["seq"] == previous["seq"] + 1  # type: ignore[operator]
            and event["prev_hash"] != previous["hash"]
        ):
            problem = "does not follow its predecessor"
        if problem:
            reason = f"chain record seq {event['seq']} {problem}"
            return BundleReport(ok=False, files=len(listed), events=len(events), reason=reason)
        previous = event
    return BundleReport(ok=True, files=len(listed), events=len(events))
