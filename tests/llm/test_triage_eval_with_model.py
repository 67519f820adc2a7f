"""`attest eval triage` with a model that cannot answer inside the schema: the note is counted
as schema-invalid and decided by the rules (the floor), as a batch would route it to review;
the evaluation goes on instead of stopping at the first such note."""

from __future__ import annotations

import json
import shutil
from collections import deque
from pathlib import Path

from flows.settings import Settings
from flows.triage_eval.scoring import evaluate_triage
from tests.llm.standin import StandInConfig, StandInServer, TinyDecoder

DEV = Path(__file__).resolve().parent.parent / "data" / "triage" / "dev"


def _two_critical_notes(folder: Path) -> Path:
    labels = json.loads((DEV / "labels.json").read_text(encoding="utf-8"))
    names = sorted(labels)[:2]
    (folder / "documents").mkdir(parents=True)
    for name in names:
        shutil.copy(DEV / "documents" / name, folder / "documents" / name)
    (folder / "labels.json").write_text(json.dumps({n: labels[n] for n in names}))
    return folder


def test_a_note_without_a_schema_valid_answer_is_counted_and_decided_by_the_floor(
    tmp_path: Path, tiny_model_dir: Path, decoder: TinyDecoder
) -> None:
    folder = _two_critical_notes(tmp_path / "set")
    config = StandInConfig(tiny_model_dir)
    config.faults = deque(["bad-json"] * 20)  # every answer cut in half: none fits the schema
    with StandInServer(config, decoder) as server:
        settings = Settings(
            out=tmp_path / "out",
            backend="openai-compatible",
            llm_url=server.url,
            model="attest-tiny",
            max_tokens=1200,
        )
        result = evaluate_triage(folder, settings)
    assert result.documents == 2 and result.schema_invalid == 2
    assert result.critical_below_critical == 0  # the rules' ESI stands for both critical notes
