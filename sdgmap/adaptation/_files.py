"""Reading curated (and uncurated) rows from CSV or JSON Lines, all of it before any fitting."""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

from ..errors import Errors

_FORMATS = {".csv": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl"}
csv.field_size_limit(sys.maxsize if sys.maxsize < 2**63 else 2**31 - 1)


def read_table(path: str | Path, columns: tuple[str, ...], id_column: str | None = "id") -> tuple[list[dict], list[str]]:
    """Every row of a CSV (with a header) or JSON Lines file as a dict holding ``columns``,
    and the row ids (the ``id_column`` value, or the row number). A missing column, an
    unreadable line or a text that is not a string raises ``ValueError`` naming the row."""
    path = Path(path)
    fmt = _FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise ValueError(Errors.E006.format(suffix=path.suffix, path=path))
    try:
        handle = path.open(encoding="utf-8-sig", errors="replace", newline="")
    except OSError as error:
        raise ValueError(Errors.E005.format(path=path, reason=error.strerror or error)) from None
    rows, ids = [], []
    with handle:
        if fmt == "csv":
            reader = csv.DictReader(line.replace("\0", "\ufffd") for line in handle)
            found = reader.fieldnames or []
            for column in columns:
                if column not in found:
                    raise ValueError(Errors.E004.format(column=column, found=found))
            records = ((number, record) for number, record in enumerate(reader, 1))
        else:
            records = _jsonl(handle, path)
        for number, record in records:
            for column in columns:
                if column not in record:
                    raise ValueError(Errors.E004.format(column=column, found=sorted(record)) + f" (row {number})")
            row_id = record.get(id_column) if id_column else None
            ids.append(str(row_id) if row_id not in (None, "") else str(number))
            rows.append({column: record[column] for column in columns})
    return rows, ids


def _jsonl(handle, path: Path):
    number = 0
    for line in handle:
        if not line.strip():
            continue
        number += 1
        try:
            record = json.loads(line)
        except (ValueError, RecursionError) as error:
            raise ValueError(Errors.E005.format(path=path, reason=f"line {number} is not valid JSON ({error})")) from None
        if not isinstance(record, dict):
            raise ValueError(Errors.E005.format(path=path, reason=f"line {number} is not a JSON object"))
        yield number, record


def read_curated(path: str | Path, *, text_column: str = "text", labels_column: str = "sdgs",
                 id_column: str | None = "id") -> tuple[list[str], list[object], list[str]]:
    """Texts, raw labels (parsed later by :func:`adapt`) and ids of a curated file."""
    rows, ids = read_table(path, (text_column, labels_column), id_column)
    return [row[text_column] for row in rows], [row[labels_column] for row in rows], ids
