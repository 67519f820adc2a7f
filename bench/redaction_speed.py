"""Redaction throughput in characters per CPU second (one core), on the demo documents' text
and on real text: MTSamples clinical reports (tests/data/mtsamples, CC0) and CUAD contracts
(../shared/corpora/legal/cuad_dev, when present); Presidio's patterns and attest's recognizers
alone, then with the NER model loaded.

CPU time (`time.process_time`) is the figure that holds on a machine other work keeps busy;
wall time is shown beside it."""

from __future__ import annotations

import argparse
import os
import time
from pathlib import Path
from typing import Any

from bench.common import print_header, print_table, save
from corpora.demo_inbox import SAMPLES
from extractors.redact import Redactor
from extractors.redact.ner import default_model_path
from schemas.document import Domain

ROOT = Path(__file__).resolve().parent.parent
MTSAMPLES = ROOT / "tests" / "data" / "mtsamples"
CUAD = ROOT.parent / "shared" / "corpora" / "legal" / "cuad_dev" / "full_contract_txt"


def measure(
    label: str,
    redactor: Redactor,
    corpus: str,
    texts: list[str],
    rounds: int,
    domain: Domain | None = None,
) -> dict[str, Any]:
    # Warm up on every text once: a recognizer compiles its patterns the first time a document
    # has a candidate for it (the web address patterns take ~0.6 s), a one-off per process that
    # the steady state of a batch does not pay again.
    for text in texts:
        redactor.redact("warm-up", text, domain)
    chars = sum(len(t) for t in texts) * rounds
    started, cpu = time.perf_counter(), time.process_time()
    for _ in range(rounds):
        for text in texts:
            redactor.redact("bench", text, domain)
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
    return {
        "nlp": label,
        "corpus": corpus,
        "documents": len(texts) * rounds,
        "chars_per_document": chars // (len(texts) * rounds),
        "chars_per_s": chars / elapsed,
        "chars_per_cpu_s": chars / cpu,
        "ms_per_document": elapsed / (len(texts) * rounds) * 1000,
    }


def corpora(rounds: int, contracts: int) -> list[tuple[str, list[str], int, Domain | None]]:
    """(name, texts, rounds, domain) of each text set measured."""
    demo = ["\n\n".join(sample.pages) for sample in SAMPLES]
    joined = "\n\n".join(demo)
    # A 2-page-sized document (~7.7k characters): the demo documents are short.
    long = [(joined * (7_700 // len(joined) + 1))[:7_700]]
    sets: list[tuple[str, list[str], int, Domain | None]] = [
        ("demo", demo, rounds, None),
        ("demo 7.7k", long, max(1, rounds // 2), None),
    ]
    reports = [p.read_text(encoding="utf-8") for p in sorted(MTSAMPLES.glob("*.txt"))]
    if reports:
        sets.append((f"mtsamples x{len(reports)}", reports, max(1, rounds // 25), "clinical"))
    if CUAD.is_dir() and contracts:
        files = sorted(CUAD.glob("*.txt"))[:contracts]
        texts = [p.read_text(encoding="utf-8", errors="replace") for p in files]
        sets.append((f"cuad x{len(texts)}", texts, 1, "legal"))
    return sets


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=50)
    parser.add_argument("--contracts", type=int, default=8, help="CUAD contracts (0: none)")
    parser.add_argument("--no-patterns-only", action="store_true", help="NER rows only")
    parser.add_argument(
        "--ner-model", type=Path, default=default_model_path(), help="NER model directory"
    )
    args = parser.parse_args()
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    print_header("redaction speed (Presidio patterns + attest recognizers [+ NER], one core)")
    redactors = [] if args.no_patterns_only else [("patterns only", Redactor())]
    if (args.ner_model / "meta.json").is_file():
        redactors.append((f"NER {args.ner_model.name}", Redactor(nlp_model=args.ner_model)))
    else:
        print(f"   no NER model at {args.ner_model}: run `make ner-model` to measure with it")
    rows = [
        measure(label, redactor, name, texts, rounds, domain)
        for label, redactor in redactors
        for name, texts, rounds, domain in corpora(args.rounds, args.contracts)
    ]
    print_table(rows)
    save("redaction_speed", {"rows": rows})


if __name__ == "__main__":
    main()
