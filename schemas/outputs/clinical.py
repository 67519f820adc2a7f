"""Clinical output: what a model (or the rules baseline) extracts from a redacted clinical note.

Every constraint is one a constrained decoder can enforce: Literals, maxLength, maxItems, and
bounded patterns. Numbers a note states (vital signs, age) are strings of a bounded pattern,
because decoders ignore numeric minimum/maximum.

Versions: 2.0.0 added vital signs (`vital_signs`), the rules behind the triage level
(`triage_reasons`, named after the ESI v4 decision points) and the triage red-flag kinds
(haemodynamic instability, hypoxaemia, syncope, GI bleeding, obstetric emergency). 2.1.0
added an optional `exemplar` to each triage reason: the ESI Handbook example a decision point
read by meaning was nearest to (the rules' reader of meaning fills it; "" otherwise), so a
nurse sees what the note was taken to say. Outputs of 2.0.0 validate unchanged.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from schemas.outputs.common import Evidence, Severity

SCHEMA_ID = "attest.clinical"
SCHEMA_VERSION = "2.1.0"

RedFlagKind = Literal[
    "Chest Pain",
    "Shortness Of Breath",
    "Stroke Symptoms",
    "Suicidal Ideation",
    "Sepsis Signs",
    "Severe Bleeding",
    "Anaphylaxis",
    "Altered Mental Status",
    "Critical Lab Value",
    "Hemodynamic Instability",
    "Hypoxaemia",
    "Syncope",
    "GI Bleeding",
    "Obstetric Emergency",
]
MAX_RED_FLAGS = 14

VitalName = Literal[
    "heart_rate",
    "systolic_bp",
    "diastolic_bp",
    "respiratory_rate",
    "spo2",
    "temperature",
    "gcs",
    "avpu",
    "pain_score",
    "age",
]
# One unit per name, except age: /min (heart and respiratory rate), mmHg, % (SpO2), °C
# (temperature, converted from °F where the note says °F), points (GCS 3-15, pain 0-10),
# AVPU (A, V, P or U), and years, months or days for age.
VitalUnit = Literal["/min", "mmHg", "%", "°C", "points", "AVPU", "years", "months", "days"]
VITAL_VALUE_PATTERN = r"^(?:[0-9]{1,3}(?:\.[0-9])?|[AVPU])$"

# The ESI v4 decision points (ESI Implementation Handbook) and the screens that feed them.
TriageRule = Literal[
    "A: immediate life-saving intervention",
    "B: high-risk situation",
    "B: new confusion, lethargy or disorientation",
    "B: severe pain or distress",
    "C: no resources expected",
    "C: one resource expected",
    "C: two or more resources expected",
    "D: danger-zone vital signs",
    "sepsis screen: qSOFA",
    "sepsis screen: SIRS",
    "shock index above 1.0",
    "fever in an infant of 28 days or less",
]

DocumentType = Literal[
    "discharge_summary", "consultation", "progress_note", "referral", "radiology_report", "other"
]


class RedFlag(BaseModel):
    model_config = ConfigDict(extra="forbid")

    kind: RedFlagKind
    severity: Severity
    evidence: Evidence


class VitalSign(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: VitalName
    value: Annotated[
        str,
        Field(
            pattern=VITAL_VALUE_PATTERN,
            description="the number as written (temperature in °C), or an AVPU letter",
        ),
    ]
    unit: VitalUnit
    evidence: Evidence


class TriageReason(BaseModel):
    model_config = ConfigDict(extra="forbid")

    rule: TriageRule
    evidence: Evidence
    exemplar: Annotated[
        str,
        Field(
            max_length=120,
            description="the handbook example the evidence was read as, when read by meaning",
        ),
    ] = ""


class ClinicalOutput(BaseModel):
    model_config = ConfigDict(extra="forbid")

    document_type: DocumentType
    chief_complaint: Annotated[str, Field(max_length=200)]
    diagnoses: list[Annotated[str, Field(max_length=120)]] = Field(max_length=8)
    medications: list[Annotated[str, Field(max_length=80)]] = Field(max_length=12)
    triage_level: Literal[1, 2, 3, 4, 5] = Field(
        description="Emergency Severity Index: 1 needs immediate life-saving care, 5 is non-urgent"
    )
    red_flags: list[RedFlag] = Field(max_length=MAX_RED_FLAGS)
    vital_signs: list[VitalSign] = Field(default_factory=list, max_length=12)
    triage_reasons: list[TriageReason] = Field(
        default_factory=list,
        max_length=8,
        description="the ESI decision points that set triage_level, each with its evidence",
    )


TriageTier = Literal["critical", "urgent", "routine"]


def triage_tier(level: int) -> TriageTier:
    """The three tiers triage figures are reported in: critical (ESI 1-2), urgent (3), routine
    (4-5)."""
    return "critical" if level <= 2 else "urgent" if level == 3 else "routine"
