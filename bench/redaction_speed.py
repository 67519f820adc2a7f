"""Redaction throughput in characters per second on one core, on the demo documents' text:
Presidio's patterns and attest's recognizers alone, then with the NER model loaded."""

from __future__ import annotations

import argparse
import time
from pathlib import Path
from typing import Any

from bench.common import print_header, print_table, save
from corpora.demo_inbox import SAMPLES
from extractors.redact import Redactor
from extractors.redact.ner import default_model_path


def measure(label: str, redactor: Redactor, texts: list[str], rounds: int) -> dict[str, Any]:
    redactor.redact("warm-up", texts[0])
    chars = sum(len(t) for t in texts) * rounds
    started, cpu = time.perf_counter(), time.process_time()
    for _ in range(rounds):
        for text in texts:
            redactor.redact("bench", text)
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
    return {
        "nlp": label,
        "documents": len(texts) * rounds,
        "chars_per_document": chars // (len(texts) * rounds),
        "chars_per_s": chars / elapsed,
        # CPU time: the figure that holds on a machine other work keeps busy.
        "chars_per_cpu_s": chars / cpu,
        "ms_per_document": elapsed / (len(texts) * rounds) * 1000,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=50)
    parser.add_argument(
        "--ner-model", type=Path, default=default_model_path(), help="NER model directory"
    )
    args = parser.parse_args()
    print_header("redaction speed (Presidio patterns + attest recognizers [+ NER], one core)")
    texts = ["\n\n".join(sample.pages) for sample in SAMPLES]
    # Also a 2-page-sized document (~7.7k characters): the demo documents are short.
    joined = "\n\n".join(texts)
    long = [(joined * (7_700 // len(joined) + 1))[:7_700]]
    redactors = [("patterns only", Redactor())]
    if (args.ner_model / "meta.json").is_file():
        redactors.append((f"NER {args.ner_model.name}", Redactor(nlp_model=args.ner_model)))
    else:
        print(f"   no NER model at {args.ner_model}: run `make ner-model` to measure with it")
    rows = [
        measure(label, redactor, docs, rounds)
        for label, redactor in redactors
        for docs, rounds in ((texts, args.rounds), (long, max(1, args.rounds // 2)))
    ]
    print_table(rows)
    save("redaction_speed", {"rows": rows})


if __name__ == "__main__":
    main()
