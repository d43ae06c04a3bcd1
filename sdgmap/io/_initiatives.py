"""Streaming initiatives, whole rows, from CSV / JSON Lines, and results back from the files that hold them.

Unlike ``_io.read_rows`` (id and text only), every column is kept: coordinates, region, year
and the directory's own columns feed the map and its breakdowns. A row that cannot be read
comes out as an :class:`UnreadableRow`, which :func:`sdgmap.map_corpus` counts as skipped.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator, Mapping
from pathlib import Path

from pydantic import ValidationError

from ..errors import Errors
from ..mapping._initiative import Initiative, UnreadableRow
from ..mapping._records import is_result_record, split_record
from ..mapping._results import MappedInitiative
from . import _rows as _io


def read_initiatives(path: str | Path, *, text_column: str = "text", id_column: str = "id",
                     columns: Mapping[str, str] | None = None, fmt: str | None = None) -> Iterator:
    """Yield one dict per row (text under ``text``, id under ``id``), or a row and its reading.

    ``columns`` maps an :class:`Initiative` field to the input's column for it, e.g.
    ``{"name": "Nom", "year": "Année"}`` (``text_column`` and ``id_column`` are its shorthand).

    A results file (CSV or JSON Lines) written by ``sdgmap classify``, ``classify_file``,
    ``map_corpus(results=...)`` or a report is read back as ``(row, classification)`` pairs,
    so it maps without classifying again; a row written with an error is an
    :class:`UnreadableRow`.
    """
    path = Path(path)
    fmt = _io.file_format(path, fmt)
    renames = {"text": text_column, "id": id_column, **(columns or {})}
    results = fmt == "csv" and _io.is_results_header(_io.input_columns(path, fmt))
    if not results:
        _io.check_columns(path, renames["text"], fmt)
    try:
        handle = path.open(encoding="utf-8-sig", errors="replace", newline="")
    except OSError as error:
        raise ValueError(Errors.E005.format(path=path, reason=error.strerror or error)) from None
    with handle:
        rows = _io.read_records(handle, fmt) if results else csv.DictReader(handle) if fmt == "csv" else _json_lines(handle)
        for number, row in enumerate(rows, 1):
            if isinstance(row, dict) and (results or is_result_record(row)):
                row = _split(row, number)
            yield row if isinstance(row, UnreadableRow) else _renamed(row, renames)


def read_results(path: str | Path, fmt: str | None = None) -> Iterator[MappedInitiative]:
    """Stream the initiatives of a results file (CSV or JSON Lines) with their readings; rows with an error are left out."""
    path = Path(path)
    fmt = _io.file_format(path, fmt)
    with path.open(encoding="utf-8-sig", errors="replace", newline="") as handle:
        for number, record in enumerate(_io.read_records(handle, fmt), 1):
            split = _split(record, number, path)
            if isinstance(split, UnreadableRow):
                continue
            row, classification = split
            try:
                initiative = Initiative.model_validate(row)
            except ValidationError as error:
                raise ValueError(Errors.E033.format(line=number, path=path, reason=error.errors()[0]["msg"])) from None
            yield MappedInitiative(initiative=initiative, classification=classification,
                                   systemic_score=record.get("systemic_score"))


def _split(record: dict, number: int, path: Path | None = None):
    try:
        return split_record(record)
    except ValidationError as error:
        if path is not None:
            raise ValueError(Errors.E033.format(line=number, path=path, reason=error.errors()[0]["msg"])) from None
        return UnreadableRow(str(record.get("id") or number), f"invalid result: {error.errors()[0]['msg']}")


def _json_lines(handle) -> Iterator:
    for number, line in enumerate(handle, 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except (ValueError, RecursionError) as error:
            yield UnreadableRow(str(number), f"invalid JSON: {error}")
            continue
        if not isinstance(record, dict):
            yield UnreadableRow(str(number), "a line must hold a JSON object")
        else:
            yield record


def _renamed(row, renames: Mapping[str, str]):
    if isinstance(row, tuple):
        row, reading = row
        return _renamed(row, renames), reading
    row = {k: v for k, v in row.items() if k is not None}  # CSV: cells beyond the header
    moved = {field: row.pop(column) for field, column in renames.items() if column != field and column in row}
    return {**row, **moved}
