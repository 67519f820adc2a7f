"""What fills a domain schema for one document, and how a language model is reached.

Two kinds of `Backend` answer `generate(request)`:
- the rules baseline (extractors.llm.rules) is not a language model: it implements `Backend`
  itself and answers in one deterministic pass;
- a language model is reached through a `Transport` (a vLLM server over HTTP, local weights
  through transformers). A transport only sends one schema-constrained completion and counts
  tokens; chunking, retries, validation and merging live once, in extractors.llm.generation,
  whose `ModelBackend` makes any transport a `Backend`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

from pydantic import BaseModel, ConfigDict

from schemas.document import Domain
from schemas.generation import DecodingParams, GenerationResult, InstructionsRef, ModelIdentity
from schemas.outputs import SchemaRef, json_schema, schema_ref

Messages = list[dict[str, str]]
"""A chat: [{"role": "system" | "user", "content": ...}, ...]."""


class GenerationRequest(BaseModel):
    """Everything a backend needs for one document: redacted text only, never the original."""

    model_config = ConfigDict(frozen=True)

    domain: Domain
    redacted_text: str
    schema_ref: SchemaRef
    json_schema: dict[str, object]


def generation_request(domain: Domain, redacted_text: str) -> GenerationRequest:
    """The one way a request is built: the domain's current schema and its reference."""
    return GenerationRequest(
        domain=domain,
        redacted_text=redacted_text,
        schema_ref=schema_ref(domain),
        json_schema=json_schema(domain),
    )


class Backend(Protocol):
    """What the pipeline calls: the rules baseline, or a language model behind a transport."""

    def identity(self) -> ModelIdentity:
        """Who will produce outputs; read once at the start of a run and recorded."""
        ...

    def instructions(self, domain: Domain) -> InstructionsRef:
        """The prompt template or rule set used for a domain."""
        ...

    def generate(self, request: GenerationRequest) -> GenerationResult:
        """Return JSON text that should validate against `request.json_schema`."""
        ...


@dataclass(frozen=True)
class Completion:
    """One completion as a transport got it: the text, and what the trail needs about it."""

    text: str
    sent: dict[str, Any]
    """The exact request (the HTTP body, or the rendered prompt and decoding): its SHA-256 is
    recorded, so two runs can prove they asked the same thing."""
    system_fingerprint: str | None = None


class Transport(Protocol):
    """How a language model is reached: one schema-constrained completion, and token counts.

    A transport does not retry, validate, chunk or merge (extractors.llm.generation does). A
    transient fault (timeout, HTTP 5xx) raises a `BackendError` with `retryable=True`; a fault
    no retry can fix raises one with `retryable=False`.
    """

    @property
    def decoding(self) -> DecodingParams:
        """The decoding parameters this transport applies (recorded with every result)."""
        ...

    @property
    def structured_output(self) -> str:
        """What enforces the schema while decoding, in words (recorded)."""
        ...

    @property
    def chunk_margin(self) -> int:
        """Tokens kept free in the context beside prompt, chunk and output."""
        ...

    def identity(self) -> ModelIdentity: ...

    def instructions(self, domain: Domain) -> InstructionsRef: ...

    def count_tokens(self, text: str) -> int:
        """The text's length in the model's tokens (or a stated upper bound)."""
        ...

    def count_prompt_tokens(self, messages: Messages) -> int:
        """The length of a chat as this transport sends it (template or JSON body)."""
        ...

    def complete(
        self, messages: Messages, json_schema: dict[str, object], schema: SchemaRef
    ) -> Completion:
        """One completion decoded under `json_schema` (named by `schema`)."""
        ...
