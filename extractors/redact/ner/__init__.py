"""A small spaCy NER for PERSON, LOCATION and ORGANIZATION, trained offline by our own code.

`python -m extractors.redact.ner.train` (or `make ner-model`) generates synthetic annotated
documents (`generate`), trains the pipeline with a fixed seed (`train`) and caches it under
`.cache/ner/attest-ner-<key>/` (`cache`); with a model for the current key it does nothing.
"""

from extractors.redact.ner.cache import MANIFEST, SEED, cache_key, default_model_path, is_built

__all__ = ["MANIFEST", "SEED", "cache_key", "default_model_path", "is_built"]
