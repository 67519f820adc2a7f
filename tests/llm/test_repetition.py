"""A looping model stops early; a list of similar items and the prompt's own repeats do not
count as a loop."""

from __future__ import annotations

from extractors.llm.repetition import is_loop, loop_stopper

WINDOW = 64


def test_one_token_over_and_over_is_a_loop() -> None:
    assert is_loop([5, 6, 7] + [9] * WINDOW, WINDOW)


def test_a_short_phrase_said_again_and_again_is_a_loop() -> None:
    assert is_loop([1, 2] + [11, 12, 13] * 22, WINDOW)


def test_fewer_tokens_than_the_window_are_not_a_loop_yet() -> None:
    assert not is_loop([9] * (WINDOW - 1), WINDOW)


def test_list_items_longer_than_a_block_are_not_a_loop() -> None:
    item = [30, 31, 32, 33, 34, 35, 36, 37, 38, 39]  # '"Aspirin 81 mg", ' is about ten tokens
    assert not is_loop(item * 8, WINDOW)


def test_ordinary_text_is_not_a_loop() -> None:
    assert not is_loop(list(range(200)), WINDOW)


def test_a_window_of_zero_never_stops() -> None:
    assert not is_loop([9] * 500, 0)


def test_the_stopping_criterion_looks_at_generated_tokens_only() -> None:
    import torch

    stopper = loop_stopper(WINDOW)[0]
    prompt = [7] * 100  # a form's underscores, say: the prompt's repeats are not the model's
    first = torch.tensor([[*prompt, 1]])
    assert not bool(stopper(first, None)[0])
    looping = torch.tensor([[*prompt, 1, *[4, 5] * 40]])
    assert bool(stopper(looping, None)[0])
    varied = torch.tensor([[*prompt, 1, *range(100, 180)]])
    assert not bool(stopper(varied, None)[0])
