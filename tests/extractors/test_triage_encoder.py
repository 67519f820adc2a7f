"""The triage reader's sentence encoder: all-MiniLM-L6-v2 in numpy, without torch.

Its vectors are checked against the reference implementation the model ships for
(sentence-transformers, a development dependency only) on pieces of real dev notes, and the
processes that build the rules backend or read a note are checked not to import torch.
"""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from pathlib import Path

import numpy as np
import pytest

from extractors.triage import encoder, meaning

DEV_NOTES = Path(__file__).resolve().parents[1] / "data" / "triage"


def _dev_pieces(count: int) -> list[str]:
    """The reader's own pieces of the dev notes (dev-e and dev-p, alternately), distinct."""
    found: list[str] = []
    sets = [sorted((DEV_NOTES / name / "documents").glob("*.txt")) for name in ("dev-e", "dev-p")]
    for pair in zip(*sets, strict=False):
        for note in pair:
            for _, piece in meaning.pieces(note.read_text(encoding="utf-8")):
                if piece not in found:
                    found.append(piece)
        if len(found) >= count:
            break
    return found[:count]


def _in_a_fresh_process(script: str) -> dict[str, object]:
    completed = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=300, check=True
    )
    return json.loads(completed.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def test_vectors_match_sentence_transformers_on_dev_note_pieces() -> None:
    sentence_transformers = pytest.importorskip("sentence_transformers")
    pieces = _dev_pieces(24)
    reference = sentence_transformers.SentenceTransformer(str(encoder.model_dir()), device="cpu")
    expected = reference.encode(pieces, normalize_embeddings=True, convert_to_numpy=True)

    vectors = encoder.encode(pieces)

    assert len(pieces) == 24
    cosines = np.sum(vectors * expected, axis=1)
    assert cosines.min() >= 0.9999, pieces[int(np.argmin(cosines))]


def test_vectors_are_unit_length_one_row_per_text_in_order() -> None:
    pieces = ["chest pain radiating to the left arm", "itchy rash", ""]

    vectors = encoder.encode(pieces)

    assert vectors.shape == (3, 384)
    assert vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert np.allclose(vectors[1], encoder.encode(["itchy rash"])[0], atol=1e-5)


def test_a_piece_reads_the_same_alone_or_beside_longer_pieces() -> None:
    short = "fell off a ladder"
    longer = [
        "brought in by ambulance after a fall from a ladder, unable to move the legs, "
        "tingling in both hands, neck pain since the fall" * 3,
        "sudden worst headache of her life while lifting, vomited twice",
    ]

    alone = encoder.encode([short])[0]
    beside = encoder.encode([*longer, short])[2]

    assert float(alone @ beside) >= 0.99999


def test_a_text_past_the_models_length_is_truncated_not_refused() -> None:
    vectors = encoder.encode(["chest pain " * 400])

    assert vectors.shape == (1, 384)
    assert np.isfinite(vectors).all()


def test_threads_encoding_at_once_get_the_vectors_one_thread_gets() -> None:
    pieces = _dev_pieces(8)
    expected = encoder.encode(pieces)
    results: dict[int, np.ndarray] = {}

    def read(index: int) -> None:
        results[index] = encoder.encode(pieces)

    threads = [threading.Thread(target=read, args=(i,)) for i in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert all(np.allclose(results[i], expected, atol=1e-6) for i in range(4))


def test_building_the_rules_backend_imports_no_torch_and_loads_no_weights() -> None:
    loaded = _in_a_fresh_process(
        "import json, sys\n"
        "from extractors.llm.rules import RulesBackend\n"
        "from extractors.triage import encoder\n"
        "RulesBackend().identity(); RulesBackend().instructions('clinical')\n"
        "print(json.dumps({'torch': [m for m in ('torch', 'transformers', "
        "'sentence_transformers') if m in sys.modules], "
        "'weights': encoder._model.cache_info().currsize}))\n"
    )

    assert loaded == {"torch": [], "weights": 0}


def test_a_note_is_read_where_torch_cannot_be_imported() -> None:
    # As in the batch's worker processes (flows/worker_process.py makes torch unimportable).
    read = _in_a_fresh_process(
        "import json, sys\n"
        "sys.modules['torch'] = None; sys.modules['transformers'] = None\n"
        "from extractors.triage.esi import assess\n"
        "result = assess('19 M, hit by a car while crossing the road, walking now.\\n'\n"
        "                'HR 76, BP 126/78, RR 14, SpO2 98%, T 36.8')\n"
        "print(json.dumps({'level': result.level, "
        "'exemplar': any(r.exemplar for r in result.reasons)}))\n"
    )

    assert read == {"level": 2, "exemplar": True}
