"""Casing and OCR-like noise for the NER's training documents.

Both work on labelled pieces before the text is assembled, so entity offsets are computed
after the noise and the labels always match the text. Every choice is drawn from the caller's
seeded random stream, in a fixed order: the same seed gives the same documents.
"""

from __future__ import annotations

import random

Piece = tuple[str, str | None]
"""A stretch of text and its entity label (None outside entities)."""

_CONFUSIONS = {
    "l": "1",
    "I": "l",
    "O": "0",
    "0": "O",
    "o": "0",
    "e": "c",
    "S": "5",
    "B": "8",
    "i": "l",
    "rn": "m",
    "m": "rn",
    "c": "e",
    "a": "o",
    "g": "q",
    "h": "b",
    "1": "l",
    "5": "S",
    "u": "v",
}


def with_case(pieces: list[Piece], rng: random.Random) -> list[Piece]:
    """Upper or lower case, for whole documents or their entities only, as forms have them."""
    r = rng.random()
    if r < 0.08:
        return [(text.upper(), label) for text, label in pieces]
    if r < 0.16:
        return [(text.lower(), label) for text, label in pieces]
    if r < 0.23:  # upper-case names and organisations only, as in many forms
        return [(text.upper() if label else text, label) for text, label in pieces]
    if r < 0.26:  # names typed in lower case into a form
        return [(text.lower() if label else text, label) for text, label in pieces]
    return pieces


def _noisy(text: str, rng: random.Random, rate: float, entity: bool) -> str:
    out: list[str] = []
    i = 0
    while i < len(text):
        ch = text[i]
        if ch == " " and rng.random() < rate * 3:
            edge = i in (0, len(text) - 1)  # never glue an entity to its neighbour
            out.append(
                rng.choice(("  ", "\n", "   ")) if entity or edge else rng.choice(("  ", "\n", ""))
            )
        elif rng.random() < rate:
            pair = text[i : i + 2]
            if pair in _CONFUSIONS:
                out.append(_CONFUSIONS[pair])
                i += 2
                continue
            out.append(_CONFUSIONS.get(ch, ch))
        else:
            out.append(ch)
        i += 1
    return "".join(out)


def with_noise(pieces: list[Piece], rng: random.Random) -> list[Piece]:
    """OCR-like noise in three documents of ten: spacing, line wraps, character confusions."""
    if not rng.random() < 0.3:
        return pieces
    rate = rng.choice((0.005, 0.01, 0.02, 0.04))
    noisy: list[Piece] = []
    for text, label in pieces:
        changed = _noisy(text, rng, rate, entity=label is not None)
        if label is not None:
            changed = changed.strip() or text
        noisy.append((changed, label))
    return noisy
