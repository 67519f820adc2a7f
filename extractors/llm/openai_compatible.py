"""A vLLM server (or any server speaking its OpenAI-compatible API) as a transport: one chat
completion under JSON-schema structured output, and token counts.

Requests are chat completions with `response_format: {"type": "json_schema", ...}` (the form
vLLM enforces; its old `guided_json` key is silently ignored and must never be relied on),
temperature 0, a recorded seed and `max_tokens`; a `repetition_penalty` other than 1.0 (none)
is sent as vLLM's sampling parameter of that name. The exact request bodies are hashed into the
decision. Identity comes from `/v1/models` (id, root, max_model_len); a pinned run refuses to
start when the server serves something else. Token counts for chunking come from the server's
own `/tokenize`, so they are in the model's tokens; a server without it (llama.cpp's server,
SGLang, a gateway: HTTP 404) is counted by extractors.llm.token_count instead, and the identity
records which counter was used.

Retries, validation, chunking and merging are the generation loop's (extractors.llm.generation):
here a timeout, a refused connection, HTTP 5xx or 429 raise a retryable `BackendError`, another
refusal a final one.
"""

from __future__ import annotations

import json
from functools import cached_property, partial
from pathlib import Path
from typing import Any

import httpx
import openai

from extractors.errors import BackendError, ModelMismatch
from extractors.llm.base import Completion, Messages
from extractors.llm.prompting import prompt_ref
from extractors.llm.retries import RetryPolicy, with_retries
from extractors.llm.token_count import SERVER_COUNTER, LocalCounter, local_counter
from schemas.document import Domain
from schemas.generation import DecodingParams, InstructionsRef, ModelIdentity
from schemas.outputs import SchemaRef

STRUCTURED_OUTPUT = "server-side: response_format json_schema (strict)"
# What the server's sampler does with a loop: nothing stops it but max_tokens (recorded as 0).
_NO_LOOP_STOP = {"stop_repeated_tokens": 0}


class OpenAICompatibleTransport:
    chunk_margin = 32

    def __init__(
        self,
        url: str,
        model: str,
        *,
        api_key: str | None = None,
        expected_root: str | None = None,
        decoding: DecodingParams | None = None,
        timeout_s: float = 120.0,
        tokenizer_dir: Path | None = None,
        retry: RetryPolicy | None = None,
    ) -> None:
        self.url = url.rstrip("/")
        self.model = model
        self.expected_root = expected_root
        self.decoding = (decoding or DecodingParams()).model_copy(update=_NO_LOOP_STOP)
        self.structured_output = STRUCTURED_OUTPUT
        self.tokenizer_dir = tokenizer_dir
        # /tokenize requests are retried like completions (the same policy, counted nowhere).
        self.retry = retry or RetryPolicy()
        # Retries are the generation loop's (counted and recorded), not the client's hidden ones.
        self._client = openai.OpenAI(
            base_url=self.url, api_key=api_key or "unused", timeout=timeout_s, max_retries=0
        )
        self._http = httpx.Client(timeout=timeout_s)

    # -- identity ---------------------------------------------------------------------------

    @cached_property
    def _served(self) -> dict[str, Any]:
        try:
            response = self._http.get(f"{self.url}/models", headers=self._auth())
            response.raise_for_status()
            models = response.json()["data"]
        except (httpx.HTTPError, KeyError, ValueError) as error:
            raise BackendError(
                f"cannot read the model list from {self.url}/models ({type(error).__name__})",
                hint="check --llm-url and that the vLLM server is up (GET /health)",
                retryable=False,
            ) from error
        served = next((m for m in models if m.get("id") == self.model), None)
        if served is None:
            names = ", ".join(sorted(str(m.get("id")) for m in models)) or "none"
            raise ModelMismatch(
                f"the server at {self.url} does not serve model {self.model!r} (it serves: {names})"
            )
        card = dict(served)
        if served.get("parent"):
            card.update(_adapter_card(served, models, self.url))
        pinned = card.get("base_root") if served.get("parent") else served.get("root")
        if self.expected_root is not None and pinned != self.expected_root:
            raise ModelMismatch(
                f"model {self.model!r} at {self.url} is {pinned!r}, "
                f"but this run is pinned to {self.expected_root!r}"
            )
        return card

    def identity(self) -> ModelIdentity:
        served = self._served
        root = served.get("root")
        adapter = served.get("parent") is not None
        return ModelIdentity(
            backend="openai-compatible",
            is_language_model=True,
            model_id=str(served["id"]),
            # For a LoRA adapter the revision is its base model's root, and the adapter's own
            # digest-derived name is recorded beside it.
            revision=str(served.get("base_root") if adapter else root or served["id"]),
            adapter_revision=str(served["id"]) if adapter else None,
            server_url=self.url,
            root=str(root) if root else None,
            max_context=served.get("max_model_len"),
            token_counter=self._local.name if self._local else SERVER_COUNTER,
        )

    def instructions(self, domain: Domain) -> InstructionsRef:
        return prompt_ref(domain)

    # -- token counts -----------------------------------------------------------------------

    def _auth(self) -> dict[str, str]:
        key = self._client.api_key
        return {"Authorization": f"Bearer {key}"} if key and key != "unused" else {}

    def _tokenize(self, text: str, allow: tuple[int, ...] = ()) -> httpx.Response:
        root = self.url.removesuffix("/v1")
        try:
            response = self._http.post(
                f"{root}/tokenize", json={"model": self.model, "prompt": text}, headers=self._auth()
            )
        except httpx.HTTPError as error:
            raise BackendError(type(error).__name__, retryable=True) from error
        if response.status_code in allow or response.status_code < 400:
            return response
        if response.status_code >= 500:
            raise BackendError(f"HTTP {response.status_code}", retryable=True)
        raise BackendError(
            f"the model server refused tokenize: HTTP {response.status_code}",
            hint="check the model name and the server version",
            retryable=False,
        )

    def _tokenized(self, text: str, allow: tuple[int, ...] = ()) -> httpx.Response:
        failed = f"tokenize failed at {self.url}"
        response, _ = with_retries(partial(self._tokenize, text, allow), self.retry, failed=failed)
        return response

    @cached_property
    def _local(self) -> LocalCounter | None:
        """None while the server counts; the local counter when it has no /tokenize (404)."""
        probe = self._tokenized("", allow=(404,))
        return local_counter(self.tokenizer_dir) if probe.status_code == 404 else None

    def count_tokens(self, text: str) -> int:
        if self._local is not None:
            return self._local.count(text)
        return int(self._tokenized(text).json()["count"])

    def count_prompt_tokens(self, messages: Messages) -> int:
        # The body's messages as JSON: an upper bound of what the chat template makes of them.
        return self.count_tokens(json.dumps(messages, ensure_ascii=False))

    # -- completion -------------------------------------------------------------------------

    def body(
        self, messages: Messages, json_schema: dict[str, object], schema: SchemaRef
    ) -> dict[str, Any]:
        """The chat completion request exactly as sent (and hashed into the decision)."""
        body: dict[str, Any] = {
            "model": self.model,
            "messages": messages,
            "response_format": {
                "type": "json_schema",
                "json_schema": {
                    "name": schema.schema_id.replace(".", "_"),
                    "schema": json_schema,
                    "strict": True,
                },
            },
            "temperature": self.decoding.temperature,
            "seed": self.decoding.seed,
            "max_tokens": self.decoding.max_tokens,
        }
        if self.decoding.repetition_penalty != 1.0:
            body["repetition_penalty"] = self.decoding.repetition_penalty
        return body

    def complete(
        self, messages: Messages, json_schema: dict[str, object], schema: SchemaRef
    ) -> Completion:
        body = self.body(messages, json_schema, schema)
        # vLLM's own sampling parameters travel in the body beside OpenAI's (extra_body).
        extra = {key: body[key] for key in _VLLM_ONLY if key in body}
        standard = {key: value for key, value in body.items() if key not in extra}
        try:
            completion = self._client.chat.completions.create(**standard, extra_body=extra or None)
        except (openai.APITimeoutError, openai.APIConnectionError) as error:
            raise BackendError(type(error).__name__, retryable=True) from error
        except openai.APIStatusError as error:
            if error.status_code < 500 and error.status_code != 429:
                raise BackendError(
                    f"the model server refused the request: HTTP {error.status_code}",
                    hint="a configuration problem (model name, context length); "
                    "the document stays in the inbox",
                    retryable=False,
                ) from error
            raise BackendError(f"HTTP {error.status_code}", retryable=True) from error
        content = completion.choices[0].message.content or ""
        return Completion(content, body, completion.system_fingerprint)


_VLLM_ONLY = ("repetition_penalty",)


def _adapter_card(served: dict[str, Any], models: list[dict[str, Any]], url: str) -> dict[str, Any]:
    """What a LoRA adapter's card lacks, from its parent's card; and the name-is-digest pin.

    vLLM lists an adapter served with `--lora-modules NAME=PATH` with `parent` = the base
    model's name and `root` = PATH. attest names adapters by content digest and serves them
    under the folder's own name, so a name that differs from its folder is a reused or
    hand-made name: vLLM may serve stale cached weights under it, and the run refuses.
    """
    parent = next((m for m in models if m.get("id") == served["parent"]), None)
    if parent is None:
        raise ModelMismatch(
            f"adapter {served['id']!r} at {url} names a parent {served['parent']!r} "
            "the server does not list"
        )
    folder = str(served.get("root") or "").rstrip("/").rsplit("/", 1)[-1]
    if folder != served["id"]:
        raise ModelMismatch(
            f"adapter {served['id']!r} at {url} is served from {served.get('root')!r}: the "
            "name must be the adapter folder's digest name (never reuse an adapter name)"
        )
    return {
        "base_root": parent.get("root"),
        "max_model_len": served.get("max_model_len") or parent.get("max_model_len"),
    }
