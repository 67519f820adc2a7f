"""Triage vignettes with their ESI level, written from the ESI Handbook's criteria and examples.

One generator for every labelled set: a set is a table of scenarios and a note style
(`sets/NAME.toml`: count, seed, file prefix, style name, scenarios), and `styles.py` writes
the note of each style. Independent of the rules on purpose: nothing here imports
extractors/, and the scenarios are phrased from the handbook's case descriptions (chief
complaint, history, age/sex, vital signs), not from the rules' word lists. Each scenario
states the ESI level the handbook's algorithm gives it and the red-flag kinds a nurse would
name; vital signs are drawn inside the ranges that keep that level true, and the flags they
imply are added by definition (SpO2 < 92 % is hypoxaemia, SBP < 90 or, in an adult, HR/SBP >
1.0 haemodynamic instability).
"""

from __future__ import annotations

import json
import random
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

SETS_FOLDER = Path(__file__).parent / "sets"


def tier(esi: int) -> str:
    """Three tiers: critical (ESI 1-2), urgent (3), routine (4-5)."""
    return "critical" if esi <= 2 else "urgent" if esi == 3 else "routine"


@dataclass(frozen=True)
class Scenario:
    esi: int
    complaints: tuple[str, ...]
    flags: frozenset[str] = frozenset()
    hr: tuple[int, int] = (64, 96)
    sbp: tuple[int, int] = (108, 148)
    rr: tuple[int, int] = (12, 18)
    spo2: tuple[int, int] = (95, 100)
    temp: tuple[float, float] = (36.4, 37.4)
    age: tuple[int, int] = (18, 80)
    age_unit: str = "years"


@dataclass(frozen=True)
class Vitals:
    hr: int
    sbp: int
    dbp: int
    rr: int
    spo2: int
    temp: float  # °C
    adult: bool  # 18 or older: the shock index (HR/SBP) is an adult's measure

    @property
    def temp_f(self) -> float:
        return self.temp * 9 / 5 + 32


def draw_age(rng: random.Random, scenario: Scenario) -> int:
    return rng.randint(*scenario.age)


def draw_vitals(rng: random.Random, scenario: Scenario, age: int, dbp_ratio: float = 0.6) -> Vitals:
    hr, sbp = rng.randint(*scenario.hr), rng.randint(*scenario.sbp)
    rr, spo2 = rng.randint(*scenario.rr), rng.randint(*scenario.spo2)
    temp = round(rng.uniform(*scenario.temp), 1)
    adult = scenario.age_unit == "years" and age >= 18
    return Vitals(hr, sbp, int(sbp * dbp_ratio), rr, spo2, temp, adult)


# A note style: draws what it needs from rng (in its own order, so that a set regenerates
# byte for byte) and returns the note and the vital signs it wrote.
Style = Callable[[random.Random, Scenario], tuple[str, Vitals]]


def label(scenario: Scenario, vitals: Vitals) -> dict[str, object]:
    flags = set(scenario.flags)
    if 0 < vitals.spo2 < 92:
        flags.add("Hypoxaemia")
    shock_index = vitals.adult and vitals.sbp and vitals.hr / vitals.sbp > 1.0
    if vitals.sbp and (vitals.sbp < 90 or shock_index):
        flags.add("Hemodynamic Instability")
    return {
        "domain": "clinical",
        "esi": scenario.esi,
        "tier": tier(scenario.esi),
        "flags": sorted(flags),
    }


@dataclass(frozen=True)
class VignetteSet:
    name: str
    count: int
    seed: int
    prefix: str
    style: str
    scenarios: tuple[Scenario, ...] = field(repr=False)


def _scenario(row: dict[str, Any]) -> Scenario:
    ranges = {k: tuple(v) for k, v in row.items() if isinstance(v, list) and k != "complaints"}
    ranges.pop("flags", None)
    return Scenario(
        esi=row["esi"],
        complaints=tuple(row["complaints"]),
        flags=frozenset(row.get("flags", ())),
        age_unit=row.get("age_unit", "years"),
        **ranges,  # type: ignore[arg-type]
    )


def set_names() -> list[str]:
    return sorted(path.stem for path in SETS_FOLDER.glob("*.toml"))


def load_set(name: str) -> VignetteSet:
    table = tomllib.loads((SETS_FOLDER / f"{name}.toml").read_text(encoding="utf-8"))
    return VignetteSet(
        name=name,
        count=table["count"],
        seed=table["seed"],
        prefix=table["prefix"],
        style=table["style"],
        scenarios=tuple(_scenario(row) for row in table["scenario"]),
    )


def generate_set(
    vignettes: VignetteSet, count: int | None = None, seed: int | None = None
) -> list[tuple[str, dict[str, object]]]:
    from flows.triage_eval.styles import STYLES

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
