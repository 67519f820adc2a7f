"""The one protocol every generation backend implements."""

from __future__ import annotations

from typing import Protocol

from pydantic import BaseModel, ConfigDict

from schemas.document import Domain
from schemas.generation import GenerationResult, InstructionsRef, ModelIdentity
from schemas.outputs import SchemaRef


class GenerationRequest(BaseModel):
    """Everything a backend needs for one document: redacted text only, never the original."""

    model_config = ConfigDict(frozen=True)

    domain: Domain
    redacted_text: str
    schema_ref: SchemaRef
    json_schema: dict[str, object]


class Backend(Protocol):
    def identity(self) -> ModelIdentity:
        """Who will produce outputs; read once at the start of a run and recorded."""
        ...

    def instructions(self, domain: Domain) -> InstructionsRef:
        """The prompt template or rule set used for a domain."""
        ...

    def generate(self, request: GenerationRequest) -> GenerationResult:
        """Return JSON text that should validate against `request.json_schema`."""
        ...
