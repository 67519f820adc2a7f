"""What building each domain's JSON-schema constraint costs, per structured-generation backend:
wall and CPU seconds, and the peak memory of a fresh process that loads the embedded model
(`make model`) and builds the constraint once, as the transformers transport does.

Each (backend, domain) runs in its own process, so its peak RSS is its own; `model_only` is
the same process without the constraint (what loading the model costs by itself). A run past
`--timeout` seconds is stopped and reported as such.

    python -m bench.grammar_compile --backends llguidance,outlines_core --domains clinical
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

from bench.common import print_header, print_table, save

os.environ.setdefault("TORCHDYNAMO_DISABLE", "1")


def _child(model_dir: Path, backend: str, domain: str) -> None:
    """In the child process: load, build the constraint, and print what it cost as JSON."""
    import outlines
    import transformers

    from schemas.outputs import OUTPUT_MODELS

    tokenizer = transformers.AutoTokenizer.from_pretrained(model_dir)
    model = transformers.AutoModelForCausalLM.from_pretrained(model_dir)
    wrapped = outlines.from_transformers(model, tokenizer)  # type: ignore[arg-type]
    wall, cpu = time.perf_counter(), time.process_time()
    if backend != "model_only":
        outlines.Generator(wrapped, OUTPUT_MODELS[domain], backend=backend)  # type: ignore[index]
    result = {
        "compile_s": time.perf_counter() - wall,
        "compile_cpu_s": time.process_time() - cpu,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }
    print(json.dumps(result))


def _measure(model_dir: Path, backend: str, domain: str, timeout: float) -> dict[str, object]:
    command = [sys.executable, "-m", "bench.grammar_compile", "--child", backend, domain]
    command += ["--model-dir", str(model_dir)]
    row: dict[str, object] = {"backend": backend, "domain": domain}
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=True)
    except subprocess.TimeoutExpired:
        return {**row, "compile_s": f"> {timeout:.0f}", "compile_cpu_s": "-", "peak_rss_mb": "-"}
    return {**row, **json.loads(done.stdout.strip().splitlines()[-1])}


def main() -> None:
    from flows.model.base_model import model_dir

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--model-dir", type=Path, default=model_dir())
    parser.add_argument("--backends", default="llguidance,outlines_core")
    parser.add_argument("--domains", default="clinical,finance,legal")
    parser.add_argument("--timeout", type=float, default=900.0)
    parser.add_argument("--child", nargs=2, metavar=("BACKEND", "DOMAIN"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        _child(args.model_dir, *args.child)
        return
    print_header(f"schema constraint build: {args.model_dir.name}")
    rows = [_measure(args.model_dir, "model_only", "-", args.timeout)]
    for backend in args.backends.split(","):
        rows += [
            _measure(args.model_dir, backend, d, args.timeout) for d in args.domains.split(",")
        ]
    print_table(rows)
    save("grammar_compile_" + args.backends.replace(",", "_"), {"rows": rows})


if __name__ == "__main__":
    main()
