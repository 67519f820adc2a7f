"""Can the batch keep a model server saturated? Against the stand-in with a fixed latency L and
concurrency C (a GPU server's batch), the pipeline must sustain >= 90% of C/L requests/s.

The stand-in decodes each schema once with the tiny model and replays those bytes, so this
measures the pipeline and the protocol, not the tiny model's CPU time.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import tempfile
import time
from pathlib import Path

from bench.batch_memory import write_inbox
from bench.common import attest_command, print_header, print_table, quiet_env, save

os.environ.setdefault("TORCHDYNAMO_DISABLE", "1")


def main() -> None:
    from tests.llm.standin import StandInConfig, StandInServer
    from tests.llm.tiny_model import build_tiny_model

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--latency", type=float, default=1.0)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--documents", type=int, default=240)
    parser.add_argument("--workers", type=int, default=24)
    args = parser.parse_args()
    print_header(f"model server saturation: C={args.concurrency}, L={args.latency}s")
    with tempfile.TemporaryDirectory(prefix="attest-throughput-") as tmp:
        root = Path(tmp)
        model = build_tiny_model(root / "tiny")
        config = StandInConfig(
            model, latency_s=args.latency, concurrency=args.concurrency, replay_decoded=True
        )
        write_inbox(root / "inbox", args.documents)
        with StandInServer(config) as server:
            command = attest_command(
                "run", "inbox", "--out", "out", "--domain", "legal",
                "--backend", "openai-compatible", "--llm-url", server.url,
                "--model", "attest-tiny", "--max-tokens", "1200",
                "--workers", str(args.workers),
            )  # fmt: skip
            started = time.perf_counter()
            subprocess.run(command, cwd=root, env=quiet_env(root), check=True,
                           stdout=subprocess.DEVNULL)  # fmt: skip
            elapsed = time.perf_counter() - started
            arrivals = list(config.arrivals)
        requests = len(arrivals)
    # Steady state: between the first and the last request, leaving out the run's start-up
    # (Prefect's local API, imports) which a nightly batch pays once.
    steady = (requests - 1) / (arrivals[-1] - arrivals[0])
    ceiling = args.concurrency / args.latency
    row = {
        "documents": args.documents,
        "requests": requests,
        "wall_s": elapsed,
        "steady_requests_per_s": steady,
        "ceiling_C_over_L": ceiling,
        "share_of_ceiling": steady / ceiling,
    }
    print_table([row])
    save("model_throughput", {"rows": [row]})


if __name__ == "__main__":
    main()
