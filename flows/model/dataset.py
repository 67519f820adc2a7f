"""`attest model dataset`: chat-format training data from what reviewers confirmed.

One example per reviewed decision, in the `messages` layout TRL and OpenAI fine-tuning read:
the system and user messages the model is given (extractors.llm.prompting, the redacted text
only: the trail never holds an original), then the assistant message the model should have
written. The target is the reviewer's value for an override and the pipeline's own output for
an approval; a decision without a review teaches nothing and is left out, and so is an override
still waiting for its second reviewer (four eyes) until one confirms it. The last review of a decision counts.

The manifest lists the hash of every trail event an example came from (decision, review,
redacted text); its own hash is recorded in the trail as a `model_dataset_exported` event, so
a trained adapter can name exactly which reviewed decisions it learned from. Examples from
labelled corpora (flows.model.labelled) follow, their corpora listed in the manifest.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from audit import AuditStore
from extractors.llm.prompting import chat_messages, prompt_ref
from schemas.canonical import sha256_hex, sha256_of
from schemas.document import Domain
from schemas.events import EventType, StoredEvent
from schemas.model_events import ModelDatasetExported
from schemas.outputs import OUTPUT_MODELS

DATASET_FILE, MANIFEST_FILE = "train.jsonl", "manifest.json"
MODEL_RUN_ID = "model-lifecycle"
"""The run id of model life-cycle events: they belong to no batch run."""


@dataclass(frozen=True)
class Example:
    domain: Domain
    messages: list[dict[str, str]]
    sources: list[str]
    """Hashes of the trail events it came from."""


def target_json(domain: Domain, output: dict[str, Any]) -> str:
    """The assistant message: the output in the schema's field order, as a model writes it."""
    return OUTPUT_MODELS[domain].model_validate(output).model_dump_json()


def example_for(
    domain: Domain, redacted_text: str, output: dict[str, Any], part: int = 1, parts: int = 1
) -> list[dict[str, str]]:
    """The chat the model is sent for this text (one chunk `part` of `parts`), then the target."""
    return [
        *chat_messages(domain, redacted_text, part, parts),
        {"role": "assistant", "content": target_json(domain, output)},
    ]


def reviewed_examples(store: AuditStore) -> list[Example]:
    confirmed = {
        e.payload.get("review_event_id")
        for e in store.events(event_type="override_confirmed")
        if e.payload.get("action") == "confirm"
    }
    reviews: dict[str, StoredEvent] = {}
    for event in store.events(event_type=EventType.DECISION_REVIEWED):
        waiting = event.payload.get("needs_second_reviewer") and event.event_id not in confirmed
        if event.decision_id and not waiting:
            reviews[event.decision_id] = event
    examples: list[Example] = []
    for decision_id, review in sorted(reviews.items()):
        decisions = store.events(decision_id=decision_id, event_type=EventType.DECISION_RECORDED)
        if not decisions:
            continue
        decision = decisions[0]
        redacted = [
            e
            for e in store.events(doc_id=decision.doc_id, event_type=EventType.DOCUMENT_REDACTED)
            if e.run_id == decision.run_id
        ]
        if not redacted:
            continue
        payload = decision.payload
        if review.payload["action"] == "override":
            target = review.payload["output"]
        else:
            target = payload["output"]
        messages = example_for(payload["domain"], redacted[-1].payload["redacted_text"], target)
        examples.append(
            Example(payload["domain"], messages, [decision.hash, review.hash, redacted[-1].hash])
        )
    return examples


def export_dataset(
    store: AuditStore,
    out: Path,
    *,
    labelled: Sequence[Example] = (),
    corpora: Sequence[dict[str, Any]] = (),
    actor: str = "model-operator",
) -> Path:
    """Write DIR/train.jsonl and DIR/manifest.json, record the export; return the manifest.

    `labelled`: examples from labelled corpora (flows.model.labelled), after the reviewed
    ones; `corpora`: their manifest entries (folder, split, labels hash, redacted texts' hashes).
    """
    reviewed = reviewed_examples(store)
    examples = [*reviewed, *labelled]
    out.mkdir(parents=True, exist_ok=True)
    lines = [json.dumps({"messages": e.messages}, ensure_ascii=False) for e in examples]
    body = "".join(line + "\n" for line in lines)
    (out / DATASET_FILE).write_text(body, encoding="utf-8")
    prompts = {d: prompt_ref(d).sha256 for d in sorted({e.domain for e in examples})}
    manifest: dict[str, Any] = {
        "format": "chat messages (system, user: redacted text, assistant: target JSON)",
        "examples": len(examples),
        "dataset_sha256": sha256_hex(body),
        "prompt_sha256": prompts,
        "source_event_hashes": sorted(h for e in reviewed for h in e.sources),
    }
    if corpora:
        manifest["labelled_corpora"] = list(corpora)
    manifest["manifest_sha256"] = sha256_of(manifest)
    path = out / MANIFEST_FILE
    path.write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    event = ModelDatasetExported(
        examples=len(examples),
        dataset_sha256=manifest["dataset_sha256"],
        manifest_sha256=manifest["manifest_sha256"],
        source_event_hashes=manifest["source_event_hashes"],
    )
    store.append([event.to_event(EventType.MODEL_DATASET_EXPORTED, MODEL_RUN_ID, actor=actor)])
    return path
