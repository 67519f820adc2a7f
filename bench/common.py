"""Shared by the benchmarks: machine facts, versions, timing, and result output."""

from __future__ import annotations

import importlib.metadata
import json
import os
import platform
import subprocess
import sys
from pathlib import Path
from typing import Any

RESULTS = Path(__file__).parent / "results"


def machine() -> dict[str, Any]:
    try:
        tesseract = subprocess.run(
            ["tesseract", "--version"], capture_output=True, text=True, check=False
        ).stdout.splitlines()
    except FileNotFoundError:  # the model benchmarks run without it
        tesseract = []
    versions = {
        name: importlib.metadata.version(name)
        for name in ("prefect", "presidio-analyzer", "pypdf", "pypdfium2", "spacy", "sqlalchemy")
    }
    return {
        "cores": os.cpu_count(),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "tesseract": tesseract[0] if tesseract else "missing",
        **versions,
    }


def print_header(title: str) -> None:
    facts = machine()
    print(f"== {title}")
    print("   " + ", ".join(f"{k} {v}" for k, v in facts.items()))


def print_table(rows: list[dict[str, Any]]) -> None:
    if not rows:
        return
    columns = list(rows[0])
    widths = {c: max(len(c), *(len(_fmt(r[c])) for r in rows)) for c in columns}
    print("  ".join(c.ljust(widths[c]) for c in columns))
    for row in rows:
        print("  ".join(_fmt(row[c]).ljust(widths[c]) for c in columns))


def _fmt(value: Any) -> str:
    return f"{value:.2f}" if isinstance(value, float) else str(value)


def save(name: str, payload: dict[str, Any]) -> Path:
    RESULTS.mkdir(exist_ok=True)
    path = RESULTS / f"{name}.json"
    path.write_text(json.dumps({"machine": machine(), **payload}, indent=2) + "\n")
    print(f"   written {path}")
    return path


def attest_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "flows.cli", *args]


def quiet_env(workdir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PREFECT_", "ATTEST_"))}
    env.update(PREFECT_HOME=str(workdir / "prefect-home"), ATTEST_PROGRESS="false")
    return env
