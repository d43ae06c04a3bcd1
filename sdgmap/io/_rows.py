"""Reading initiatives from CSV / JSON Lines and writing one result row per input row.

Bad rows never stop a run and are never dropped: they come out as rows with an
``error`` field. Outputs are written to a temporary file and renamed at the end, so an
interrupted run never leaves a file that looks complete.
"""

from __future__ import annotations

import csv
import io
import json
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import Errors
from ..results import Classification

FORMATS = {".csv": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl"}
_SURROGATE = re.compile("[\ud800-\udfff]")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
csv.field_size_limit(sys.maxsize if sys.maxsize < 2**63 else 2**31 - 1)


@dataclass(frozen=True, slots=True)
class InputRow:
    """One row to classify: its id, its text (None when unreadable) and why not."""

    id: str
    text: str | None
    error: str | None = None


def file_format(path: str | Path, explicit: str | None = None) -> str:
    if explicit:
        return explicit
    suffix = Path(path).suffix.lower()
    if suffix not in FORMATS:
        raise ValueError(Errors.E006.format(suffix=suffix, path=path))
    return FORMATS[suffix]


def read_rows(path: str | Path, text_column: str = "text", id_column: str | None = "id", fmt: str | None = None) -> Iterator[InputRow]:
    """Stream the rows of a CSV or JSON Lines file.

    A missing text column in a CSV header raises ``ValueError`` before any row is read.
    """
    path = Path(path)
    fmt = file_format(path, fmt)
    try:
        handle = path.open(encoding="utf-8-sig", errors="replace", newline="")
    except OSError as error:
        raise ValueError(Errors.E005.format(path=path, reason=error.strerror or error)) from None
    with handle:
        if fmt == "csv":
            yield from _csv_rows(handle, text_column, id_column)
        else:
            yield from _jsonl_rows(handle, text_column, id_column)


def check_columns(path: str | Path, text_column: str, fmt: str | None = None) -> None:
    """Raise a clear error now if a CSV has no ``text_column`` (nothing written yet)."""
    if file_format(path, fmt) != "csv":
        return
    with Path(path).open(encoding="utf-8-sig", errors="replace", newline="") as handle:
        header = next(csv.reader(_without_nul(handle)), [])
    if text_column not in header:
        raise ValueError(Errors.E004.format(column=text_column, found=header))


def _csv_rows(handle, text_column: str, id_column: str | None) -> Iterator[InputRow]:
    reader = csv.DictReader(_without_nul(handle))
    if reader.fieldnames is None or text_column not in reader.fieldnames:
        raise ValueError(Errors.E004.format(column=text_column, found=reader.fieldnames or []))
    for number, record in enumerate(reader, 1):
        row_id = record.get(id_column) if id_column else None
        text = record.get(text_column)
        yield InputRow(str(row_id) if row_id not in (None, "") else str(number), text if isinstance(text, str) else "")


def _jsonl_rows(handle, text_column: str, id_column: str | None) -> Iterator[InputRow]:
    number = 0
    for line in handle:
        if not line.strip():
            continue
        number += 1
        try:
            record = json.loads(line)
        except (ValueError, RecursionError) as error:
            yield InputRow(str(number), None, f"invalid JSON: {error}")
            continue
        if not isinstance(record, dict):
            yield InputRow(str(number), None, "a line must hold a JSON object")
            continue
        row_id = record.get(id_column) if id_column else None
        row_id = str(row_id) if row_id not in (None, "") else str(number)
        if text_column not in record:
            yield InputRow(row_id, None, Errors.E004.format(column=text_column, found=sorted(record)))
            continue
        text = record[text_column]
        if not isinstance(text, str):
            yield InputRow(row_id, None, Errors.E001.format(type=type(text).__name__))
            continue
        yield InputRow(row_id, text)


def result_record(row_id: str, result: Classification | None, error: str | None = None) -> dict:
    """The JSON record of one output row (``result`` fields, or the error)."""
    # A lone surrogate (a JSON "\udcff" escape) has no UTF-8 form: write U+FFFD instead.
    record: dict[str, Any] = {"id": _SURROGATE.sub("\ufffd", row_id)}
    if result is not None:
        record.update(result.model_dump(mode="json"))
    record["error"] = error
    return record


def csv_safe(value: str) -> str:
    # Spreadsheets run cells that start like a formula: quote them (OWASP CSV injection).
    return "'" + value if value.startswith(_FORMULA_START) else value


_CSV_COLUMNS = ["id", "language", "sdgs", "truncated", "error"] + [f"score_{g}" for g in range(1, 18)]


def csv_line(record: dict) -> list[str]:
    scores = {g["goal"]: g["score"] for g in record.get("goals", [])}
    values = [
        record["id"],
        record.get("language", ""),
        ";".join(str(g) for g in record.get("sdgs", [])),
        str(record.get("truncated", "")),
        record.get("error") or "",
    ] + [f"{scores[g]:.4f}" if g in scores else "" for g in range(1, 18)]
    return [csv_safe(str(v)) for v in values]


class RecordWriter:
    """Writes result records one at a time, as JSON Lines or CSV (header unless appending)."""

    def __init__(self, handle, fmt: str, header: bool = True) -> None:
        self.handle = handle
        self.fmt = fmt
        self._csv = csv.writer(handle) if fmt == "csv" else None
        if self._csv is not None and header:
            self._csv.writerow(_CSV_COLUMNS)

    def write(self, record: dict) -> None:
        if self._csv is not None:
            self._csv.writerow(csv_line(record))
        else:
            self.handle.write(json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n")

    def write_line(self, line: str) -> None:
        """Write a record already made into text by :func:`format_record`."""
        self.handle.write(line)


def format_record(record: dict, fmt: str) -> str:
    """One record as the text :class:`RecordWriter` would write (made where it is computed)."""
    if fmt == "csv":
        buffer = io.StringIO()
        csv.writer(buffer).writerow(csv_line(record))
        return buffer.getvalue()
    return json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n"


def write_records(records: Iterable[dict], handle, fmt: str) -> int:
    """Write result records as JSON Lines or CSV; returns how many were written."""
    writer = RecordWriter(handle, fmt)
    count = 0
    for record in records:
        writer.write(record)
        count += 1
    return count


def read_records(handle, fmt: str) -> Iterator[dict]:
    """Read back the ``id`` and ``error`` of the records a run wrote (to resume it)."""
    if fmt == "csv":
        for row in csv.DictReader(handle):
            yield {"id": row["id"], "error": row["error"] or None}
    else:
        for line in handle:
            if line.strip():
                yield json.loads(line)


def count_rows(path: str | Path, fmt: str | None = None) -> int:
    """Records in a file, as the readers see them (a quoted CSV cell may hold newlines)."""
    with Path(path).open(encoding="utf-8-sig", errors="replace", newline="") as handle:
        if file_format(path, fmt) == "csv":
            return max(sum(1 for _ in csv.reader(_without_nul(handle))) - 1, 0)
        return sum(1 for line in handle if line.strip())


def _without_nul(lines):
    # Python 3.10's csv module refuses NUL bytes; read them as U+FFFD (same length).
    return (line.replace("\x00", "\ufffd") for line in lines)
