"""Peak memory against document size: one document per batch, growing until `max_chars`.

Redaction holds a document's whole text and its analysis, so a worker's peak grows with the
largest document it reads; `max_chars` (default 2,000,000) rejects longer documents while
they are parsed, which bounds it. This measures the batch process and its worker processes'
peak RSS (VmHWM from /proc) for one plain-text document of each size, the last one over the
limit (rejected as too_long).
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import subprocess
import tempfile
import time
from contextlib import closing
from pathlib import Path

from bench.common import attest_command, print_header, print_table, quiet_env, save
from bench.scaling import TreeSampler
from corpora.demo_inbox import CLINICAL_PROGRESS_NOTE, FINANCE_STATEMENT, LEGAL_NDA

TEMPLATES = (CLINICAL_PROGRESS_NOTE, FINANCE_STATEMENT, LEGAL_NDA)


def document_text(chars: int) -> str:
    """The sample documents one after another, each with its own reference, to `chars`."""
    parts, size, number = [], 0, 0
    while size < chars:
        part = TEMPLATES[number % len(TEMPLATES)].pages[0] + f"\nSection reference {number:06d}\n"
        parts.append(part)
        size += len(part)
        number += 1
    return "".join(parts)[:chars]


def run_one(chars: int, env_extra: dict[str, str]) -> dict[str, object]:
    with tempfile.TemporaryDirectory(prefix=f"attest-docmem-{chars}-") as tmp:
        workdir = Path(tmp)
        (workdir / "inbox").mkdir()
        (workdir / "inbox" / "long.txt").write_text(document_text(chars), encoding="utf-8")
        started = time.perf_counter()
        process = subprocess.Popen(
            attest_command("run", "inbox", "--out", "out", "--processes", "1"),
            cwd=workdir,
            env=quiet_env(workdir) | env_extra,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        sampler = TreeSampler(process.pid)
        sampler.start()
        _, status, _ = os.wait4(process.pid, 0)
        sampler.stop()
        elapsed = time.perf_counter() - started
        with closing(sqlite3.connect(workdir / "out" / "audit.db")) as db:
            kinds = [k for (k,) in db.execute("SELECT event_type FROM audit_events")]
        outcome = "processed" if "decision_recorded" in kinds else "rejected"
    workers = [sampler.peak_rss_kb.get(pid, 0) for pid in sampler.worker_pids]
    return {
        "chars": chars,
        "outcome": outcome,
        "exit": os.waitstatus_to_exitcode(status),
        "batch_peak_mb": round(sampler.peak_rss_kb.get(process.pid, 0) / 1024),
        "worker_peak_mb": round(max(workers, default=0) / 1024),
        "seconds": round(elapsed, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--sizes", default="100000,500000,2000000,4000000", help="characters per document"
    )
    parser.add_argument("--ner-model", help="ATTEST_NER_MODEL for the runs (default: built)")
    args = parser.parse_args()
    extra = {"ATTEST_NER_MODEL": args.ner_model} if args.ner_model else {}
    print_header("document memory: peak RSS against one document's size (plain text, rules)")
    rows = [run_one(int(size), extra) for size in args.sizes.split(",")]
    print_table(rows)
    save("document_memory", {"rows": rows})


if __name__ == "__main__":
    main()
