"""A tiny, randomly initialised Llama with a tokenizer trained offline: a real causal LM that
Outlines can constrain on the CPU, built by code because no weights can be downloaded here.

Its outputs are random but always schema-valid under constraint, which is exactly what the
tests need: constrained decoding, token counting and context limits, for real.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from corpora.demo_inbox import SAMPLES
from schemas.document import DOMAINS
from schemas.outputs import json_schema

CONTEXT_TOKENS = 4096
SEED = 1234


def _training_text() -> list[str]:
    texts = ["\n\n".join(sample.pages) for sample in SAMPLES]
    texts += [json.dumps(json_schema(domain)) for domain in DOMAINS]
    texts += ['{"a": [1, 2], "b": "text", "c": null, "d": true, "e": 12.50}'] * 20
    return texts


def build_tiny_model(folder: Path, seed: int = SEED) -> Path:
    """Write tokenizer + config + random weights into `folder` (idempotent); return it."""
    if (folder / "config.json").exists() and (folder / "tokenizer.json").exists():
        return folder
    import torch
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers, trainers
    from transformers import LlamaConfig, LlamaForCausalLM, PreTrainedTokenizerFast

    folder.mkdir(parents=True, exist_ok=True)
    tokenizer = Tokenizer(models.BPE(unk_token="<unk>"))
    tokenizer.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    tokenizer.decoder = decoders.ByteLevel()
    trainer = trainers.BpeTrainer(
        vocab_size=600,
        special_tokens=["<unk>", "<s>", "</s>"],
        initial_alphabet=pre_tokenizers.ByteLevel.alphabet(),
    )
    tokenizer.train_from_iterator(_training_text(), trainer=trainer)
    fast = PreTrainedTokenizerFast(
        tokenizer_object=tokenizer, bos_token="<s>", eos_token="</s>", unk_token="<unk>"
    )
    fast.chat_template = (
        "{% for m in messages %}<s>{{ m['role'] }}\n{{ m['content'] }}</s>\n{% endfor %}"
        "{% if add_generation_prompt %}<s>assistant\n{% endif %}"
    )
    fast.save_pretrained(folder)
    torch.manual_seed(seed)
    config = LlamaConfig(
        vocab_size=len(fast),
        hidden_size=32,
        intermediate_size=64,
        num_hidden_layers=1,
        num_attention_heads=2,
        num_key_value_heads=2,
        max_position_embeddings=CONTEXT_TOKENS,
        bos_token_id=fast.bos_token_id,
        eos_token_id=fast.eos_token_id,
        tie_word_embeddings=False,
    )
    model = LlamaForCausalLM(config)
    _prefer_closing_tokens(model, fast)
    model.save_pretrained(folder)
    return folder


def _prefer_closing_tokens(model: Any, tokenizer: Any) -> None:
    """Give the random model one learned habit: it closes strings, lists and objects early.

    Random weights otherwise fill every string and list towards the schema's limits, and the
    schemas' worst case is far longer than a test can afford to generate. One residual
    dimension is held constant (set in every embedding, written by no layer) and the output
    layer reads it only for tokens that contain a closing quote, bracket or brace: a fixed
    bias, carried by ordinary weights, so every runtime that loads the model sees it.
    """
    import torch

    with torch.no_grad():
        model.model.embed_tokens.weight[:, 0] = 0.1
        for layer in model.model.layers:
            layer.self_attn.o_proj.weight[0, :] = 0.0
            layer.mlp.down_proj.weight[0, :] = 0.0
        model.lm_head.weight[:, 0] = 0.0
        for token, index in tokenizer.get_vocab().items():
            text = tokenizer.convert_tokens_to_string([token])
            closes = any(mark in text for mark in ('"', "]", "}"))
            if closes and not any(mark in text for mark in ("{", "[")):
                model.lm_head.weight[index, 0] = 1.0
