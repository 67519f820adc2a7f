"""A heldout-h case, written as a plain clinical vignette (chief complaint, history, age/sex, vital
signs) and labelled by a triage nurse's reading of the ESI Implementation Handbook v4, checked
against the Manchester Triage System's discriminators (life threat, haemorrhage, pain, conscious
level, temperature, acuteness).

A case's `vitals` are the readings its level rests on (always written); the other vital signs
come from normal ranges for the age (plain.py) and are written only in part. Red-flag kinds are
those a nurse would name from what the note says; "Hypoxaemia" (SpO2 < 92 %) and "Hemodynamic
Instability" (an adult's SBP < 90 or pulse above SBP) are added from the readings written.
Negated findings ("denies chest pain") never raise a flag."""

from __future__ import annotations

from dataclasses import dataclass, field

Range = tuple[float, float]


@dataclass(frozen=True)
class Case:
    esi: int
    flags: tuple[str, ...]
    ages: tuple[int, int]
    complaints: tuple[str, ...]
    histories: tuple[str, ...]
    unit: str = "y"  # "y", "m" (months), "w" (weeks) or "d" (days)
    sex: str = "any"  # "M", "F" or "any"
    vitals: dict[str, Range] = field(default_factory=dict)
    vitals_note: str = ""  # written in place of readings (an arrest has none)
    injection: bool = False  # the first rendering carries an instruction-like line
