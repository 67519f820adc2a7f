"""A local model directory (Hugging Face layout) as a transport: greedy completions on this
machine's CPU or GPU (extractors.llm.batch_decoding), under the same JSON-schema constraint as
the server (llguidance through Outlines' backend, extractors.llm.constraint: built once per
schema, in about a second). The system prompt's attention cache is computed once and reused by
every batch (extractors.llm.prefix_cache).

The revision recorded is a SHA-256 over the directory's files, so two runs can prove they used
the same weights, tokenizer and chat template. With a LoRA adapter (extractors.llm.adapters),
the revision stays the base model's and the adapter's own digest is recorded beside it.
Decoding is greedy: the output is a function of the input. A loop (the same few tokens over
and over) stops decoding early instead of running to max_tokens (`stop_repeated_tokens`).
Completions asked for at the same time (the batch's worker threads) are decoded together,
up to `batch_size` sequences in one forward batch (extractors.llm.batching): on a CPU that
multiplies the tokens generated per second.
"""

from __future__ import annotations

from collections.abc import Hashable
from functools import cached_property
from pathlib import Path
from typing import Any

from extractors.errors import BackendError
from extractors.llm.base import Completion, Messages
from extractors.llm.batch_decoding import Budget, greedy_batch
from extractors.llm.batching import Batcher
from extractors.llm.constraint import BatchConstraint, Constraints, constraint_name
from extractors.llm.model_files import directory_digest
from extractors.llm.prefix_cache import PrefixCache
from extractors.llm.prompting import prompt_ref
from extractors.llm.repetition import loop_stopper
from schemas.document import Domain
from schemas.generation import DecodingParams, InstructionsRef, ModelIdentity
from schemas.outputs import SchemaRef


class TransformersTransport:
    chunk_margin = 16

    def __init__(
        self,
        model_dir: Path,
        *,
        decoding: DecodingParams | None = None,
        adapter_dir: Path | None = None,
        batch_size: int = 8,
        reuse_prefix: bool = True,
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
        self._batcher = Batcher(self._decode_batch, size=batch_size)
        self._schemas: dict[Hashable, dict[str, object]] = {}
        # The system prompt's keys and values, computed once (extractors.llm.prefix_cache).
        self.prefix_cache = PrefixCache() if reuse_prefix else None
        self._template_ids: dict[str, list[int]] = {}

    @cached_property
    def structured_output(self) -> str:
        return constraint_name()

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
    def _constraints(self) -> Constraints:
        model, _ = self._loaded
        return Constraints(model)

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

    def prompt(self, messages: Messages) -> str:
        """The chat as the model reads it: rendered by its own chat template. What comes before
        the last message (the system prompt) is registered as a prefix to reuse."""
        _, tokenizer = self._loaded
        prompt: str = tokenizer.apply_chat_template(
            messages, tokenize=False, add_generation_prompt=True
        )
        if self.prefix_cache is not None and len(messages) > 1:
            template = tokenizer.apply_chat_template(messages[:-1], tokenize=False)
            if template not in self._template_ids:
                self._template_ids[template] = self._ids([template])[0]
            ids = self._ids([prompt])[0]
            self.prefix_cache.register(ids, self._template_ids[template])
        return prompt

    def count_tokens(self, text: str) -> int:
        _, tokenizer = self._loaded
        return len(tokenizer(text, add_special_tokens=False)["input_ids"])

    def count_prompt_tokens(self, messages: Messages) -> int:
        return self.count_tokens(self.prompt(messages))

    def _budget(self) -> Budget:
        model, tokenizer = self._loaded
        eos = model.model.generation_config.eos_token_id
        if eos is None:
            eos = tokenizer.eos_token_id
        processors: tuple[Any, ...] = ()
        if self.decoding.repetition_penalty != 1.0:
            from transformers import RepetitionPenaltyLogitsProcessor

            processors = (RepetitionPenaltyLogitsProcessor(self.decoding.repetition_penalty),)
        stopping = None
        if self.decoding.stop_repeated_tokens:
            stopping = loop_stopper(self.decoding.stop_repeated_tokens)
        return Budget(
            max_new_tokens=self.decoding.max_tokens,
            eos_ids=frozenset(eos if isinstance(eos, list) else [eos]),
            pad_id=tokenizer.pad_token_id,
            stopping=stopping,
            processors=processors,
        )

    def complete(
        self, messages: Messages, json_schema: dict[str, object], schema: SchemaRef
    ) -> Completion:
        """Greedy decoding under `json_schema`, in a batch with whatever else is asked now."""
        prompt = self.prompt(messages)
        self._schemas.setdefault(schema.sha256, json_schema)
        text = self._batcher.complete(schema.sha256, prompt)
        return Completion(text, {"prompt": prompt, "decoding": self.decoding.model_dump()})

    def complete_many(
        self, prompts: list[str], json_schema: dict[str, object], key: str
    ) -> list[str]:
        """Rendered prompts decoded together in one batch, under `json_schema` (named `key`)."""
        self._schemas.setdefault(key, json_schema)
        return self._decode_batch(key, prompts)

    def decode_unconstrained(self, prompts: list[str]) -> list[str]:
        """The same batch decoding without the schema (what the constraint costs: bench/)."""
        return self._decode(prompts, None)

    def constraint(self, json_schema: dict[str, object], key: str) -> BatchConstraint:
        """The schema's constraint, built on first use and kept (one per schema and process)."""
        return self._constraints.for_schema(json_schema, key)

    def _decode_batch(self, key: Hashable, prompts: list[str]) -> list[str]:
        return self._decode(prompts, self.constraint(self._schemas[key], str(key)))

    def _ids(self, prompts: list[str]) -> list[list[int]]:
        """The token ids of rendered prompts: the chat template wrote the special tokens, and
        the model reads exactly this (the recorded prompt; fine-tuning encodes it the same)."""
        _, tokenizer = self._loaded
        ids: list[list[int]] = tokenizer(prompts, add_special_tokens=False)["input_ids"]
        return ids

    def _decode(self, prompts: list[str], constraint: BatchConstraint | None) -> list[str]:
        model, tokenizer = self._loaded
        rows = self._ids(prompts)
        generated = greedy_batch(
            model.model,
            rows,
            self._budget(),
            constraint=constraint,
            prefix_cache=self.prefix_cache,
        )
        texts: list[str] = tokenizer.batch_decode(generated, skip_special_tokens=True)
        return texts
