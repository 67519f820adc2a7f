"""The morning report as a self-contained HTML file: time per stage, flags by type, rejections
by reason, and a row per document (by id; file names can carry PHI)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape

from flows.batch import BatchResult
from flows.files import write_atomic

_TEMPLATES = Path(__file__).parent / "templates"
_BAR_MAX = 420
_LABEL_WIDTH = 220
_ROW = 22


@dataclass(frozen=True)
class Bar:
    label: str
    value: str
    length: int
    y: int


@dataclass(frozen=True)
class Chart:
    title: str
    bars: tuple[Bar, ...]
    colour: str
    label_width: int = _LABEL_WIDTH

    @property
    def width(self) -> int:
        return _LABEL_WIDTH + _BAR_MAX + 80

    @property
    def height(self) -> int:
        return max(_ROW, _ROW * len(self.bars))


def bar_chart(title: str, values: dict[str, float], colour: str, unit: str = "") -> Chart:
    top = max(values.values(), default=0) or 1
    ordered = sorted(values.items(), key=lambda item: -item[1])
    bars = tuple(
        Bar(
            label=label,
            value=f"{value:.2f}{unit}" if unit else f"{value:g}",
            length=max(1, round(value / top * _BAR_MAX)),
            y=index * _ROW,
        )
        for index, (label, value) in enumerate(ordered)
    )
    return Chart(title, bars, colour)


def report_charts(result: BatchResult) -> list[Chart]:
    stage_time: Counter[str] = Counter()
    flags: Counter[str] = Counter()
    rejections: Counter[str] = Counter()
    for outcome in result.outcomes:
        stage_time.update(outcome.timings)
        flags.update(outcome.flags)
        if outcome.status == "rejected":
            rejections[outcome.reason_code or "unknown"] += 1
    return [
        bar_chart("Time per stage (seconds, all documents)", dict(stage_time), "#3b6ea5", " s"),
        bar_chart("Flags by type", dict(flags), "#a53b3b"),
        bar_chart("Rejections by reason", dict(rejections), "#a5803b"),
    ]


def render_report(result: BatchResult) -> str:
    environment = Environment(
        loader=FileSystemLoader(_TEMPLATES), autoescape=select_autoescape(["html", "j2"])
    )
    statuses = ("processed", "skipped", "rejected", "failed")
    return environment.get_template("report.html.j2").render(
        run_id=result.run_id,
        config_hash=result.config_hash,
        db=result.db,
        total=len(result.outcomes),
        elapsed_s=result.elapsed_s,
        counts={status: result.count(status) for status in statuses},
        needs_review=result.needs_review,
        charts=report_charts(result),
        outcomes=sorted(result.outcomes, key=lambda o: o.doc_id),
        # Why entries were left alone, counted: their names stay on the terminal.
        left_alone=Counter(entry.reason for entry in result.skipped_entries),
        interrupted_by=result.interrupted_by,
        left_in_inbox=result.left_in_inbox,
    )


def write_report(result: BatchResult) -> Path:
    path = result.out / "reports" / f"{result.run_id}.html"
    write_atomic(path, render_report(result))
    return path
