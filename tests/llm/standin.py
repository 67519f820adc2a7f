"""A stand-in for `vllm serve`: the same OpenAI-compatible protocol over real HTTP, really
decoding under the requested JSON schema with a tiny random model through Outlines.

It validates requests the way vLLM does (unknown model: 404; bad temperature, unknown
response_format type, a json_schema without a schema, prompt + max_tokens beyond the context:
400) and, like vLLM, ignores keys it does not know (so a client sending the obsolete
`guided_json` gets unconstrained text, exactly the trap DESIGN.md describes). Faults can be
queued (HTTP 500, a hang, malformed JSON) and the server stopped mid-run; a fixed latency and a
concurrency limit model a busy GPU server for the throughput benchmark.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import socket
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import uvicorn
from fastapi import FastAPI, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse

RESPONSE_FORMAT_TYPES = {"text", "json_object", "json_schema", "structural_tag"}


@dataclass
class StandInConfig:
    model_dir: Path
    served_model_name: str = "attest-tiny"
    root: str = "/models/attest-tiny@rev-1"
    latency_s: float = 0.0
    concurrency: int = 64
    replay_decoded: bool = False
    """Decode once per schema, then replay those bytes: throughput benchmarks only."""
    api_key: str | None = None
    tokenize: bool = True
    adapters: dict[str, str] = field(default_factory=dict)
    """LoRA adapters served as vLLM's --lora-modules NAME=PATH: listed in /v1/models with
    `parent` = the base model's name and `root` = PATH; requests may name them. The stand-in
    decodes them with the base weights: it tests the protocol and the pins, not the LoRA maths."""
    """False: no /tokenize route (HTTP 404), like llama.cpp's server, SGLang or a gateway."""
    faults: deque[str] = field(default_factory=deque)
    """Consumed one per chat request: '500', 'hang', 'bad-json'."""
    received: list[dict[str, Any]] = field(default_factory=list)
    """Every chat request body, as parsed JSON, in arrival order."""
    arrivals: list[float] = field(default_factory=list)
    """time.monotonic() of each chat request's arrival."""


def _error(status: int, message: str, kind: str) -> JSONResponse:
    body = {"object": "error", "message": message, "type": kind, "param": None, "code": status}
    return JSONResponse(body, status_code=status)


class TinyDecoder:
    """The tiny model behind a lock: one generation at a time, a generator per schema."""

    def __init__(self, model_dir: Path) -> None:
        import outlines
        import transformers

        self.tokenizer = transformers.AutoTokenizer.from_pretrained(model_dir)
        model = transformers.AutoModelForCausalLM.from_pretrained(model_dir)
        self.config = model.config
        self.model = outlines.from_transformers(model, self.tokenizer)
        self._generators: dict[str, Any] = {}
        self._replay: dict[str, str] = {}
        self._lock = threading.Lock()
        self.requests_decoded = 0

    def count(self, text: str) -> int:
        return len(self.tokenizer(text, add_special_tokens=False)["input_ids"])

    def prompt(self, messages: list[dict[str, str]]) -> str:
        rendered: str = self.tokenizer.apply_chat_template(
            messages, tokenize=False, add_generation_prompt=True
        )
        return rendered

    def decode(
        self,
        prompt: str,
        schema: dict[str, Any] | None,
        max_tokens: int,
        temperature: float,
        seed: int,
        replay: bool,
    ) -> str:
        import outlines
        import torch

        key = hashlib.sha256(json.dumps(schema, sort_keys=True).encode()).hexdigest()
        with self._lock:
            if replay and key in self._replay:
                return self._replay[key]
            if key not in self._generators:
                output_type = outlines.json_schema(json.dumps(schema)) if schema else None
                self._generators[key] = outlines.Generator(self.model, output_type)
            torch.manual_seed(seed)
            sampling = {"do_sample": True, "temperature": temperature} if temperature > 0 else {}
            text: str = self._generators[key](prompt, max_new_tokens=max_tokens, **sampling)
            self.requests_decoded += 1
            self._replay[key] = text
            return text


def create_app(config: StandInConfig, decoder: TinyDecoder) -> FastAPI:
    app = FastAPI()
    slots = asyncio.Semaphore(config.concurrency)
    max_len = int(decoder.config.max_position_embeddings)
    fingerprint = "vllm-standin-0.1-" + hashlib.sha256(config.root.encode()).hexdigest()[:8]

    def authorised(request: Request) -> bool:
        if config.api_key is None:
            return True
        return request.headers.get("authorization") == f"Bearer {config.api_key}"

    @app.get("/health")
    async def health() -> dict[str, str]:
        return {}

    @app.get("/v1/models", response_model=None)
    async def models(request: Request) -> dict[str, Any] | JSONResponse:
        if not authorised(request):
            return _error(401, "Unauthorized", "Unauthorized")
        card = {
            "id": config.served_model_name,
            "object": "model",
            "created": 0,
            "owned_by": "vllm",
            "root": config.root,
            "parent": None,
            "max_model_len": max_len,
        }
        adapters = [
            {**card, "id": name, "root": path, "parent": config.served_model_name}
            for name, path in config.adapters.items()
        ]
        for adapter in adapters:
            del adapter["max_model_len"]  # vLLM lists it on the base model's card only
        return {"object": "list", "data": [card, *adapters]}

    @app.post("/tokenize", response_model=None)
    async def tokenize(request: Request) -> dict[str, Any] | JSONResponse:
        if not config.tokenize:
            return JSONResponse({"detail": "Not Found"}, status_code=404)
        body = await request.json()
        if body.get("model") not in {config.served_model_name, *config.adapters}:
            return _error(404, f"The model `{body.get('model')}` does not exist.", "NotFoundError")
        text = decoder.prompt(body["messages"]) if "messages" in body else str(body["prompt"])
        tokens = decoder.tokenizer(text, add_special_tokens=False)["input_ids"]
        return {"count": len(tokens), "max_model_len": max_len, "tokens": tokens}

    @app.post("/v1/chat/completions", response_model=None)
    async def chat(request: Request) -> dict[str, Any] | JSONResponse:
        if not authorised(request):
            return _error(401, "Unauthorized", "Unauthorized")
        try:
            body = await request.json()
        except json.JSONDecodeError:
            return _error(400, "request body is not JSON", "BadRequestError")
        config.received.append(body)
        config.arrivals.append(time.monotonic())
        model = body.get("model")
        if model not in {config.served_model_name, *config.adapters}:
            return _error(404, f"The model `{model}` does not exist.", "NotFoundError")
        messages = body.get("messages")
        if not isinstance(messages, list) or not messages:
            return _error(400, "messages: field required", "BadRequestError")
        temperature = float(body.get("temperature", 1.0))
        if not 0.0 <= temperature <= 2.0:
            return _error(400, "temperature must be in [0, 2]", "BadRequestError")
        schema: dict[str, Any] | None = None
        response_format = body.get("response_format")
        if response_format is not None:
            kind = response_format.get("type")
            if kind not in RESPONSE_FORMAT_TYPES:
                return _error(400, f"unknown response_format type {kind!r}", "BadRequestError")
            if kind == "json_schema":
                spec = response_format.get("json_schema") or {}
                if "schema" not in spec:
                    return _error(400, "json_schema.schema is required", "BadRequestError")
                schema = spec["schema"]
        max_tokens = int(body.get("max_completion_tokens") or body.get("max_tokens") or 256)
        prompt = decoder.prompt(messages)
        prompt_tokens = decoder.count(prompt)
        if prompt_tokens + max_tokens > max_len:
            return _error(
                400,
                f"This model's maximum context length is {max_len} tokens. However, you "
                f"requested {prompt_tokens + max_tokens} tokens ({prompt_tokens} in the "
                f"messages, {max_tokens} in the completion). Please reduce the length of the "
                "messages or completion.",
                "BadRequestError",
            )
        fault = config.faults.popleft() if config.faults else None
        if fault == "500":
            return _error(500, "internal server error (injected)", "InternalServerError")
        if fault == "hang":
            await asyncio.sleep(3600)
        async with slots:
            if config.latency_s:
                await asyncio.sleep(config.latency_s)
            content = await run_in_threadpool(
                decoder.decode,
                prompt,
                schema,
                max_tokens,
                temperature,
                int(body.get("seed") or 0),
                config.replay_decoded,
            )
        if fault == "bad-json":
            content = content[: len(content) // 2]
        completion_tokens = decoder.count(content)
        return {
            "id": f"chatcmpl-{time.monotonic_ns()}",
            "object": "chat.completion",
            "created": int(time.time()),
            "model": model,
            "system_fingerprint": fingerprint,
            "choices": [
                {
                    "index": 0,
                    "message": {"role": "assistant", "content": content},
                    "finish_reason": "length" if completion_tokens >= max_tokens else "stop",
                }
            ],
            "usage": {
                "prompt_tokens": prompt_tokens,
                "completion_tokens": completion_tokens,
                "total_tokens": prompt_tokens + completion_tokens,
            },
        }

    return app


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


class StandInServer:
    """`with StandInServer(config) as server:` serves on 127.0.0.1 at `server.url`."""

    def __init__(
        self, config: StandInConfig, decoder: TinyDecoder | None = None, port: int | None = None
    ) -> None:
        self.config = config
        self.decoder = decoder or TinyDecoder(config.model_dir)
        self.port = port or free_port()
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    def start(self) -> StandInServer:
        app = create_app(self.config, self.decoder)
        # A request left hanging on purpose ('hang') would hold a graceful shutdown for 30 s.
        settings = uvicorn.Config(
            app,
            host="127.0.0.1",
            port=self.port,
            log_level="warning",
            lifespan="off",
            timeout_graceful_shutdown=1,
        )
        self._server = uvicorn.Server(settings)
        self._thread = threading.Thread(target=self._server.run, daemon=True)
        self._thread.start()
        deadline = time.monotonic() + 30
        while not self._server.started:
            if time.monotonic() > deadline:
                raise RuntimeError("the stand-in server did not start within 30 s")
            time.sleep(0.02)
        return self

    def stop(self) -> None:
        if self._server is not None and self._thread is not None:
            self._server.should_exit = True
            self._thread.join(timeout=30)
        self._server = self._thread = None

    def __enter__(self) -> StandInServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
