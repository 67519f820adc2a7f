"""Where the trail's redacted spans lie in the original text, found without storing originals.

Redaction replaces spans and copies everything between them verbatim, so the redacted text is
`orig[:a1] + P1 + orig[b1:a2] + P2 + ...`. Re-reading the file gives `orig` again (in memory
only); each verbatim piece is then found in order, and what lies between two pieces is a
redacted original. Where a short piece also occurs inside an original, the first match can
end a span early: the characters left visible are then the piece's own (text the redacted
view shows anyway) and the rest of the original falls into the next span, so identifiers stay
covered. If the texts do not fit together at all, there is no answer and the caller covers
the whole page.
"""

from __future__ import annotations

Interval = tuple[int, int]


def original_spans(original: str, redacted: str, spans: list[Interval]) -> list[Interval] | None:
    """Each redacted span's (start, end) in `original`, in order; None when they do not fit."""
    ordered = sorted(spans)
    if not ordered:
        return [] if original == redacted else None
    pieces = _verbatim_pieces(redacted, ordered)
    if pieces is None or not original.startswith(pieces[0]):
        return None
    last = pieces[-1]
    tail_start = len(original) - len(last)
    if not original.endswith(last):
        return None
    found: list[Interval] = []
    start = len(pieces[0])
    for piece in pieces[1:-1]:
        # An original is never empty, so the next piece starts at least one character on.
        at = original.find(piece, start + 1, tail_start)
        if at < 0:
            return None
        found.append((start, at))
        start = at + len(piece)
    if tail_start <= start:
        return None
    found.append((start, tail_start))
    return found


def to_original(offset: int, redacted_spans: list[Interval], originals: list[Interval]) -> int:
    """An offset in the redacted text as an offset in the original (span-inner offsets map to
    the span's original start)."""
    shift = 0
    for (r_start, r_end), (o_start, o_end) in zip(redacted_spans, originals, strict=True):
        if offset < r_start:
            break
        if offset < r_end:
            return o_start
        shift = o_end - r_end
    return offset + shift


def evidence_spans(
    evidence: list[Interval], redacted_spans: list[Interval], originals: list[Interval]
) -> list[Interval]:
    """A flag's quote, from redacted offsets to original ones; a quote that ends inside a
    placeholder reaches to the end of that placeholder's original."""
    ordered = sorted(redacted_spans)
    mapped = []
    for start, end in evidence:
        o_start = to_original(start, ordered, originals)
        o_end = to_original(end, ordered, originals)
        for (r_start, r_end), (_, orig_end) in zip(ordered, originals, strict=True):
            if r_start < end <= r_end:
                o_end = orig_end
        if o_end > o_start:
            mapped.append((o_start, o_end))
    return mapped


def _verbatim_pieces(redacted: str, spans: list[Interval]) -> list[str] | None:
    pieces = []
    previous_end = 0
    for start, end in spans:
        if start < previous_end or end <= start or end > len(redacted):
            return None
        pieces.append(redacted[previous_end:start])
        previous_end = end
    pieces.append(redacted[previous_end:])
    return pieces
