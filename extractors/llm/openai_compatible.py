"""A vLLM server (or any server speaking its OpenAI-compatible API) under JSON-schema
structured output.

Requests are chat completions with `response_format: {"type": "json_schema", ...}` (the form
vLLM enforces; its old `guided_json` key is silently ignored and must never be relied on),
temperature 0, a recorded seed and `max_tokens`. The exact request bodies are hashed into the
decision. Identity comes from `/v1/models` (id, root, max_model_len); a pinned run refuses to
start when the server serves something else. Token counts for chunking come from the server's
own `/tokenize`, so they are in the model's tokens; a server without it (llama.cpp's server,
SGLang, a gateway: HTTP 404) is counted by extractors.llm.token_count instead, and the identity
records which counter was used.
"""

from __future__ import annotations

import json
import time
from functools import cached_property
from pathlib import Path
from typing import Any

import httpx
import openai

from extractors.checks import SchemaViolation, parse_output
from extractors.errors import BackendError, ModelMismatch
from extractors.llm.base import GenerationRequest
from extractors.llm.chunking import chunks_for_context, merged_raw_output
from extractors.llm.prompting import chat_messages, prompt_ref
from extractors.llm.token_count import SERVER_COUNTER, LocalCounter, local_counter
from schemas.canonical import sha256_of
from schemas.document import Domain
from schemas.generation import DecodingParams, GenerationResult, InstructionsRef, ModelIdentity


class OpenAICompatibleBackend:
    def __init__(
        self,
        url: str,
        model: str,
        *,
        api_key: str | None = None,
        expected_root: str | None = None,
        decoding: DecodingParams | None = None,
        timeout_s: float = 120.0,
        attempts: int = 3,
        backoff_s: float = 1.0,
        tokenizer_dir: Path | None = None,
    ) -> None:
        self.url = url.rstrip("/")
        self.model = model
        self.expected_root = expected_root
        self.decoding = decoding or DecodingParams()
        self.attempts = max(1, attempts)
        self.backoff_s = backoff_s
        self.tokenizer_dir = tokenizer_dir
        # Our own retries (counted and recorded), not the client's hidden ones.
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

    # -- generation -------------------------------------------------------------------------

    def _auth(self) -> dict[str, str]:
        key = self._client.api_key
        return {"Authorization": f"Bearer {key}"} if key and key != "unused" else {}

    def _tokenize(self, text: str) -> httpx.Response:
        root = self.url.removesuffix("/v1")
        return self._http.post(
            f"{root}/tokenize", json={"model": self.model, "prompt": text}, headers=self._auth()
        )

    @cached_property
    def _local(self) -> LocalCounter | None:
        """None while the server counts; the local counter when it has no /tokenize (404)."""
        probe = self._request_with_retries(lambda: self._tokenize(""), "tokenize", allow=(404,))
        return local_counter(self.tokenizer_dir) if probe.status_code == 404 else None

    def count_tokens(self, text: str) -> int:
        if self._local is not None:
            return self._local.count(text)
        response = self._request_with_retries(lambda: self._tokenize(text), "tokenize")
        return int(response.json()["count"])

    def _body(self, request: GenerationRequest, text: str, part: int, parts: int) -> dict[str, Any]:
        return {
            "model": self.model,
            "messages": chat_messages(request.domain, text, part, parts),
            "response_format": {
                "type": "json_schema",
                "json_schema": {
                    "name": request.schema_ref.schema_id.replace(".", "_"),
                    "schema": request.json_schema,
                    "strict": True,
                },
            },
            "temperature": self.decoding.temperature,
            "seed": self.decoding.seed,
            "max_tokens": self.decoding.max_tokens,
        }

    def _chunks(self, request: GenerationRequest) -> list[str]:
        empty_prompt = json.dumps(chat_messages(request.domain, "", 2, 2), ensure_ascii=False)
        return chunks_for_context(
            request.redacted_text,
            context=self.identity().max_context,
            prompt_tokens=self.count_tokens(empty_prompt),
            output_tokens=self.decoding.max_tokens,
            count=self.count_tokens,
        )

    def generate(self, request: GenerationRequest) -> GenerationResult:
        chunks = self._chunks(request)
        bodies: list[dict[str, Any]] = []
        contents: list[str] = []
        attempts, fingerprint = 0, None
        for part, text in enumerate(chunks, start=1):
            body = self._body(request, text, part, len(chunks))
            bodies.append(body)
            content, used, fingerprint = self._complete(body, request.domain)
            attempts += used
            contents.append(content)
        raw = merged_raw_output(request.domain, contents)
        identity = self.identity().model_copy(update={"system_fingerprint": fingerprint})
        return GenerationResult(
            raw_output=raw,
            identity=identity,
            instructions=prompt_ref(request.domain),
            decoding=self.decoding,
            request_sha256=sha256_of(bodies if len(bodies) > 1 else bodies[0]),
            structured_output="server-side: response_format json_schema (strict)",
            attempts=attempts,
            chunks=len(chunks),
        )

    def _complete(self, body: dict[str, Any], domain: Domain) -> tuple[str, int, str | None]:
        """One chat completion whose content fits the schema, with bounded retries."""
        last: Exception | None = None
        for attempt in range(1, self.attempts + 1):
            try:
                completion = self._client.chat.completions.create(**body)
                content = completion.choices[0].message.content or ""
                parse_output(domain, content)
                return content, attempt, completion.system_fingerprint
            except (openai.APITimeoutError, openai.APIConnectionError) as error:
                last = error
            except openai.APIStatusError as error:
                if error.status_code < 500 and error.status_code != 429:
                    raise BackendError(
                        f"the model server refused the request: HTTP {error.status_code}",
                        hint="a configuration problem (model name, context length); "
                        "the document stays in the inbox",
                        retryable=False,
                    ) from error
                last = error
            except SchemaViolation as error:
                last = error
            if attempt < self.attempts:
                time.sleep(self.backoff_s * 2 ** (attempt - 1))
        raise BackendError(
            f"no schema-valid answer from {self.url} after {self.attempts} attempts: "
            f"{_describe(last)}",
            hint="check the model server; the document stays in the inbox for the next run",
            retryable=False,
        ) from last

    def _request_with_retries(
        self, call: Any, what: str, allow: tuple[int, ...] = ()
    ) -> httpx.Response:
        last: Exception | None = None
        for attempt in range(1, self.attempts + 1):
            try:
                response: httpx.Response = call()
                if response.status_code in allow:
                    return response
                if response.status_code < 500:
                    response.raise_for_status()
                    return response
                last = httpx.HTTPStatusError(
                    f"HTTP {response.status_code}", request=response.request, response=response
                )
            except httpx.HTTPStatusError as error:
                raise BackendError(
                    f"the model server refused {what}: HTTP {error.response.status_code}",
                    hint="check the model name and the server version",
                    retryable=False,
                ) from error
            except httpx.HTTPError as error:
                last = error
            if attempt < self.attempts:
                time.sleep(self.backoff_s * 2 ** (attempt - 1))
        raise BackendError(
            f"{what} failed at {self.url} after {self.attempts} attempts: {_describe(last)}",
            hint="check the model server; the document stays in the inbox for the next run",
            retryable=False,
        ) from last


def _describe(error: Exception | None) -> str:
    if isinstance(error, SchemaViolation):
        return error.message
    if isinstance(error, openai.APIStatusError):
        return f"HTTP {error.status_code}"
    return type(error).__name__ if error else "unknown error"


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
