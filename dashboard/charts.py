"""Bar charts as inline SVG, drawn on the server: no JavaScript, and a data table beside each
one in the template. A suppressed month gets no bar but its "<5" or "–" mark."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils import formats

from .suppression import Cell

WIDTH, HEIGHT = 360, 160
TOP, BOTTOM, LEFT = 16, 22, 4


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    label: str
    text: str
    shown: bool


def bar_chart(
    key: str, title: Any, points: list[dict[str, Any]], ceiling: int | None = None
) -> dict[str, Any]:
    cells: list[Cell] = [point[key] for point in points]
    largest = ceiling or max([c.value or 0 for c in cells if c.shown] + [1])
    slot = (WIDTH - LEFT) / max(len(points), 1)
    usable = HEIGHT - TOP - BOTTOM
    bars = []
    for index, (point, cell) in enumerate(zip(points, cells, strict=True)):
        value = (cell.value or 0) if cell.shown else 0
        height = round(usable * value / largest, 1)
        bars.append(
            Bar(
                x=round(LEFT + index * slot + slot * 0.15, 1),
                y=round(TOP + usable - height, 1),
                width=round(slot * 0.7, 1),
                height=height,
                label=formats.date_format(point["month"], "M"),
                text=cell.text,
                shown=cell.shown,
            )
        )
    return {
        "key": key,
        "title": title,
        "bars": bars,
        "width": WIDTH,
        "height": HEIGHT,
        "baseline": HEIGHT - BOTTOM,
        "label_y": HEIGHT - 6,
        "slot": slot,
    }
