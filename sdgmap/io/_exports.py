"""Every table of an impact map as CSV and JSON; initiatives as GeoJSON, JSON Lines and CSV.

Text cells of CSV files go through ``_io.csv_safe`` (a spreadsheet would run ``=...`` as a
formula); numbers are written as numbers, since a negative number is not a formula. Every
file is written atomically: it appears once complete.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

from .._taxonomy import taxonomy
from ..mapping._comparison import ALPHA, compare_groups
from ..mapping._initiative import Initiative
from ..mapping._records import record_json
from ..mapping._results import (
    CoOccurrence,
    CoverageGap,
    GoalCoverage,
    GoalDifference,
    ImpactMap,
    MapComparison,
    MappedInitiative,
    SkippedItem,
    TargetCoverage,
)
from ..results import HistogramBin
from ..util import atomic_writer
from . import _rows as _io
from ._rows import csv_cell

_GEO_COLUMNS = ("id", "name", "place", "region", "year")
_WHERE = ["field", "value"]
# Headers of tables that may be empty (a CSV file with no header says nothing).
_EMPTY_HEADERS = {
    "targets": list(TargetCoverage.model_fields), "gaps": list(CoverageGap.model_fields),
    "cooccurrence": list(CoOccurrence.model_fields), "network": list(CoOccurrence.model_fields),
    "group_summary": [*_WHERE, "count", "no_goal", "mean_goals"], "groups": [*_WHERE, *GoalCoverage.model_fields],
    "group_comparisons": [*_WHERE, "versus", *GoalDifference.model_fields], "skipped": list(SkippedItem.model_fields),
    "systemic_histogram": list(HistogramBin.model_fields),
}


def map_tables(impact_map: ImpactMap, *, alpha: float = ALPHA,
               comparisons: Mapping[str, Mapping[str, MapComparison]] | None = None) -> dict[str, list[dict]]:
    """The map as flat tables (name → rows), ready for a spreadsheet or a data frame.

    ``comparisons`` (field → value → each group against the rest) are those already worked
    out by a caller such as the report; missing ones are computed at ``alpha``.
    """
    goals = taxonomy().goals
    tables = {
        "goals": [{**g.model_dump(), "short_en": goals[g.goal - 1].short_en, "short_fr": goals[g.goal - 1].short_fr,
                   "colour": goals[g.goal - 1].colour} for g in impact_map.goals],
        "targets": [t.model_dump() for t in impact_map.targets],
        "gaps": [g.model_dump() for g in impact_map.gaps],
        "cooccurrence": [p.model_dump() for p in impact_map.cooccurrence],
        "network": [p.model_dump() for p in impact_map.network],
        "group_summary": [], "groups": [], "group_comparisons": [],
        "skipped": [s.model_dump() for s in impact_map.skipped_examples],
    }
    if impact_map.systemic is not None:
        summary = impact_map.systemic.model_dump(exclude={"histogram", "component_means"})
        tables["systemic"] = [{**summary, **{f"mean_{k}": v for k, v in impact_map.systemic.component_means.items()}}]
        tables["systemic_histogram"] = [b.model_dump() for b in impact_map.systemic.histogram]
    for breakdown in impact_map.breakdowns:
        for group in breakdown.groups:
            where = {"field": breakdown.field, "value": group.value}
            systemic = group.systemic.model_dump(include={"mean", "median", "q1", "q3"}) if group.systemic else {}
            tables["group_summary"].append({**where, "count": group.count, "no_goal": group.no_goal,
                                            "mean_goals": group.mean_goals, **{f"systemic_{k}": v for k, v in systemic.items()}})
            tables["groups"] += [{**where, **g.model_dump()} for g in group.goals]
            comparison = (comparisons or {}).get(breakdown.field, {}).get(group.value)
            if comparison is None:
                comparison = compare_groups(impact_map, breakdown.field, group.value, alpha=alpha)
            tables["group_comparisons"] += [{**where, "versus": "rest", **d.model_dump()} for d in comparison.goals]
    return tables


def write_tables(impact_map: ImpactMap, folder: str | Path, *, formats: Iterable[str] = ("csv", "json"),
                 comparisons: Mapping[str, Mapping[str, MapComparison]] | None = None) -> list[Path]:
    """Write each table as ``NAME.csv`` and ``NAME.json``, and the whole map as ``impact_map.json``."""
    folder = Path(folder)
    written = []
    for name, rows in map_tables(impact_map, comparisons=comparisons).items():
        for fmt in formats:
            path = folder / f"{name}.{fmt}"
            if fmt == "csv":
                write_csv(rows, path, columns=None if rows else _EMPTY_HEADERS.get(name, []))
            else:
                write_json(rows, path)
            written.append(path)
    with atomic_writer(folder / "impact_map.json") as handle:
        handle.write(impact_map.model_dump_json())
    return [*written, folder / "impact_map.json"]


def write_csv(rows: list[dict], path: str | Path, *, columns: list[str] | None = None) -> Path:
    """Rows as CSV: header from the first row (or ``columns``); text escaped against formula injection."""
    columns = columns if columns is not None else list(rows[0]) if rows else []
    with atomic_writer(path) as handle:
        writer = csv.writer(handle)
        writer.writerow(columns)
        for row in rows:
            writer.writerow([csv_cell(row.get(column)) for column in columns])
    return Path(path)


def write_json(rows, path: str | Path) -> Path:
    with atomic_writer(path) as handle:
        json.dump(rows, handle, ensure_ascii=False, indent=1, allow_nan=False)
        handle.write("\n")
    return Path(path)


def initiative_columns(mapped: Iterable[MappedInitiative]) -> list[str]:
    """The input columns of a results CSV of these initiatives: every field, then every extra (first seen)."""
    columns = dict.fromkeys(Initiative.model_fields)
    for item in mapped:
        columns.update(dict.fromkeys(item.initiative.model_extra or {}))
    return list(columns)


def write_results_jsonl(mapped: Iterable[MappedInitiative], path: str | Path) -> int:
    """One record per initiative, the results layout of ``sdgmap classify`` (read back with ``read_results``)."""
    count = 0
    with atomic_writer(path) as handle:
        for item in mapped:
            handle.write(record_json(item.record()))
            count += 1
    return count


def write_results_csv(mapped: Iterable[MappedInitiative], path: str | Path, *,
                      input_columns: Sequence[str] | None = None) -> int:
    """One row per initiative, the results-CSV layout of ``sdgmap classify``: id, its columns, its reading.

    ``input_columns`` (default: every field the initiatives have, in a first pass when ``mapped``
    is a sequence, else :class:`Initiative`'s own) name the initiative's columns.
    """
    if input_columns is None:
        input_columns = initiative_columns(mapped) if isinstance(mapped, Sequence) else list(Initiative.model_fields)
    writer_columns = _io.csv_header(input_columns)
    count = 0
    with atomic_writer(path) as handle:
        writer = _io.RecordWriter(handle, "csv", columns=writer_columns)
        for item in mapped:
            writer.write(item.record())
            count += 1
    return count


def write_geojson(mapped: Iterable[MappedInitiative], path: str | Path) -> int:
    """A GeoJSON FeatureCollection (RFC 7946: [longitude, latitude]) of the initiatives with coordinates.

    Streamed feature by feature; returns the number of features.
    """
    count = 0
    with atomic_writer(path) as handle:
        handle.write('{"type": "FeatureCollection", "features": [')
        for item in mapped:
            if item.initiative.has_coordinates:
                handle.write(("," if count else "") + "\n" + json.dumps(geojson_feature(item), ensure_ascii=False,
                                                                      allow_nan=False))
                count += 1
        handle.write("\n]}\n")
    return count


def geojson_feature(item: MappedInitiative) -> dict:
    """One Point feature; properties are flat (GIS tools read flat columns best)."""
    initiative, reading = item.initiative, item.classification
    main = reading.sdgs[0] if reading.sdgs else None
    properties = {key: value for key, value in (initiative.model_extra or {}).items() if _scalar(value)}
    properties.update({c: initiative.value(c) for c in _GEO_COLUMNS})
    properties.update({
        "language": reading.language, "sdgs": list(reading.sdgs), "main_sdg": main,
        "marker-color": taxonomy().goal(main).colour if main else "#888888",
        "systemic_score": item.systemic_score,
        **{f"score_{g.goal}": g.score for g in sorted(reading.goals, key=lambda g: g.goal)},
    })
    return {"type": "Feature", "id": initiative.id,
            "geometry": {"type": "Point", "coordinates": [initiative.longitude, initiative.latitude]},
            "properties": properties}


def _scalar(value) -> bool:
    return value is None or isinstance(value, (str, int, float, bool))
