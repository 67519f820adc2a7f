"""`make bench`: every benchmark in turn, each printing its table and writing bench/results/."""

from __future__ import annotations

import subprocess
import sys
import time

BENCHMARKS = (
    ["bench.parse_speed"],
    ["bench.redaction_speed"],
    ["bench.end_to_end"],
    ["bench.batch_memory"],
    ["bench.audit_store"],
    ["bench.model_throughput"],
    # The README's figures are at 100,000 decisions (`python -m bench.review_app`, ~1 min more).
    ["bench.review_app", "--decisions", "20000", "--repeats", "5"],
)


def main() -> int:
    started = time.perf_counter()
    for module in BENCHMARKS:
        code = subprocess.call([sys.executable, "-m", *module])
        if code != 0:
            print(f"{module[0]} failed with exit code {code}", file=sys.stderr)
            return code
    print(f"all benchmarks in {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
