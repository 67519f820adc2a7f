"""Stage 1, ingest: read a file from the inbox within the size limit and name it by its bytes."""

from __future__ import annotations

from pathlib import Path

from extractors.ingest import ingest
from extractors.limits import ParseLimits
from flows.stages.values import Loaded, Staged, timed


def ingest_stage(path: str, limits: ParseLimits) -> Staged[Loaded]:
    def work() -> Loaded:
        ingested, data = ingest(Path(path), limits)
        return Loaded(ingested, data)

    return timed("ingest", work)
