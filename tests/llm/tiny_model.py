"""A tiny, randomly initialised Llama with a tokenizer trained offline: a real causal LM that
Outlines can constrain on the CPU, built by code because no weights can be downloaded here.

Its outputs are random but always schema-valid under constraint, which is exactly what the
tests need: constrained decoding, token counting and context limits, for real.
"""

from __future__ import annotations

import json
from pathlib import Path

from flows.samples import SAMPLES
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
        tie_word_embeddings=True,
    )
    LlamaForCausalLM(config).save_pretrained(folder)
    return folder
