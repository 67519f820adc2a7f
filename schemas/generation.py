"""What a generation backend reports: its identity, how it decoded, and the raw output."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

BackendKind = Literal["rules", "openai-compatible", "transformers"]


class ModelIdentity(BaseModel):
    """Who produced an output. The rules baseline says so here: it never poses as a model."""

    model_config = ConfigDict(frozen=True)

    backend: BackendKind
    is_language_model: bool = Field(description="False for the deterministic rules baseline")
    model_id: str = Field(description="server-reported model id, directory name, or rule set id")
    revision: str = Field(description="weights digest / revision, or rule set version+hash")
    server_url: str | None = None
    root: str | None = Field(default=None, description="vLLM's /v1/models 'root'")
    max_context: int | None = Field(default=None, description="context length in model tokens")
    system_fingerprint: str | None = None
    adapter_revision: str | None = Field(
        default=None, description="digest of the LoRA adapter on top of the base model, if any"
    )
    promotion_event_id: str | None = Field(
        default=None,
        description="the `model_promoted` event that named this adapter for runs, when the "
        "adapter in use is the promoted one",
    )
    token_counter: str | None = Field(
        default=None,
        description="how chunking counted tokens: 'server /tokenize', a local tokenizer's "
        "digest, or the stated estimate; None where nothing is chunked",
    )


class DecodingParams(BaseModel):
    model_config = ConfigDict(frozen=True)

    temperature: float = 0.0
    seed: int = 0
    max_tokens: int = 1024
    repetition_penalty: float = Field(
        default=1.0,
        description="1.0: none; above 1.0 discourages repeating tokens (vLLM's sampling "
        "parameter of that name; transformers' generate argument)",
    )
    stop_repeated_tokens: int = Field(
        default=64,
        description="stop decoding once the last N tokens are one block of at most N/8 tokens "
        "repeated (a loop that would run to max_tokens); 0: never. Applied by the "
        "transformers backend; a vLLM server cannot, and records 0",
    )


class InstructionsRef(BaseModel):
    """The prompt template a model was given, or the rule set the baseline applied."""

    model_config = ConfigDict(frozen=True)

    kind: Literal["prompt", "ruleset"]
    id: str
    version: str
    sha256: str


class GenerationResult(BaseModel):
    """A backend's answer before any checking: the exact bytes it returned, and how."""

    model_config = ConfigDict(frozen=True)

    raw_output: str = Field(description="the JSON text exactly as the backend produced it")
    identity: ModelIdentity
    instructions: InstructionsRef
    decoding: DecodingParams | None = Field(default=None, description="None for the rules baseline")
    request_sha256: str | None = Field(
        default=None, description="SHA-256 of the canonical request body sent to a model server"
    )
    structured_output: str | None = Field(
        default=None,
        description="what enforced the schema while decoding, e.g. 'vllm response_format "
        "json_schema' or 'outlines 1.3.3'; None for the rules baseline",
    )
    attempts: int = 1
    chunks: int = Field(default=1, description="how many chunks a long document was split into")
