"""The rules' triage reader of meaning per clinical report, in CPU seconds: the numpy encoder
(extractors/triage/encoder.py) against the sentence-transformers pipeline it replaced (the
reference, a development dependency), each in a fresh process on the same MTSamples reports
(tests/data/mtsamples, CC0), in alternating rounds so both see the same machine load.

Per process: the CPU seconds to import the reader, to load the model and encode the exemplar
tables (the first note's extra cost), then per report (what `meaning._scored` costs: the
note's pieces of its presenting part, encoded and compared), peak RSS, and whether torch was
imported. CPU time holds on a machine other work keeps busy; wall time is shown beside it.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from bench.common import print_header, print_table, save

ROOT = Path(__file__).resolve().parent.parent
MTSAMPLES = ROOT / "tests" / "data" / "mtsamples"
ENCODERS = ("numpy", "sentence-transformers")


def _reference_encoder() -> Any:
    """The reader's encoding as it was: sentence-transformers, offline, on CPU."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    from sentence_transformers import SentenceTransformer

    from extractors.triage import encoder

    model = SentenceTransformer(str(encoder.model_dir()), device="cpu")

    def encode(texts: list[str]) -> Any:
        return model.encode(
            texts, batch_size=64, normalize_embeddings=True, show_progress_bar=False
        )

    return encode


def child(encoder_name: str, reports: int) -> dict[str, Any]:
    """One process's measurements (run with --child)."""
    started = time.process_time()
    from extractors.triage import meaning

    imported = time.process_time()
    if encoder_name == "sentence-transformers":
        meaning._encode = _reference_encoder()  # type: ignore[assignment]
    meaning._tables()
    loaded = time.process_time()
    texts = [p.read_text(encoding="utf-8") for p in sorted(MTSAMPLES.glob("*.txt"))][:reports]
    cpu, wall, pieces = [], [], 0
    for text in texts:
        meaning._scored.cache_clear()
        cpu_start, wall_start = time.process_time(), time.perf_counter()
        found, _, _ = meaning._scored(text)
        cpu.append(time.process_time() - cpu_start)
        wall.append(time.perf_counter() - wall_start)
        pieces += len(found)
    return {
        "encoder": encoder_name,
        "reports": len(texts),
        "pieces per report": round(pieces / len(texts), 1),
        "import cpu s": round(imported - started, 2),
        "load cpu s": round(loaded - imported, 2),
        "cpu s per report": round(statistics.mean(cpu), 4),
        "median cpu s": round(statistics.median(cpu), 4),
        "wall s per report": round(statistics.mean(wall), 4),
        "peak rss MB": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024,
        "torch imported": "torch" in sys.modules,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--reports", type=int, default=40)
    parser.add_argument("--rounds", type=int, default=2, help="fresh processes per encoder")
    parser.add_argument("--child", choices=ENCODERS, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.child, args.reports)))
        return
    print_header("triage reader of meaning per MTSamples report (CPU seconds)")
    threads = {
        k: os.environ[k] for k in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS") if k in os.environ
    }
    print(f"   thread settings: {threads or 'none (each library its default)'}")
    rows = []
    for _ in range(args.rounds):
        for name in ENCODERS:
            command = [sys.executable, "-m", "bench.triage_reader", "--child", name]
            out = subprocess.run(
                [*command, "--reports", str(args.reports)],
                capture_output=True, text=True, check=True, cwd=ROOT,
            ).stdout  # fmt: skip
            rows.append(json.loads(out.strip().splitlines()[-1]))
    print_table(rows)
    save("triage_reader", {"threads": threads, "rows": rows})


if __name__ == "__main__":
    main()
