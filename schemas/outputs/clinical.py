"""Clinical output: what a model (or the rules baseline) extracts from a redacted clinical note.

Every constraint is one a constrained decoder can enforce: Literals, maxLength, maxItems.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from schemas.outputs.common import Evidence, Severity

SCHEMA_ID = "attest.clinical"
SCHEMA_VERSION = "1.0.0"

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
]

DocumentType = Literal[
    "discharge_summary", "consultation", "progress_note", "referral", "radiology_report", "other"
]


class RedFlag(BaseModel):
    model_config = ConfigDict(extra="forbid")

    kind: RedFlagKind
    severity: Severity
    evidence: Evidence


class ClinicalOutput(BaseModel):
    model_config = ConfigDict(extra="forbid")

    document_type: DocumentType
    chief_complaint: Annotated[str, Field(max_length=200)]
    diagnoses: list[Annotated[str, Field(max_length=120)]] = Field(max_length=8)
    medications: list[Annotated[str, Field(max_length=80)]] = Field(max_length=12)
    triage_level: Literal[1, 2, 3, 4, 5] = Field(
        description="Emergency Severity Index: 1 needs immediate life-saving care, 5 is non-urgent"
    )
    red_flags: list[RedFlag] = Field(max_length=9)
