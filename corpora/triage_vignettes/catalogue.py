"""The labelled triage sets: `sets/NAME.toml` read, generated in its style, written in the
eval layout (documents/NAME.txt and labels.json, read by `attest eval flags|triage`)."""

from __future__ import annotations

import json
import random
import tomllib
from pathlib import Path

from corpora.triage_vignettes import plain
from corpora.triage_vignettes.styles import STYLES
from corpora.triage_vignettes.vignettes import VignetteSet, label, scenario_from_row

SETS_FOLDER = Path(__file__).parent / "sets"
# Sets written by a module of their own rather than a sets/NAME.toml of Scenario rows: their
# author did not read the Scenario generator (plain.py says how heldout-h was written).
OWN_GENERATORS = {plain.NAME: plain.write}


def set_names() -> list[str]:
    return sorted([*(path.stem for path in SETS_FOLDER.glob("*.toml")), *OWN_GENERATORS])


def load_set(name: str) -> VignetteSet:
    table = tomllib.loads((SETS_FOLDER / f"{name}.toml").read_text(encoding="utf-8"))
    return VignetteSet(
        name=name,
        count=table["count"],
        seed=table["seed"],
        prefix=table["prefix"],
        style=table["style"],
        scenarios=tuple(scenario_from_row(row) for row in table["scenario"]),
    )


def generate_set(
    vignettes: VignetteSet, count: int | None = None, seed: int | None = None
) -> list[tuple[str, dict[str, object]]]:
    style = STYLES[vignettes.style]
    rng = random.Random(vignettes.seed if seed is None else seed)
    notes = []
    for number in range(vignettes.count if count is None else count):
        scenario = vignettes.scenarios[number % len(vignettes.scenarios)]
        text, vitals = style(rng, scenario)
        notes.append((text, label(scenario, vitals)))
    return notes


def write_named_set(
    name: str, folder: Path, count: int | None = None, seed: int | None = None
) -> int:
    """The eval layout: documents/NAME.txt and labels.json (read by `attest eval flags|triage`)."""
    if name in OWN_GENERATORS:
        return OWN_GENERATORS[name](folder, count, seed)
    vignettes = load_set(name)
    documents = folder / "documents"
    documents.mkdir(parents=True, exist_ok=True)
    labels: dict[str, dict[str, object]] = {}
    for number, (text, note_label) in enumerate(generate_set(vignettes, count, seed)):
        file_name = f"{vignettes.prefix}-{number:04d}.txt"
        (documents / file_name).write_text(text, encoding="utf-8")
        labels[file_name] = note_label
    (folder / "labels.json").write_text(json.dumps(labels, indent=1, sort_keys=True) + "\n")
    return len(labels)


def generate(count: int, seed: int) -> list[tuple[str, dict[str, object]]]:
    """`count` vignettes of the first dev set's scenarios and style."""
    return generate_set(load_set("dev"), count, seed)


def write_set(folder: Path, count: int, seed: int) -> int:
    """`attest eval triage-sample`: the first dev set's scenarios and style, any count and seed."""
    return write_named_set("dev", folder, count, seed)
