"""Regenerate a labelled triage set: `python -m corpora.triage_vignettes NAME [DIR]`.

NAME is a file in corpora/triage_vignettes/sets/ (dev, dev-b, ...) or a set with a generator of
its own (heldout-h: plain.py); DIR defaults to tests/data/triage/NAME. With no NAME, lists the
sets."""

from __future__ import annotations

import sys
from pathlib import Path

from corpora.triage_vignettes.catalogue import set_names, write_named_set


def main(argv: list[str]) -> int:
    if not argv:
        print("\n".join(set_names()))
        return 0
    name = argv[0]
    folder = Path(argv[1]) if len(argv) > 1 else Path("tests/data/triage") / name
    count = write_named_set(name, folder)
    print(f"Wrote {count} labelled triage vignettes ({name}) to {folder}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
