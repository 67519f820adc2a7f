"""The review app at 100,000 decisions: projection build time and page latency over real HTTP.

The decisions are the demo's eight real decision events, cloned with new ids across 10 runs,
so every page renders what a real run records.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

import httpx
import uvicorn

from audit import AuditStore
from audit.review import ReviewProjection
from audit.users import Role, UserDirectory
from audit.web import create_app
from bench.common import print_header, print_table, save
from schemas.events import EventType, NewEvent
from tests.web.conftest import PASSWORD, free_port, log_in

RUNS = 10
APPEND_BATCH = 1000


def _demo_events(workdir: Path) -> tuple[NewEvent, list[NewEvent]]:
    subprocess.run(
        [sys.executable, "-m", "flows.cli", "demo", "--dir", str(workdir), "--no-progress"],
        check=True,
        capture_output=True,
    )
    store = AuditStore(f"sqlite:///{workdir / 'out' / 'audit.db'}")
    try:
        [started] = store.events(event_type=EventType.RUN_STARTED)
        decisions = store.events(event_type=EventType.DECISION_RECORDED)
    finally:
        store.close()
    return started, decisions  # type: ignore[return-value]


def _fill(store: AuditStore, started: NewEvent, decisions: list[NewEvent], total: int) -> float:
    begin = time.perf_counter()
    per_run = total // RUNS
    for run in range(RUNS):
        run_id = f"run_bench{run:02d}{uuid.uuid4().hex[:8]}"
        store.append([NewEvent(**(started.model_dump() | {"run_id": run_id}))])
        pending: list[NewEvent] = []
        for number in range(per_run):
            template = decisions[number % len(decisions)]
            pending.append(
                NewEvent(
                    event_type=EventType.DECISION_RECORDED,
                    run_id=run_id,
                    actor="pipeline",
                    doc_id=f"{run:02d}{number:062d}",
                    decision_id=f"dec_{run:02d}{number:022d}",
                    payload=template.payload,
                )
            )
            if len(pending) == APPEND_BATCH:
                store.append(pending)
                pending = []
        store.append(pending)
    return time.perf_counter() - begin


def _median_ms(client: httpx.Client, path: str, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        begin = time.perf_counter()
        response = client.get(path)
        times.append((time.perf_counter() - begin) * 1000)
        assert response.status_code == 200, (path, response.status_code)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--decisions", type=int, default=100_000)
    parser.add_argument("--repeats", type=int, default=15)
    args = parser.parse_args()
    print_header(f"review app at {args.decisions:,} decisions (SQLite, real HTTP)")
    with tempfile.TemporaryDirectory(prefix="attest-bench-review-") as tmp:
        started, decisions = _demo_events(Path(tmp) / "demo")
        store = AuditStore(f"sqlite:///{Path(tmp) / 'audit.db'}")
        fill_s = _fill(store, started, decisions, args.decisions)
        begin = time.perf_counter()
        projected = ReviewProjection(store).sync()
        sync_s = time.perf_counter() - begin
        UserDirectory(store).add("bench", PASSWORD, Role.ADMIN, actor="bench")
        port = free_port()
        server = uvicorn.Server(
            uvicorn.Config(create_app(store), port=port, log_level="warning", access_log=False)
        )
        threading.Thread(target=server.run, daemon=True).start()
        while not server.started:
            time.sleep(0.05)
        client = log_in(f"http://127.0.0.1:{port}", "bench")
        oldest_seq = 3  # keyset cursor near the far end: the last page of all decisions
        some = store.events(event_type=EventType.DECISION_RECORDED, limit=1)[0]
        flag = next(f["kind"] for d in decisions for f in d.payload["flags"])
        paths = {
            "runs list": "/runs",
            "decisions, page 1": "/decisions",
            "decisions, last page": f"/decisions?before={oldest_seq + 60}",
            f"filter flag={flag}": f"/decisions?flag={flag}",
            "filter review=pending": "/decisions?review=pending",
            "filter domain + run": f"/decisions?domain=clinical&run={some.run_id}",
            "review queue": "/review",
            "run page with chart": f"/runs/{some.run_id}",
            "decision page (+ view event)": f"/decisions/{some.decision_id}",
        }
        rows = [
            {"page": name, "median_ms": _median_ms(client, path, args.repeats)}
            for name, path in paths.items()
        ]
        server.should_exit = True
        store.close()
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"   filled {args.decisions:,} decisions in {fill_s:.1f} s; "
        f"projection built from the chain in {sync_s:.1f} s ({projected:,} events)"
    )
    print_table(rows)
    print(f"   peak RSS {peak_mb:.0f} MB")
    save(
        "review_app",
        {
            "decisions": args.decisions,
            "projection_build_s": sync_s,
            "pages": rows,
            "peak_rss_mb": peak_mb,
        },
    )


if __name__ == "__main__":
    main()
