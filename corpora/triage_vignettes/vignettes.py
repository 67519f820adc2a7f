"""Triage vignettes with their ESI level, written from the ESI Handbook's criteria and examples.

A set is a table of scenarios and a note style (`sets/NAME.toml`, read by `catalogue.py`:
count, seed, file prefix, style name, scenarios); `styles.py` writes the note of each style. Independent of the rules on purpose: nothing here imports
extractors/, and the scenarios are phrased from the handbook's case descriptions (chief
complaint, history, age/sex, vital signs), not from the rules' word lists. Each scenario
states the ESI level the handbook's algorithm gives it and the red-flag kinds a nurse would
name; vital signs are drawn inside the ranges that keep that level true, and the flags they
imply are added by definition (SpO2 < 92 % is hypoxaemia, SBP < 90 or, in an adult, HR/SBP >
1.0 haemodynamic instability).
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from schemas.outputs.clinical import triage_tier


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
        "tier": triage_tier(scenario.esi),
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


def scenario_from_row(row: dict[str, Any]) -> Scenario:
    ranges = {k: tuple(v) for k, v in row.items() if isinstance(v, list) and k != "complaints"}
    ranges.pop("flags", None)
    return Scenario(
        esi=row["esi"],
        complaints=tuple(row["complaints"]),
        flags=frozenset(row.get("flags", ())),
        age_unit=row.get("age_unit", "years"),
        **ranges,  # type: ignore[arg-type]
    )
