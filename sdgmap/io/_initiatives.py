"""Streaming initiatives, whole rows, from CSV / JSON Lines, and mapped results back from JSON Lines.

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
from ..mapping._initiative import UnreadableRow
from ..mapping._results import MappedInitiative
from . import _rows as _io


def read_initiatives(path: str | Path, *, text_column: str = "text", id_column: str = "id",
                     columns: Mapping[str, str] | None = None, fmt: str | None = None) -> Iterator:
    """Yield one dict per row (text under ``text``, id under ``id``), or a mapped pair.

    ``columns`` maps an :class:`Initiative` field to the input's column for it, e.g.
    ``{"name": "Nom", "year": "Année"}`` (``text_column`` and ``id_column`` are its shorthand).

    A JSON Lines file written by :func:`sdgmap.map_corpus` (``results=``) is read back as
    ``(initiative, classification)`` pairs, so a report can be rebuilt without classifying again.
    """
    path = Path(path)
    fmt = _io.file_format(path, fmt)
    renames = {"text": text_column, "id": id_column, **(columns or {})}
    _io.check_columns(path, renames["text"], fmt)
    try:
        handle = path.open(encoding="utf-8-sig", errors="replace", newline="")
    except OSError as error:
        raise ValueError(Errors.E005.format(path=path, reason=error.strerror or error)) from None
    with handle:
        rows = csv.DictReader(handle) if fmt == "csv" else _json_lines(handle)
        for row in rows:
            yield row if isinstance(row, UnreadableRow) else _renamed(row, renames)


def read_results(path: str | Path) -> Iterator[MappedInitiative]:
    """Stream the per-initiative results written by ``map_corpus(..., results=path)``."""
    with Path(path).open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if line.strip():
                try:
                    yield MappedInitiative.model_validate_json(line)
                except ValidationError as error:
                    raise ValueError(Errors.E033.format(line=number, path=path, reason=error.errors()[0]["msg"])) from None


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
        elif "initiative" in record and "classification" in record:
            try:
                mapped = MappedInitiative.model_validate(record)
            except ValidationError as error:
                yield UnreadableRow(str(number), f"invalid mapped initiative: {error.errors()[0]['msg']}")
                continue
            yield (mapped.initiative, mapped.classification)
        else:
            yield record


def _renamed(row, renames: Mapping[str, str]):
    if isinstance(row, tuple):
        return row
    row = {k: v for k, v in row.items() if k is not None}  # CSV: cells beyond the header
    moved = {field: row.pop(column) for field, column in renames.items() if column != field and column in row}
    return {**row, **moved}
