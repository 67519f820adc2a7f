"""A progress bar for long batches: documents done, documents per minute and time left."""

from __future__ import annotations

import time
from types import TracebackType
from typing import TYPE_CHECKING

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.text import Text

if TYPE_CHECKING:
    from flows.recording import DocOutcome


class RateColumn(ProgressColumn):
    """Documents per minute since the start (steadier than rich's sliding speed on slow work)."""

    def render(self, task: Task) -> Text:
        elapsed = task.elapsed or 0.0
        if elapsed <= 0 or task.completed == 0:
            return Text("-- docs/min", style="progress.data.speed")
        return Text(f"{task.completed / elapsed * 60:.1f} docs/min", style="progress.data.speed")


class BatchProgress:
    def __init__(self, total: int, *, enabled: bool, console: Console | None = None) -> None:
        self.total = total
        self.enabled = enabled and total > 0
        self.started = time.perf_counter()
        self._progress = Progress(
            TextColumn("[bold]attest[/bold]"),
            BarColumn(),
            MofNCompleteColumn(),
            RateColumn(),
            TextColumn("ETA"),
            TimeRemainingColumn(),
            TextColumn("elapsed"),
            TimeElapsedColumn(),
            TextColumn("{task.fields[last]}"),
            console=console or Console(stderr=True),
            transient=False,
        )
        self._task = self._progress.add_task("batch", total=total, last="")

    def __enter__(self) -> BatchProgress:
        if self.enabled:
            self._progress.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self.enabled:
            self._progress.stop()

    def advance(self, outcome: DocOutcome) -> None:
        # Only the status and the short id: file names may carry patient names.
        self._progress.update(self._task, advance=1, last=f"{outcome.doc_id[:12]} {outcome.status}")
