"""Where the test data copied from public corpora lives (each folder has a NOTICE)."""

from __future__ import annotations

from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "data"
