"""Stopping a batch on SIGINT or SIGTERM within seconds, with nothing half-recorded.

The first signal asks the batch to stop: no new document is started, the documents in flight
get a few seconds to finish (each is recorded in one transaction, or not at all), and the run
is recorded as interrupted. Work still running after that is abandoned: its files stay in the
inbox for the next run, and the process exits at once. A second signal exits at once.

Installed inside the flow: Prefect's engine replaces the SIGTERM handler when a flow starts.
"""

from __future__ import annotations

import os
import signal
import threading
from types import FrameType
from typing import Any

GRACE_S = 5.0
"""How long documents in flight may take to finish after a stop signal."""

_SIGNALS = (signal.SIGINT, signal.SIGTERM)


class StopSignals:
    """A context that turns SIGINT/SIGTERM into a stop request the batch loop polls."""

    def __init__(self) -> None:
        self.requested = threading.Event()
        self.signum: int | None = None
        self._previous: dict[int, Any] = {}

    @property
    def exit_code(self) -> int:
        """The shell's convention: 128 + the signal's number (130 Ctrl-C, 143 SIGTERM)."""
        return 128 + (self.signum or signal.SIGTERM)

    def _handle(self, signum: int, _frame: FrameType | None) -> None:
        if self.requested.is_set():
            os._exit(128 + signum)  # asked twice: the operator wants it gone now
        self.signum = signum
        self.requested.set()

    def __enter__(self) -> StopSignals:
        if threading.current_thread() is threading.main_thread():
            for signum in _SIGNALS:
                self._previous[signum] = signal.signal(signum, self._handle)
        return self

    def __exit__(self, *_: object) -> None:
        for signum, previous in self._previous.items():
            signal.signal(signum, previous)
        self._previous.clear()
