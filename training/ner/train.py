"""Train the NER on generated documents and cache it: `python -m training.ner.train`.

Reproducible: one seed drives the generator, spaCy's initialisation and the batch order, and
the training runs single-threaded, so the same inputs give the same weights. The model is
small on purpose (hash embeddings + a 2-layer CNN of width 64): it has to redact 20,000
characters per second on one core next to Presidio's pattern recognizers.

Real clinical lines (MTSamples, `clinical_lines`) join the generated documents as text with no
entity. Prints the examples generated, the loss per epoch, precision/recall/F per label on a
development set (generated with another seed) and the model path.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import sys
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from extractors.redact.ner.cache import (
    CACHE_ROOT,
    MANIFEST,
    SEED,
    cache_key,
    default_model_path,
    is_built,
)
from extractors.redact.nlp import SPACY_VERSION
from training.ner.clinical_lines import training_lines
from training.ner.generate import LABELS, Annotated, documents

EXAMPLES = 15_000
DEV_EXAMPLES = 1_000
EPOCHS = 3
DROPOUT = 0.15

NER_CONFIG: dict[str, Any] = {
    "model": {
        "@architectures": "spacy.TransitionBasedParser.v2",
        "state_type": "ner",
        "extra_state_tokens": False,
        "hidden_width": 64,
        "maxout_pieces": 2,
        "use_upper": True,
        "nO": None,
        "tok2vec": {
            "@architectures": "spacy.HashEmbedCNN.v2",
            "pretrained_vectors": None,
            "width": 64,
            "depth": 2,
            "embed_size": 4000,
            "window_size": 1,
            "maxout_pieces": 3,
            "subword_features": True,
        },
    }
}

Log = Callable[[str], None]


def _examples(nlp: Any, annotated: Iterable[Annotated]) -> tuple[list[Any], int]:
    """spaCy examples; a document whose entities do not align with tokens is left out."""
    from spacy.training import Example

    examples: list[Any] = []
    skipped = 0
    for item in annotated:
        predicted = nlp.make_doc(item.text)
        reference = nlp.make_doc(item.text)
        spans = [reference.char_span(a, b, label=label) for a, b, label in item.entities]
        if any(span is None for span in spans):
            skipped += 1
            continue
        reference.ents = spans
        examples.append(Example(predicted, reference))
    return examples, skipped


def train(
    out: Path,
    *,
    seed: int = SEED,
    examples: int = EXAMPLES,
    dev_examples: int = DEV_EXAMPLES,
    epochs: int = EPOCHS,
    log: Log = print,
) -> dict[str, Any]:
    """Train a model into `out` (replaced atomically) and return its manifest."""
    import spacy
    from spacy.util import minibatch
    from thinc.api import compounding, fix_random_seed

    started = time.perf_counter()
    fix_random_seed(seed)
    nlp = spacy.blank("en")
    ner = nlp.add_pipe("ner", config=NER_CONFIG)
    for label in LABELS:
        ner.add_label(label)  # type: ignore[attr-defined]
    train_set, skipped = _examples(nlp, documents(examples, seed))
    # Real clinical lines with no entity: precision on real notes, not only on the generator.
    # As many per generated document as in a full training, so a small test run mixes them too.
    lines = training_lines()
    lines = lines[: round(len(lines) * examples / EXAMPLES)]
    clinical, _ = _examples(nlp, (Annotated(line, ()) for line in lines))
    train_set += clinical
    dev_set, _ = _examples(nlp, documents(dev_examples, seed + 1))
    log(
        f"examples: {len(train_set)} training ({len(clinical)} MTSamples lines; "
        f"{skipped} misaligned left out), {len(dev_set)} dev"
    )
    optimizer = nlp.initialize(lambda: train_set[:1000])
    order = random.Random(seed)
    losses_per_epoch: list[float] = []
    for epoch in range(1, epochs + 1):
        order.shuffle(train_set)
        losses: dict[str, float] = {}
        batches = minibatch(train_set, size=compounding(16.0, 128.0, 1.001))  # type: ignore[no-untyped-call]
        for batch in batches:
            nlp.update(batch, drop=DROPOUT, sgd=optimizer, losses=losses)
        losses_per_epoch.append(round(float(losses.get("ner", 0.0)), 3))
        log(f"epoch {epoch}/{epochs}: loss {losses.get('ner', 0.0):.1f}")
    scores = nlp.evaluate(dev_set)
    per_type = {
        label: {k: round(float(v), 4) for k, v in values.items()}
        for label, values in sorted((scores.get("ents_per_type") or {}).items())
    }
    for label, values in per_type.items():
        log(f"dev {label:<13} P {values['p']:.3f}  R {values['r']:.3f}  F {values['f']:.3f}")
    log(
        f"dev overall       P {scores['ents_p']:.3f}  R {scores['ents_r']:.3f}  F {scores['ents_f']:.3f}"
    )
    seconds = round(time.perf_counter() - started, 1)
    manifest = {
        "key": out.name.removeprefix("attest-ner-"),
        "seed": seed,
        "examples": len(train_set),
        "dev_examples": len(dev_set),
        "epochs": epochs,
        "losses": losses_per_epoch,
        "training_seconds": seconds,
        "dev_scores": per_type,
        "spacy": SPACY_VERSION,
    }
    tmp = out.with_name(f"{out.name}.tmp-{os.getpid()}")
    shutil.rmtree(tmp, ignore_errors=True)
    nlp.meta["name"] = "attest_ner"
    nlp.meta["version"] = "1.0.0"
    nlp.to_disk(tmp)
    (tmp / MANIFEST).write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n")
    if out.exists():
        shutil.rmtree(out)
    tmp.rename(out)
    return manifest


def ensure_model(seed: int = SEED, root: Path = CACHE_ROOT, log: Log = print) -> Path:
    """The cached model for the current training code, trained first if it is missing."""
    path = default_model_path(seed, root)
    if is_built(path):
        log(f"NER model up to date: {path}")
        return path
    root.mkdir(parents=True, exist_ok=True)
    log(f"training the NER model (key {cache_key(seed)}, seed {seed}) ...")
    manifest = train(path, seed=seed, log=log)
    size = sum(p.stat().st_size for p in path.rglob("*") if p.is_file())
    log(f"trained in {manifest['training_seconds']} s, {size / 1e6:.1f} MB")
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m training.ner.train", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--out", type=Path, help="train into this folder (always trains)")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--examples", type=int, default=EXAMPLES)
    parser.add_argument("--epochs", type=int, default=EPOCHS)
    args = parser.parse_args(argv)
    if (
        args.out is None
        and args.seed == SEED
        and args.examples == EXAMPLES
        and args.epochs == EPOCHS
    ):
        print(ensure_model())
        return 0
    out = args.out or default_model_path(args.seed)
    train(out, seed=args.seed, examples=args.examples, epochs=args.epochs)
    print(out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
