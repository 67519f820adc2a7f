"""Fail when a source module grows past the house limit (lines), so rooms stay small.

Run by `make lint` (and so by CI) and by the pre-commit hook. Tests are not counted: a test
module reads as a specification and may be long.
"""

from __future__ import annotations

import sys
from pathlib import Path

LIMIT = 400
PACKAGES = ("schemas", "extractors", "audit", "flows", "corpora", "training", "bench")


def too_long(root: Path) -> list[tuple[Path, int]]:
    found = []
    for package in PACKAGES:
        for path in sorted((root / package).rglob("*.py")):
            lines = len(path.read_text(encoding="utf-8").splitlines())
            if lines > LIMIT:
                found.append((path.relative_to(root), lines))
    return found


def main() -> int:
    found = too_long(Path(__file__).resolve().parent.parent)
    for path, lines in found:
        print(f"{path}: {lines} lines (limit {LIMIT}): split it by purpose")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
