"""A transport for tests of the generation loop: no model, no server, answers in microseconds.

It speaks the `Transport` protocol exactly (extractors.llm.base) and answers from a script:
text (valid JSON or not), an error to raise, or, once the script is spent, the rules' answer
for the chunk it was sent, which is schema-valid and depends on the text, like a model's.
Tokens are words, so chunking is easy to reason about. It lives with the tests, not in the
product: the product's model-free backend is the rules baseline, which says what it is.

The real protocol (HTTP, vLLM's request and response, a model decoding under the schema) is
tested against tests/llm/standin.py; this fake is for the loop around it.
"""

from __future__ import annotations

import json
from collections import deque
from collections.abc import Callable, Iterable
from typing import Any

from extractors.errors import BackendError
from extractors.llm.base import Completion, Messages, generation_request
from extractors.llm.prompting import prompt_ref
from extractors.llm.rules import RulesBackend
from schemas.document import Domain
from schemas.generation import DecodingParams, InstructionsRef, ModelIdentity
from schemas.outputs import SchemaRef

Answer = str | BackendError | Callable[[Messages, SchemaRef], str]
FINGERPRINT = "scripted-0"


def chunk_text(messages: Messages) -> str:
    """The document text a chat carries (after the user message's 'Document...:' line)."""
    return messages[-1]["content"].split("\n\n", 1)[1]


def rules_answer(messages: Messages, schema: SchemaRef) -> str:
    """What the rules make of the chunk: a schema-valid answer that depends on the text."""
    request = generation_request(schema.domain, chunk_text(messages))
    return RulesBackend().generate(request).raw_output


def rules_output(domain: Domain, text: str) -> dict[str, Any]:
    output: dict[str, Any] = json.loads(
        RulesBackend().generate(generation_request(domain, text)).raw_output
    )
    return output


class ScriptedTransport:
    chunk_margin = 0
    structured_output = "scripted answers (tests)"

    def __init__(
        self,
        answers: Iterable[Answer] = (),
        *,
        max_context: int | None = None,
        decoding: DecodingParams | None = None,
    ) -> None:
        self.script: deque[Answer] = deque(answers)
        self.max_context = max_context
        self.decoding = decoding or DecodingParams(max_tokens=16, stop_repeated_tokens=0)
        self.sent: list[Messages] = []

    def identity(self) -> ModelIdentity:
        return ModelIdentity(
            backend="openai-compatible",
            is_language_model=True,
            model_id="scripted",
            revision="test",
            server_url="scripted://",
            max_context=self.max_context,
            token_counter="words",
        )

    def instructions(self, domain: Domain) -> InstructionsRef:
        return prompt_ref(domain)

    def count_tokens(self, text: str) -> int:
        return len(text.split())

    def count_prompt_tokens(self, messages: Messages) -> int:
        return sum(self.count_tokens(message["content"]) for message in messages)

    def complete(
        self, messages: Messages, json_schema: dict[str, object], schema: SchemaRef
    ) -> Completion:
        self.sent.append(messages)
        answer = self.script.popleft() if self.script else rules_answer
        if isinstance(answer, BackendError):
            raise answer
        text = answer if isinstance(answer, str) else answer(messages, schema)
        return Completion(text, {"messages": messages, "schema": schema.schema_id}, FINGERPRINT)
