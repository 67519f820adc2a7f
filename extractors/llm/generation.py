"""The one generation loop for language models: chunk, complete, retry, validate, merge.

Whatever the transport (a vLLM server, local weights), a document is
1. split to fit the model's context, counted in the model's own tokens (extractors.llm.chunking);
2. sent chunk by chunk as chats (extractors.llm.prompting), each completion decoded under the
   domain's JSON schema by the transport;
3. validated against the schema here, once; a completion that does not fit, or a transient
   fault, is retried within a bounded, counted number of attempts (extractors.llm.retries);
4. merged deterministically when there were several chunks; one chunk keeps the model's bytes.

What the trail needs comes back in the `GenerationResult`: the raw output, who made it (with
the server's fingerprint), the prompt and decoding used, the SHA-256 of the exact requests,
what enforced the schema, the attempts and the chunks.
"""

from __future__ import annotations

from functools import partial

from extractors.checks import parse_output
from extractors.llm.base import Completion, GenerationRequest, Messages, Transport
from extractors.llm.chunking import chunks_for_context, merged_raw_output
from extractors.llm.prompting import chat_messages
from extractors.llm.retries import RetryPolicy, with_retries
from schemas.canonical import sha256_of
from schemas.document import Domain
from schemas.generation import GenerationResult, InstructionsRef, ModelIdentity


def document_chunks(request: GenerationRequest, transport: Transport) -> list[str]:
    """The redacted text in pieces that fit the context beside the prompt and the output."""
    # The prompt of a middle chunk: the longest the template gets ("part 2 of 2").
    empty = chat_messages(request.domain, "", 2, 2)
    return chunks_for_context(
        request.redacted_text,
        context=transport.identity().max_context,
        prompt_tokens=transport.count_prompt_tokens(empty),
        output_tokens=transport.decoding.max_tokens,
        count=transport.count_tokens,
        margin=transport.chunk_margin,
    )


def _schema_valid_completion(
    transport: Transport, messages: Messages, request: GenerationRequest
) -> Completion:
    completion = transport.complete(messages, request.json_schema, request.schema_ref)
    parse_output(request.domain, completion.text)  # SchemaViolation: retryable
    return completion


def _answered_by(identity: ModelIdentity) -> str:
    return identity.server_url or identity.root or identity.model_id


def generate(
    request: GenerationRequest, transport: Transport, retry: RetryPolicy | None = None
) -> GenerationResult:
    """A schema-valid output for the document; else a final `SchemaViolation` (no answer fit)
    or `BackendError` (the transport failed)."""
    policy = retry or RetryPolicy()
    chunks = document_chunks(request, transport)
    failed = f"no schema-valid answer from {_answered_by(transport.identity())}"
    completions: list[Completion] = []
    attempts = 0
    for part, text in enumerate(chunks, start=1):
        messages = chat_messages(request.domain, text, part, len(chunks))
        completion, used = with_retries(
            partial(_schema_valid_completion, transport, messages, request), policy, failed=failed
        )
        completions.append(completion)
        attempts += used
    sent = [completion.sent for completion in completions]
    fingerprint = completions[-1].system_fingerprint
    return GenerationResult(
        raw_output=merged_raw_output(request.domain, [c.text for c in completions]),
        identity=transport.identity().model_copy(update={"system_fingerprint": fingerprint}),
        instructions=transport.instructions(request.domain),
        decoding=transport.decoding,
        request_sha256=sha256_of(sent if len(sent) > 1 else sent[0]),
        structured_output=transport.structured_output,
        attempts=attempts,
        chunks=len(chunks),
    )


class ModelBackend:
    """A language model as a `Backend`: its transport, driven by the one generation loop."""

    def __init__(
        self,
        transport: Transport,
        retry: RetryPolicy | None = None,
        *,
        promotion_event_id: str | None = None,
    ) -> None:
        self.transport = transport
        self.retry = retry or RetryPolicy()
        # The promotion that named the adapter in use: recorded with every decision, so each
        # one says which change-control evidence allowed the model that made it.
        self.promotion_event_id = promotion_event_id

    def identity(self) -> ModelIdentity:
        return self._named(self.transport.identity())

    def _named(self, identity: ModelIdentity) -> ModelIdentity:
        if self.promotion_event_id is None:
            return identity
        return identity.model_copy(update={"promotion_event_id": self.promotion_event_id})

    def instructions(self, domain: Domain) -> InstructionsRef:
        return self.transport.instructions(domain)

    def generate(self, request: GenerationRequest) -> GenerationResult:
        result = generate(request, self.transport, self.retry)
        return result.model_copy(update={"identity": self._named(result.identity)})
