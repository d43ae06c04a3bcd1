"""Initiatives on an equirectangular map drawn in SVG: no tiles, nothing fetched at view time.

The frame fits the points (with a margin) and keeps shapes true at its middle latitude
(x = longitude × cos(middle latitude)); a labelled graticule gives the bearings.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from ._labels import LABELS
from ._svg import circle, document, line, text

_STEPS = (0.25, 0.5, 1, 2, 5, 10, 15, 30, 45, 60)
_MAX_WIDTH, _MAX_HEIGHT, _PAD = 880, 560, 36


@dataclass(frozen=True, slots=True)
class MapPoint:
    longitude: float
    latitude: float
    colour: str
    label: str
    legend: str = ""  # what the colour stands for (the main goal), shown once in the legend


def map_svg(points: list[MapPoint], language: str = "en") -> str:
    """Points coloured by main goal, on a graticule; ``points`` must not be empty."""
    west, east, south, north = _frame(points)
    squeeze = math.cos(math.radians((south + north) / 2))
    scale = min((_MAX_WIDTH - 2 * _PAD) / ((east - west) * squeeze), (_MAX_HEIGHT - 2 * _PAD) / (north - south))
    width = (east - west) * squeeze * scale + 2 * _PAD
    height = (north - south) * scale + 2 * _PAD

    def x(lon: float) -> float:
        return _PAD + (lon - west) * squeeze * scale

    def y(lat: float) -> float:
        return _PAD + (north - lat) * scale

    body = [f'<rect x="{_PAD}" y="{_PAD}" width="{width - 2 * _PAD:.1f}" height="{height - 2 * _PAD:.1f}" fill="#eef3f7" stroke="#9fb3c4"/>']
    step = _step(max(east - west, north - south))
    for lon in _ticks(west, east, step):
        body.append(line(x(lon), _PAD, x(lon), height - _PAD, stroke="#c9d6e2", class_="graticule"))
        body.append(text(x(lon), height - _PAD + 14, _degrees(lon, "E", "W"), text_anchor="middle", font_size="10", fill="#52667a"))
    for lat in _ticks(south, north, step):
        body.append(line(_PAD, y(lat), width - _PAD, y(lat), stroke="#c9d6e2", class_="graticule"))
        body.append(text(_PAD - 4, y(lat) + 3, _degrees(lat, "N", "S"), text_anchor="end", font_size="10", fill="#52667a"))
    body.append('<g class="points">')
    for point in points:
        body.append(circle(x(point.longitude), y(point.latitude), 5.5, point.label, fill=point.colour, stroke="#fff",
                           stroke_width="1.5", class_="point"))
    body.append("</g>")
    legend, height = _legend(points, width, height)
    return document("chart-map", width, height, "".join(body) + legend, LABELS[language]["map"])


def _legend(points: list[MapPoint], width: float, height: float) -> tuple[str, float]:
    """One swatch per colour, ordered by the first number in its label (the goal), three to a row."""
    entries = sorted(dict.fromkeys((p.colour, p.legend) for p in points if p.legend), key=lambda e: _label_key(e[1]))
    column = (width - 2 * _PAD) / 3
    top = height + 4
    marks = []
    for i, (colour, label) in enumerate(entries):
        x, y = _PAD + (i % 3) * column, top + (i // 3) * 18
        marks.append(circle(x + 5, y + 5, 5, None, fill=colour))
        marks.append(text(x + 15, y + 9, label if len(label) <= 38 else label[:37] + "…", font_size="11"))
    rows = (len(entries) + 2) // 3
    return f'<g class="legend">{"".join(marks)}</g>', height + rows * 18 + (8 if rows else 0)


def _label_key(label: str) -> tuple:
    found = re.search(r"\d+", label)
    return (int(found[0]) if found else 999, label)


def _frame(points: list[MapPoint]) -> tuple[float, float, float, float]:
    lons = [p.longitude for p in points]
    lats = [p.latitude for p in points]
    span_lon, span_lat = max(max(lons) - min(lons), 2.0), max(max(lats) - min(lats), 2.0)
    mid_lon, mid_lat = (max(lons) + min(lons)) / 2, (max(lats) + min(lats)) / 2
    west, east = mid_lon - 0.6 * span_lon, mid_lon + 0.6 * span_lon
    south, north = max(-85.0, mid_lat - 0.6 * span_lat), min(85.0, mid_lat + 0.6 * span_lat)
    return max(-180.0, west), min(180.0, east), south, north


def _step(span: float) -> float:
    return next((s for s in _STEPS if span / s <= 8), _STEPS[-1])


def _ticks(low: float, high: float, step: float) -> list[float]:
    first = math.ceil(low / step) * step
    return [round(first + i * step, 6) for i in range(int((high - first) / step) + 1)]


def _degrees(value: float, positive: str, negative: str) -> str:
    number = f"{abs(value):g}"
    return f"{number}°" if value == 0 else f"{number}°{positive if value > 0 else negative}"
