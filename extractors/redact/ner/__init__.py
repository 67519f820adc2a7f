"""A small spaCy NER for PERSON, LOCATION and ORGANIZATION, trained offline by our own code.

This is the runtime side: where the model for the current training code is (`cache`). The
training code is the `training.ner` package, which nothing here imports: `python -m
training.ner.train` (or `make ner-model`) generates synthetic annotated documents, trains the
pipeline with a fixed seed and caches it under `.cache/ner/attest-ner-<key>/`; with a model
for the current key it does nothing.
"""

from extractors.redact.ner.cache import MANIFEST, SEED, cache_key, default_model_path, is_built

__all__ = ["MANIFEST", "SEED", "cache_key", "default_model_path", "is_built"]
