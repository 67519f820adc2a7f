"""Schema in, schema out: parsing, OCR, redaction, rules and model backends, checks.

One process-wide arrangement lives here because it must precede the first spaCy or Presidio
import, and any module of ours imports this package first. thinc (spaCy's layer library)
imports torch whenever torch is installed, and Presidio's NLP engines import transformers'
`pipeline` (hence torch) and probe torch for a GPU, each only to offer what attest never uses:
torch-backed layers and a transformers NER (attest's spaCy pipelines are NegEx and a CNN
NER). That is ~300 MB and seconds of CPU per process, in every `attest` command. So while
thinc and presidio_analyzer themselves are imported, torch and transformers are hidden (they
record that neither is installed, as in the batch's worker processes, flows/worker_process.py),
and afterwards both are importable again for the model backends that need them. A process that
imported torch or transformers before keeps them.
"""

from __future__ import annotations

import importlib.abc
import importlib.machinery
import sys
from collections.abc import Sequence
from types import ModuleType

_IMPORTED_BLIND = ("thinc", "presidio_analyzer")
_HIDDEN = ("torch", "transformers")


class _ImportWithoutTorch(importlib.abc.MetaPathFinder):
    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> importlib.machinery.ModuleSpec | None:
        if fullname not in _IMPORTED_BLIND:
            return None
        spec = importlib.machinery.PathFinder.find_spec(fullname, path)
        if spec is None or spec.loader is None:
            return spec
        execute = spec.loader.exec_module

        def exec_module(module: ModuleType) -> None:
            hidden = [name for name in _HIDDEN if name not in sys.modules]
            for name in hidden:
                sys.modules[name] = None  # type: ignore[assignment]
            try:
                execute(module)
            finally:
                for name in hidden:
                    if name in sys.modules and sys.modules[name] is None:
                        del sys.modules[name]

        spec.loader.exec_module = exec_module  # type: ignore[method-assign]
        return spec


sys.meta_path.insert(0, _ImportWithoutTorch())
