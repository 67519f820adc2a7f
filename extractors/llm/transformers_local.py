"""A local model directory (Hugging Face layout) run through Outlines on this machine's CPU or
GPU, under the same JSON-schema constraint as the server backend.

The revision recorded is a SHA-256 over the directory's files, so two runs can prove they used
the same weights, tokenizer and chat template. With a LoRA adapter (extractors.llm.adapters),
the revision stays the base model's and the adapter's own digest is recorded beside it.
Decoding is greedy: the output is a function of
the input. One generation runs at a time (the model is shared by the batch's threads).
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import threading
from functools import cached_property
from pathlib import Path
from typing import Any

from extractors.checks import SchemaViolation, parse_output
from extractors.errors import BackendError
from extractors.llm.base import GenerationRequest
from extractors.llm.chunking import chunks_for_context, merged_raw_output
from extractors.llm.prompting import chat_messages, prompt_ref
from schemas.canonical import sha256_of
from schemas.document import Domain
from schemas.generation import DecodingParams, GenerationResult, InstructionsRef, ModelIdentity
from schemas.outputs import OUTPUT_MODELS


def directory_digest(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest.update(path.relative_to(folder).as_posix().encode())
        with path.open("rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
    return digest.hexdigest()


class TransformersBackend:
    def __init__(
        self,
        model_dir: Path,
        *,
        decoding: DecodingParams | None = None,
        attempts: int = 2,
        adapter_dir: Path | None = None,
    ) -> None:
        if not (model_dir / "config.json").is_file():
            raise BackendError(
                f"{model_dir} is not a model directory (no config.json)",
                hint="point --model-dir at a Hugging Face style folder with weights and tokenizer",
                retryable=False,
            )
        self.model_dir = model_dir
        self.adapter_dir = adapter_dir
        self.decoding = decoding or DecodingParams()
        self.attempts = attempts
        self._lock = threading.Lock()
        self._generators: dict[Domain, Any] = {}

    @cached_property
    def _loaded(self) -> tuple[Any, Any]:
        import outlines
        import transformers

        from extractors.llm.adapters import with_adapter

        self.identity()  # an adapter trained on another base model stops here

        tokenizer = transformers.AutoTokenizer.from_pretrained(self.model_dir)
        model = transformers.AutoModelForCausalLM.from_pretrained(self.model_dir)
        if self.adapter_dir is not None:
            model = with_adapter(model, self.adapter_dir)
        model.eval()  # type: ignore[no-untyped-call]
        return outlines.from_transformers(model, tokenizer), tokenizer  # type: ignore[arg-type]

    @cached_property
    def _revision(self) -> str:
        return "sha256:" + directory_digest(self.model_dir)

    def identity(self) -> ModelIdentity:
        return self._identity

    @cached_property
    def _identity(self) -> ModelIdentity:
        import transformers

        config = transformers.AutoConfig.from_pretrained(self.model_dir)
        return ModelIdentity(
            backend="transformers",
            is_language_model=True,
            model_id=self.model_dir.name,
            revision=self._revision,
            root=str(self.model_dir.resolve()),
            max_context=getattr(config, "max_position_embeddings", None),
            adapter_revision=self._adapter_revision,
        )

    @cached_property
    def _adapter_revision(self) -> str | None:
        if self.adapter_dir is None:
            return None
        from extractors.llm.adapters import check_adapter

        return check_adapter(self.adapter_dir, self._revision)

    def instructions(self, domain: Domain) -> InstructionsRef:
        return prompt_ref(domain)

    def _prompt(self, domain: Domain, text: str, part: int, parts: int) -> str:
        _, tokenizer = self._loaded
        prompt: str = tokenizer.apply_chat_template(
            chat_messages(domain, text, part, parts), tokenize=False, add_generation_prompt=True
        )
        return prompt

    def count_tokens(self, text: str) -> int:
        _, tokenizer = self._loaded
        return len(tokenizer(text, add_special_tokens=False)["input_ids"])

    def _generator(self, domain: Domain) -> Any:
        import outlines

        if domain not in self._generators:
            model, _ = self._loaded
            self._generators[domain] = outlines.Generator(model, OUTPUT_MODELS[domain])
        return self._generators[domain]

    def _chunks(self, request: GenerationRequest) -> list[str]:
        return chunks_for_context(
            request.redacted_text,
            context=self.identity().max_context,
            prompt_tokens=self.count_tokens(self._prompt(request.domain, "", 2, 2)),
            output_tokens=self.decoding.max_tokens,
            count=self.count_tokens,
            margin=16,
        )

    def generate(self, request: GenerationRequest) -> GenerationResult:
        import torch

        chunks = self._chunks(request)
        prompts = [
            self._prompt(request.domain, text, part, len(chunks))
            for part, text in enumerate(chunks, start=1)
        ]
        contents: list[str] = []
        attempts = 0
        with self._lock:
            generator = self._generator(request.domain)
            for prompt in prompts:
                for attempt in range(1, self.attempts + 1):
                    attempts += 1
                    torch.manual_seed(self.decoding.seed)
                    content = generator(
                        prompt, max_new_tokens=self.decoding.max_tokens, do_sample=False
                    )
                    try:
                        parse_output(request.domain, content)
                    except SchemaViolation:
                        if attempt == self.attempts:
                            raise
                        continue
                    contents.append(content)
                    break
        return GenerationResult(
            raw_output=merged_raw_output(request.domain, contents),
            identity=self.identity(),
            instructions=prompt_ref(request.domain),
            decoding=self.decoding,
            request_sha256=sha256_of({"prompts": prompts, "decoding": self.decoding.model_dump()}),
            structured_output=f"outlines {importlib.metadata.version('outlines')} json schema",
            attempts=attempts,
            chunks=len(chunks),
        )
