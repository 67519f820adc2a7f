"""Peak memory of a batch must not grow with the batch size: 2,000 documents vs 200.

Each batch runs `attest run` in its own process; its peak RSS comes from wait4(), so the two
figures are the two processes' own, not a maximum over everything this script started.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import tempfile
import time
from pathlib import Path

from bench.common import attest_command, print_header, print_table, quiet_env, save
from corpora.demo_inbox import CLINICAL_PROGRESS_NOTE, FINANCE_STATEMENT, LEGAL_NDA

TEMPLATES = (CLINICAL_PROGRESS_NOTE, FINANCE_STATEMENT, LEGAL_NDA)


def write_inbox(inbox: Path, count: int) -> None:
    inbox.mkdir(parents=True)
    for number in range(count):
        sample = TEMPLATES[number % len(TEMPLATES)]
        text = sample.pages[0] + f"\nReference: batch item {number:05d}\n"
        (inbox / f"doc-{number:05d}.txt").write_text(text, encoding="utf-8")


def run_batch(count: int, workers: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory(prefix=f"attest-mem-{count}-") as tmp:
        workdir = Path(tmp)
        write_inbox(workdir / "inbox", count)
        started = time.perf_counter()
        process = subprocess.Popen(
            attest_command("run", "inbox", "--out", "out", "--workers", str(workers)),
            cwd=workdir,
            env=quiet_env(workdir),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
        elapsed = time.perf_counter() - started
        if process.returncode != 0:
            raise SystemExit(f"attest run over {count} documents exited {process.returncode}")
    return {
        "documents": count,
        "peak_rss_mb": usage.ru_maxrss / 1024,
        "seconds": elapsed,
        "docs_per_min": count / elapsed * 60,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--small", type=int, default=200)
    parser.add_argument("--large", type=int, default=2000)
    parser.add_argument("--workers", type=int, default=4)
    args = parser.parse_args()
    print_header("batch memory: peak RSS against batch size (plain-text documents, rules)")
    rows = [run_batch(n, args.workers) for n in (args.small, args.large)]
    print_table(rows)
    ratio = rows[1]["peak_rss_mb"] / rows[0]["peak_rss_mb"]
    print(f"   peak RSS ratio {args.large} / {args.small}: {ratio:.2f} (target <= 1.20)")
    save("batch_memory", {"rows": rows, "ratio": ratio})


if __name__ == "__main__":
    main()
