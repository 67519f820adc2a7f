"""The system prompt's keys and values are computed once and every batch starts from a copy:
the text decoded is the same as prefilling the whole prompt, and the same as transformers'
own `generate`, on the tiny model (tests/llm/tiny_model.py) under the real schema constraint."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractors.llm.base import generation_request
from extractors.llm.prefix_cache import PrefixCache, common_prefix
from extractors.llm.prompting import chat_messages
from extractors.llm.repetition import loop_stopper
from extractors.llm.transformers_local import TransformersTransport
from schemas.generation import DecodingParams
from schemas.outputs import OUTPUT_MODELS

NOTES = [
    "Chief complaint: chest pain.",
    "Chief complaint: ankle sprain after a fall on the stairs at home.",
    "Vitals: HR 128, BP 84/56. Meds: aspirin 81 mg daily.",
]
DECODING = DecodingParams(max_tokens=300)


def transport(model_dir: Path, *, reuse_prefix: bool) -> TransformersTransport:
    return TransformersTransport(model_dir, decoding=DECODING, reuse_prefix=reuse_prefix)


def decode(model: TransformersTransport, notes: list[str]) -> list[str]:
    request = generation_request("clinical", "")
    prompts = [model.prompt(chat_messages("clinical", note)) for note in notes]
    return model.complete_many(prompts, request.json_schema, request.schema_ref.sha256)


def test_a_batch_reuses_the_longest_registered_prefix_every_prompt_extends() -> None:
    cache = PrefixCache(min_tokens=2)
    cache.register([1, 2, 3, 4, 9], [1, 2, 3, 4, 5])  # the last template token merged away
    cache.register([1, 2, 7, 8], [1, 2, 7])

    assert cache.prefix_for([[1, 2, 3, 4, 6], [1, 2, 3, 4, 9, 9]]) == (1, 2, 3, 4)
    assert cache.prefix_for([[1, 2, 3, 4, 6], [1, 2, 7, 1]]) == ()
    assert cache.prefix_for([[1, 2, 3, 4]]) == ()  # nothing of its own left to prefill


def test_a_short_common_beginning_is_not_worth_a_prefix() -> None:
    cache = PrefixCache(min_tokens=16)
    cache.register(list(range(40)), [*range(10), 99])
    assert cache.prefix_for([list(range(40))]) == ()
    assert common_prefix([5, 6, 7], [5, 6, 8]) == (5, 6)


@pytest.mark.slow
def test_reusing_the_prefix_decodes_the_same_schema_valid_text(tiny_model_dir: Path) -> None:
    reused = transport(tiny_model_dir, reuse_prefix=True)
    prefilled = transport(tiny_model_dir, reuse_prefix=False)

    with_prefix = decode(reused, NOTES)
    without = decode(prefilled, NOTES)

    assert with_prefix == without
    for text in with_prefix:
        OUTPUT_MODELS["clinical"].model_validate_json(text)


@pytest.mark.slow
def test_the_prefix_is_computed_once_and_left_unchanged_by_decoding(tiny_model_dir: Path) -> None:
    reused = transport(tiny_model_dir, reuse_prefix=True)
    first = decode(reused, NOTES[:2])
    cache = reused.prefix_cache
    assert cache is not None
    stored = [(k.clone(), v.clone()) for k, v in next(iter(cache._states.values()))]

    again = decode(reused, NOTES[:2])
    one_alone = decode(reused, NOTES[2:])

    assert (cache.computed, again, one_alone) == (1, first, decode(reused, NOTES)[2:])
    after = next(iter(cache._states.values()))
    assert all(k.equal(k0) and v.equal(v0) for (k, v), (k0, v0) in zip(after, stored, strict=True))


@pytest.mark.slow
def test_decoding_is_what_transformers_generate_decodes(tiny_model_dir: Path) -> None:
    import torch
    from transformers import LogitsProcessorList

    reused = transport(tiny_model_dir, reuse_prefix=True)
    request = generation_request("clinical", "")
    prompts = [reused.prompt(chat_messages("clinical", note)) for note in NOTES]
    constraint = reused.constraint(request.json_schema, request.schema_ref.sha256)
    model, tokenizer = reused._loaded
    inputs = tokenizer(prompts, padding=True, return_tensors="pt", add_special_tokens=False)
    constraint.reset()
    with torch.no_grad():
        ids = model.model.generate(
            **inputs,
            max_new_tokens=DECODING.max_tokens,
            do_sample=False,
            logits_processor=LogitsProcessorList([constraint]),
            stopping_criteria=loop_stopper(DECODING.stop_repeated_tokens),
        )
    expected = tokenizer.batch_decode(
        ids[:, inputs["input_ids"].shape[1] :], skip_special_tokens=True
    )

    assert reused.complete_many(prompts, request.json_schema, request.schema_ref.sha256) == expected
