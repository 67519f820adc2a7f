"""Where the trained model lives: `.cache/ner/attest-ner-<key>/`, key = what made it.

The key hashes the generator and trainer source (training/ner/, read as files: the runtime
never imports the training code), the MTSamples training lines, the spaCy and Faker versions
and the seed, so any change to how the model is made gives a new directory; an existing
directory for the current key means there is nothing to train. Computing the path trains
nothing.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
from pathlib import Path
from typing import Any

SEED = 20261123
MANIFEST = "attest-manifest.json"
_ROOT = Path(__file__).parents[3]
TRAINING_CODE = _ROOT / "training" / "ner"
CACHE_ROOT = _ROOT / ".cache" / "ner"


def cache_key(seed: int = SEED) -> str:
    digest = hashlib.sha256()
    for path in _sources():
        name = path.relative_to(TRAINING_CODE).as_posix()
        digest.update(name.encode() + b"\0" + path.read_bytes() + b"\0")
    for dist in ("spacy", "faker"):
        digest.update(f"{dist}=={importlib.metadata.version(dist)}\0".encode())
    digest.update(f"seed={seed}".encode())
    return digest.hexdigest()[:16]


def _sources() -> list[Path]:
    """Every module of the training code and the committed MTSamples lines, in a fixed order."""
    modules = (p for p in TRAINING_CODE.rglob("*.py") if "__pycache__" not in p.parts)
    return [*sorted(modules), TRAINING_CODE / "data" / "mtsamples_train.txt"]


def default_model_path(seed: int = SEED, root: Path = CACHE_ROOT) -> Path:
    """The model directory for the current training code, whether it was built or not."""
    return root / f"attest-ner-{cache_key(seed)}"


def is_built(path: Path) -> bool:
    return (path / "meta.json").is_file() and (path / MANIFEST).is_file()


def read_manifest(path: Path) -> dict[str, Any]:
    manifest: dict[str, Any] = json.loads((path / MANIFEST).read_text())
    return manifest
