"""One writer process for the concurrency test: `python -m tests.audit._writer URL WORKER BATCHES`.

Prints `ready` once imported, waits for a line on stdin (so every writer starts at once), opens
the store (which creates or upgrades the schema), appends BATCHES batches of BATCH_SIZE events,
and prints one JSON line per batch with the seqs that append() returned.
"""

from __future__ import annotations

import json
import sys

from audit import AuditStore
from schemas.events import EventType, NewEvent

BATCH_SIZE = 3


def main(url: str, worker: int, batches: int) -> None:
    print("ready", flush=True)
    sys.stdin.readline()
    store = AuditStore(url)
    try:
        for batch in range(batches):
            stored = store.append(
                [
                    NewEvent(
                        event_type=EventType.DOCUMENT_INGESTED,
                        run_id=f"writer_{worker}",
                        actor="pipeline",
                        doc_id=f"w{worker}-b{batch}-i{i}",
                        payload={"worker": worker, "batch": batch, "i": i},
                    )
                    for i in range(BATCH_SIZE)
                ]
            )
            print(json.dumps({"batch": batch, "seqs": [e.seq for e in stored]}), flush=True)
    finally:
        store.close()


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]))
