"""Redaction throughput in characters per second on one core, on the demo documents' text."""

from __future__ import annotations

import argparse
import time

from bench.common import print_header, print_table, save
from extractors.redact import Redactor
from flows.samples import SAMPLES


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=50)
    args = parser.parse_args()
    print_header("redaction speed (Presidio patterns + attest recognizers, one core)")
    redactor = Redactor()
    texts = ["\n\n".join(sample.pages) for sample in SAMPLES]
    redactor.redact("warm-up", texts[0])
    chars = sum(len(t) for t in texts) * args.rounds
    started = time.perf_counter()
    for _ in range(args.rounds):
        for text in texts:
            redactor.redact("bench", text)
    elapsed = time.perf_counter() - started
    row = {
        "documents": len(texts) * args.rounds,
        "chars_per_s": chars / elapsed,
        "ms_per_document": elapsed / (len(texts) * args.rounds) * 1000,
    }
    print_table([row])
    save("redaction_speed", {"rows": [row]})


if __name__ == "__main__":
    main()
