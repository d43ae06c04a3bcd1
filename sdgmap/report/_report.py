"""Write an impact map as a report folder: a self-contained HTML page, SVG (and PNG) charts,
every table as CSV and JSON, and the initiatives as GeoJSON and CSV.

Per-initiative results are read as a stream (a JSON Lines path) and only the first
``max_rows`` rows and ``max_points`` points are kept, so a report of a large corpus stays
small and its memory bounded.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

from .._taxonomy import taxonomy
from ..errors import Errors
from ..io._exports import write_geojson, write_results_csv, write_results_jsonl, write_tables
from ..io._initiatives import read_results
from ..lang import registered_languages
from ..mapping._comparison import compare_groups
from ..mapping._results import ImpactMap, MappedInitiative
from ..util import atomic_writer
from ._charts import (
    coverage_svg,
    field_label,
    goal_name,
    groups_svg,
    heatmap_svg,
    network_svg,
    shown,
    systemic_svg,
    wheel_svg,
)
from ._html import render_html
from ._labels import LABELS
from ._map_chart import MapPoint, map_svg
from ._png import svg_to_png
from ._svg import slug

LANGUAGES = registered_languages()
MAX_ROWS = 1000
MAX_POINTS = 5000


def write_report(
    impact_map: ImpactMap,
    folder: str | Path,
    *,
    results: str | Path | Sequence[MappedInitiative] | None = None,
    language: str = "en",
    title: str | None = None,
    max_rows: int = MAX_ROWS,
    max_points: int = MAX_POINTS,
    png: bool = False,
) -> Path:
    """Write ``index.html`` and its data into ``folder``; returns the path of ``index.html``.

    ``results`` are the per-initiative results: the JSON Lines file written by
    ``map_corpus(..., results=path)``, a sequence, or (None) ``impact_map.initiatives``.
    ``png=True`` also renders each chart to PNG with headless Chromium, when installed.
    """
    if language not in LANGUAGES:
        raise ValueError(Errors.E003.format(lang=language, options=list(LANGUAGES)))
    folder = Path(folder)
    (folder / "figures").mkdir(parents=True, exist_ok=True)
    results = impact_map.initiatives if results is None else results
    if not isinstance(results, (str, Path)):
        write_results_jsonl(results, folder / "initiatives.jsonl")
    stream = _stream(results)
    rows: list[MappedInitiative] = []
    points: list[MapPoint] = []
    write_geojson(_collect(stream(), rows, points, max_rows, max_points, language), folder / "initiatives.geojson")
    write_results_csv(stream(), folder / "initiatives.csv")
    comparisons = {b.field: {g.value: compare_groups(impact_map, b.field, g.value) for g in b.groups}
                   for b in impact_map.breakdowns}
    write_tables(impact_map, folder / "tables", comparisons=comparisons)
    charts = _charts(impact_map, points, comparisons, language)
    for name, svg in charts.items():
        path = folder / "figures" / f"{name}.svg"
        with atomic_writer(path) as handle:
            handle.write('<?xml version="1.0" encoding="UTF-8"?>\n' + svg + "\n")
        if png:
            svg_to_png(path, path.with_suffix(".png"))
    page = folder / "index.html"
    with atomic_writer(page) as handle:
        handle.write(render_html(impact_map, charts, rows, language, title, comparisons))
    return page


def _stream(results):
    if isinstance(results, (str, Path)):
        return lambda: read_results(results)
    return lambda: iter(results)


def _collect(items, rows: list, points: list, max_rows: int, max_points: int, language: str) -> Iterator[MappedInitiative]:
    """Pass the results through, keeping the first rows for the table and points for the map."""
    for item in items:
        if len(rows) < max_rows:
            rows.append(item)
        if item.initiative.has_coordinates and len(points) < max_points:
            points.append(_point(item, language))
        yield item


def _point(item: MappedInitiative, language: str) -> MapPoint:
    initiative, goals = item.initiative, item.classification.sdgs
    colour = taxonomy().goal(goals[0]).colour if goals else "#777777"
    where = ", ".join(shown(v) for v in (initiative.place, initiative.region) if v)
    named = "; ".join(goal_name(g, language) for g in goals) or LABELS[language]["no_goal"]
    label = shown(initiative.name or initiative.id) + (f" ({where})" if where else "") + f" — {named}"
    legend = goal_name(goals[0], language) if goals else LABELS[language]["no_goal"]
    return MapPoint(initiative.longitude, initiative.latitude, colour, label, legend)


def _charts(impact_map: ImpactMap, points: list[MapPoint], comparisons: dict, language: str) -> dict[str, str]:
    charts = {
        "wheel": wheel_svg(impact_map, language),
        "coverage": coverage_svg(impact_map, language),
        "heatmap": heatmap_svg(impact_map, language),
        "network": network_svg(impact_map, language),
    }
    if impact_map.systemic is not None:
        charts["systemic"] = systemic_svg(impact_map.systemic, language)
    for breakdown in impact_map.breakdowns:
        label = field_label(breakdown.field, language)
        charts[f"groups-{slug(breakdown.field)}"] = groups_svg(breakdown, comparisons[breakdown.field], language, label)
    if points:
        charts["map"] = map_svg(points, language)
    return charts
