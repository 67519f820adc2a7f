"""Counting tokens when the model server cannot: a local tokenizer, or a stated upper bound.

vLLM answers `POST /tokenize`; llama.cpp's server, SGLang and most gateways do not (HTTP 404).
Chunking only needs a count that is never below the model's own, so without the server:
- the model's tokenizer, when its directory is given (`--model-dir` with the openai-compatible
  backend): exact, named by the digest of its tokenizer files;
- otherwise the UTF-8 byte length of the text: an upper bound for byte-level BPE (GPT-2, Llama
  3, Qwen, SmolLM) and for SentencePiece with byte fallback, whose every token covers at least
  one byte. It overestimates (about 4x on English), so documents split into more chunks than
  needed: slower, never over the context.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from extractors.errors import BackendError

SERVER_COUNTER = "server /tokenize"
BYTES_ESTIMATE = "estimate: UTF-8 bytes (upper bound for byte-level tokenizers)"
_TOKENIZER_FILES = ("tokenizer.json", "tokenizer_config.json", "tokenizer.model")


@dataclass(frozen=True)
class LocalCounter:
    name: str
    count: Callable[[str], int]


def utf8_bytes(text: str) -> int:
    return len(text.encode("utf-8"))


def local_counter(tokenizer_dir: Path | None) -> LocalCounter:
    if tokenizer_dir is None:
        return LocalCounter(BYTES_ESTIMATE, utf8_bytes)
    present = [
        tokenizer_dir / name for name in _TOKENIZER_FILES if (tokenizer_dir / name).is_file()
    ]
    if not present:
        raise BackendError(
            f"{tokenizer_dir} holds no tokenizer (tokenizer.json or tokenizer.model)",
            hint="point --model-dir at the served model's directory, or leave it out to count "
            "with the stated byte estimate",
            retryable=False,
        )
    import transformers

    tokenizer = transformers.AutoTokenizer.from_pretrained(tokenizer_dir)
    digest = hashlib.sha256()
    for path in present:
        digest.update(path.name.encode() + path.read_bytes())

    def count(text: str) -> int:
        return len(tokenizer(text, add_special_tokens=False)["input_ids"])

    return LocalCounter(f"local tokenizer sha256:{digest.hexdigest()[:16]}", count)
