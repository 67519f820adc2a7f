"""Does the batch use every core? Documents per minute, CPU utilisation and peak memory of
`attest run` with 1, 2, ... worker processes on real-size documents (MTSamples reports, CUAD
contracts), against redaction alone on one core.

Each run is a real `attest run` subprocess with default settings except `--processes N` and
the domain. While it runs, its process tree is sampled from /proc (CPU time, each worker's
peak RSS); the document phase is the time between its `run_started` and `run_finished` events
(after Prefect and the workers have started), the total includes that start-up.

    end-to-end share = end-to-end characters/s / (redaction-alone characters/s x processes)

Redaction alone is `Redactor.redact` on the same texts in this process, one core, NER loaded.
The machine's other load changes every figure: the script prints the load average before and
after each run; re-run it on a quiet machine for figures to quote.
"""

from __future__ import annotations

import argparse
import csv
import os
import re
import sqlite3
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from bench.common import attest_command, print_header, print_table, quiet_env, save
from flows.components import ner_model_path
from flows.settings import Settings

CORPORA = Path(__file__).resolve().parent.parent.parent / "shared" / "corpora"
MTSAMPLES = CORPORA / "clinical" / "mtsamples" / "mtsamples.csv"
CUAD = CORPORA / "legal" / "cuad_dev" / "full_contract_txt"
TICK = os.sysconf("SC_CLK_TCK")


def mtsamples(count: int) -> list[str]:
    csv.field_size_limit(1 << 26)
    with MTSAMPLES.open(newline="", encoding="utf-8") as handle:
        texts = [row["transcription"] for row in csv.DictReader(handle)]
    return [t for t in texts if len(t) >= 500][:count]


def contracts(count: int) -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted(CUAD.glob("*.txt"))[:count]]


def redaction_alone(texts: list[str], domain: str, model: Path) -> dict[str, float]:
    """Characters per second of redaction with the NER on one core, wall and CPU time."""
    from extractors.redact import Redactor

    redactor = Redactor(nlp_model=model)
    redactor.redact("warm-up", texts[0][:2000], domain)  # type: ignore[arg-type]
    wall, cpu = time.perf_counter(), time.process_time()
    for text in texts:
        redactor.redact("bench", text, domain)  # type: ignore[arg-type]
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    chars = sum(len(t) for t in texts)
    return {"chars_per_s": chars / wall, "chars_per_cpu_s": chars / cpu}


@dataclass
class TreeSampler:
    """Samples a process tree from /proc: total CPU seconds over time, the root's own (the
    batch process: is it the bottleneck?), peak RSS per process."""

    root: int
    samples: list[tuple[float, float]] = field(default_factory=list)
    root_samples: list[tuple[float, float]] = field(default_factory=list)
    peak_rss_kb: dict[int, int] = field(default_factory=dict)
    worker_pids: set[int] = field(default_factory=set)
    _stop: threading.Event = field(default_factory=threading.Event)

    def start(self) -> None:
        threading.Thread(target=self._loop, daemon=True).start()

    def stop(self) -> None:
        self._stop.set()

    def _loop(self) -> None:
        while not self._stop.wait(0.25):
            total = own = 0.0
            for pid in self._tree():
                stat = _read(f"/proc/{pid}/stat")
                if stat is None:
                    continue
                fields = stat.rsplit(")", 1)[1].split()
                # utime, stime, and the reaped children's cutime, cstime
                total += sum(int(v) for v in fields[11:15]) / TICK
                if pid == self.root:
                    own = sum(int(v) for v in fields[11:13]) / TICK
                status = _read(f"/proc/{pid}/status") or ""
                for line in status.splitlines():
                    if line.startswith("VmHWM:"):
                        rss = int(line.split()[1])
                        self.peak_rss_kb[pid] = max(self.peak_rss_kb.get(pid, 0), rss)
                if "multiprocessing.spawn" in (_read(f"/proc/{pid}/cmdline") or ""):
                    self.worker_pids.add(pid)
            now = time.time()
            self.samples.append((now, total))
            self.root_samples.append((now, own))

    def _tree(self) -> list[int]:
        pids, todo = [], [self.root]
        while todo:
            pid = todo.pop()
            pids.append(pid)
            children = _read(f"/proc/{pid}/task/{pid}/children") or ""
            todo.extend(int(c) for c in children.split())
        return pids

    def cpu_between(self, start: float, end: float, root_only: bool = False) -> float:
        samples = self.root_samples if root_only else self.samples
        return _interpolate(samples, end) - _interpolate(samples, start)


def _read(path: str) -> str | None:
    try:
        return Path(path).read_text(errors="replace").replace("\0", " ")
    except OSError:
        return None


def _interpolate(samples: list[tuple[float, float]], at: float) -> float:
    before = [s for s in samples if s[0] <= at]
    after = [s for s in samples if s[0] >= at]
    if not before:
        return samples[0][1] if samples else 0.0
    if not after:
        return before[-1][1]
    (t0, v0), (t1, v1) = before[-1], after[0]
    return v0 if t1 == t0 else v0 + (v1 - v0) * (at - t0) / (t1 - t0)


def _phase(db: Path) -> tuple[float, float]:
    """Wall-clock start and end of the document phase, from the run's events."""
    with sqlite3.connect(db) as connection:
        rows = dict(
            connection.execute(
                "SELECT event_type, created_at FROM audit_events "
                "WHERE event_type IN ('run_started', 'run_finished')"
            ).fetchall()
        )
    return tuple(  # type: ignore[return-value]
        datetime.fromisoformat(rows[k].replace("Z", "+00:00")).timestamp()
        for k in ("run_started", "run_finished")
    )


def _count(output: str, status: str) -> int:
    found = re.search(rf"(\d+) {status}\b", output)
    return int(found.group(1)) if found else -1


def run_attest(
    texts: list[str], domain: str, processes: int, alone: float, model: Path, runner: str
) -> dict[str, Any]:
    """One `attest run`: worker processes (the default), or Prefect's Dask runner on a local
    cluster of the same number of worker processes, for comparison."""
    how = ["--processes", str(processes)]
    if runner == "dask":
        how = ["--task-runner", "dask", "--workers", str(processes)]
    with tempfile.TemporaryDirectory(prefix=f"attest-scaling-{processes}-") as tmp:
        workdir = Path(tmp)
        inbox = workdir / "inbox"
        inbox.mkdir()
        for number, text in enumerate(texts):
            (inbox / f"{domain}-{number:04d}.txt").write_text(text, encoding="utf-8")
        load = os.getloadavg()[0]
        started = time.perf_counter()
        log = (workdir / "attest.log").open("w")
        process = subprocess.Popen(
            attest_command("run", "inbox", "--out", "out", "--domain", domain, *how),
            cwd=workdir,
            env=quiet_env(workdir) | {"ATTEST_NER_MODEL": str(model)},
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        sampler = TreeSampler(process.pid)
        sampler.start()
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - started
        sampler.stop()
        log.close()
        code = os.waitstatus_to_exitcode(status)
        output = (workdir / "attest.log").read_text(errors="replace")
        if code != 0:
            print(f"   attest run ({runner}, {processes}) exited {code}:")
            print("\n".join("   | " + line for line in output.splitlines()[-12:]))
            if code != 1:  # 1: some documents failed, the others were processed
                raise SystemExit(code)
        begin, end = _phase(workdir / "out" / "audit.db")
    chars = sum(len(t) for t in texts)
    phase = end - begin
    workers = [sampler.peak_rss_kb.get(pid, 0) for pid in sampler.worker_pids]
    return {
        "runner": runner,
        "processes": processes,
        "docs": len(texts),
        "processed": _count(output, "processed"),
        "failed": _count(output, "failed"),
        "load_before": round(load, 1),
        "wall_s": wall,
        "docs_per_min": len(texts) / wall * 60,
        "phase_s": phase,
        "phase_docs_per_min": len(texts) / phase * 60,
        "cpu_pct": (usage.ru_utime + usage.ru_stime) / wall * 100,
        "phase_cpu_pct": sampler.cpu_between(begin, end) / phase * 100,
        # The batch process alone (Prefect, check, render, record; generation with a model
        # backend): near 100 % it is what holds the batch back, not the worker processes.
        "batch_phase_cpu_pct": sampler.cpu_between(begin, end, root_only=True) / phase * 100,
        "e2e_share": chars / phase / (alone * processes),
        "worker_peak_rss_mb": max(workers, default=0) / 1024,
        "main_peak_rss_mb": sampler.peak_rss_kb.get(process.pid, 0) / 1024,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--corpus", choices=["mtsamples", "cuad"], default="mtsamples")
    parser.add_argument("--documents", type=int, help="default: 300 MTSamples / 50 contracts")
    parser.add_argument(
        "--processes", default="1,2", help="comma-separated worker process counts (default 1,2)"
    )
    parser.add_argument(
        "--dask", action="store_true", help="also run Prefect's Dask runner with as many processes"
    )
    parser.add_argument("--ner-model", type=Path, help="default: the cached model for this code")
    args = parser.parse_args()
    model = (args.ner_model or ner_model_path(Settings()) or Path()).resolve()
    if model == Path().resolve():
        raise SystemExit("the scaling figures are with the NER model: unset ATTEST_NER_MODEL=none")
    if args.corpus == "mtsamples":
        texts, domain = mtsamples(args.documents or 300), "clinical"
    else:
        texts, domain = contracts(args.documents or 50), "legal"
    counts = [int(n) for n in args.processes.split(",")]
    print_header(f"scaling: {len(texts)} {args.corpus} documents, processes {counts}")
    alone = redaction_alone(texts, domain, model)
    chars = sum(len(t) for t in texts)
    print(
        f"   {chars:,} characters; redaction alone, one core: {alone['chars_per_s']:,.0f} "
        f"chars/s wall, {alone['chars_per_cpu_s']:,.0f} chars/s of CPU time"
    )
    runners = ["processes", "dask"] if args.dask else ["processes"]
    rate = alone["chars_per_s"]
    rows = [run_attest(texts, domain, n, rate, model, r) for r in runners for n in counts]
    print_table(rows)
    print(f"   load average after: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    save(f"scaling_{args.corpus}", {"redaction_alone": alone, "chars": chars, "rows": rows})


if __name__ == "__main__":
    main()
