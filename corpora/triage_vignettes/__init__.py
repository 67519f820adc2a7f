"""Labelled triage vignettes written from the ESI Handbook's criteria and examples: one
generator (`vignettes.py`, `styles.py`) for every set in `sets/`, and heldout-h's own
(`plain.py`, written by an author who did not read that one); `python -m
corpora.triage_vignettes NAME` regenerates one. Scored by `attest eval triage`
(flows/triage_eval). Independent of the rules on purpose: nothing here imports extractors/."""

from corpora.triage_vignettes.catalogue import (
    generate,
    generate_set,
    load_set,
    set_names,
    write_named_set,
    write_set,
)

__all__ = ["generate", "generate_set", "load_set", "set_names", "write_named_set", "write_set"]
