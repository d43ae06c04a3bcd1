"""Reading initiatives from CSV / JSON Lines and writing one result row per input row.

Bad rows never stop a run and are never dropped: they come out as rows with an
``error`` field. Outputs are written to a temporary file and renamed at the end, so an
interrupted run never leaves a file that looks complete.
"""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import Errors
from ..mapping import _records
from ..results import Classification

FORMATS = {".csv": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl"}
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
csv.field_size_limit(sys.maxsize if sys.maxsize < 2**63 else 2**31 - 1)


@dataclass(frozen=True, slots=True)
class InputRow:
    """One row to classify: its id, its text (None when unreadable) and why not."""

    id: str
    text: str | None
    error: str | None = None
    columns: dict = field(default_factory=dict)  # the whole input row, kept in the output


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
        columns = {k: v for k, v in record.items() if k is not None}  # not the cells beyond the header
        yield InputRow(str(row_id) if row_id not in (None, "") else str(number), text if isinstance(text, str) else "",
                       columns=columns)


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
            yield InputRow(row_id, None, Errors.E004.format(column=text_column, found=sorted(record)), record)
            continue
        text = record[text_column]
        if not isinstance(text, str):
            yield InputRow(row_id, None, Errors.E001.format(type=type(text).__name__), record)
            continue
        yield InputRow(row_id, text, columns=record)


def result_record(row: InputRow, result: Classification | None, error: str | None = None,
                  id_column: str | None = "id") -> dict:
    """The record of one output row: id, the input's columns, then the reading (or the error)."""
    return _records.result_record(row.id, row.columns, result, error, id_column=id_column)


def csv_safe(value: str) -> str:
    # Spreadsheets run cells that start like a formula: quote them (OWASP CSV injection).
    # A lone surrogate (a JSON "\udcff" escape) has no UTF-8 form: written as U+FFFD.
    value = _records.without_surrogates(value)
    return "'" + value if value.startswith(_FORMULA_START) else value


def _csv_unsafe(value: str) -> str:
    return value[1:] if value.startswith("'") and value[1:].startswith(_FORMULA_START) else value


def csv_cell(value) -> str:
    """One CSV cell: numbers as numbers (rounded to 10 decimals), lists joined by ';', text made safe."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return repr(round(value, 10))
    if isinstance(value, (list, tuple)):
        return csv_safe(";".join(str(v) for v in value))
    if isinstance(value, dict):
        return csv_safe(json.dumps(value, ensure_ascii=False, sort_keys=True))
    return csv_safe(str(value))


# The results layout as CSV: id, the input's columns, then these (evidence and the systemic
# reading have no column: they are in the JSON Lines layout only).
RESULT_COLUMNS = ("language", "sdgs", "operating_point", "targets", "target_scores", "systemic_score", "truncated",
                  "error", *(f"score_{g}" for g in range(1, 18)))


def csv_header(input_columns: Iterable[str], id_column: str | None = "id") -> list[str]:
    """The header of a results CSV for an input with these columns."""
    kept = [_records.input_name(c) for c in input_columns if not (c == "id" and id_column == "id")]
    return ["id", *kept, *RESULT_COLUMNS]


def csv_line(record: dict, header: list[str]) -> list[str]:
    """The cells of one record under ``header`` (see :func:`csv_header`)."""
    scores = {g["goal"]: g["score"] for g in record.get("goals", ())}
    targets = record.get("targets", ())
    derived = {
        "targets": [t["target"] for t in targets] or None,
        "target_scores": [csv_cell(t["score"]) for t in targets] or None,
        **{f"score_{g}": scores.get(g) for g in range(1, 18)},
    }
    return [csv_cell(derived[c] if c in derived else record.get(c)) for c in header]


def record_from_csv(row: dict[str, str]) -> dict:
    """A results-CSV row back as a record (a reading only when the row has one)."""
    record: dict[str, Any] = {k: _csv_unsafe(v or "") for k, v in row.items() if k is not None and k not in _CSV_READING}
    record["error"] = record.get("error") or None
    if not row.get("operating_point"):
        return record
    sdgs = [int(g) for g in row["sdgs"].split(";") if g]
    scores = {g: float(row[f"score_{g}"]) for g in range(1, 18)}
    order = sorted(scores, key=lambda g: (-scores[g], sdgs.index(g) if g in sdgs else 17, g))
    names = [t for t in row["targets"].split(";") if t]
    values = [float(v) for v in row["target_scores"].split(";") if v]
    systemic = row.get("systemic_score")
    record.update({
        "language": row["language"], "sdgs": sdgs, "operating_point": row["operating_point"],
        "goals": [{"goal": g, "score": scores[g], "selected": g in sdgs} for g in order],
        "targets": [{"target": t, "goal": int(t.split(".")[0]), "score": v} for t, v in zip(names, values)],
        "truncated": row["truncated"] == "true", "systemic_score": float(systemic) if systemic else None,
    })
    return record


_CSV_READING = frozenset(RESULT_COLUMNS) - {"error"}


def is_results_header(header: Iterable[str]) -> bool:
    """True for the header of a results CSV (as written by ``classify`` or the report)."""
    return set(RESULT_COLUMNS) <= set(header)


@dataclass(frozen=True)
class OutputLayout:
    """How a run writes its records: the format, the CSV header, and which input column is the id."""

    fmt: str
    columns: list[str]
    id_column: str | None = "id"

    @classmethod
    def of(cls, fmt: str, input_columns: Iterable[str] = (), id_column: str | None = "id") -> OutputLayout:
        return cls(fmt, csv_header(input_columns, id_column), id_column)

    def line(self, row: InputRow, result: Classification | None, error: str | None) -> str:
        return format_record(result_record(row, result, error, self.id_column), self.fmt, self.columns)


class RecordWriter:
    """Writes result records one at a time, as JSON Lines or CSV (header unless appending)."""

    def __init__(self, handle, fmt: str, header: bool = True, columns: list[str] | None = None) -> None:
        self.handle = handle
        self.fmt = fmt
        self.columns = columns if columns is not None else csv_header(())
        self._csv = csv.writer(handle) if fmt == "csv" else None
        if self._csv is not None and header:
            self._csv.writerow(self.columns)

    def write(self, record: dict) -> None:
        self.handle.write(format_record(record, self.fmt, self.columns))

    def write_line(self, line: str) -> None:
        """Write a record already made into text by :func:`format_record`."""
        self.handle.write(line)


def format_record(record: dict, fmt: str, columns: list[str] | None = None) -> str:
    """One record as the text :class:`RecordWriter` would write (made where it is computed)."""
    if fmt == "csv":
        buffer = io.StringIO()
        csv.writer(buffer).writerow(csv_line(record, columns if columns is not None else csv_header(())))
        return buffer.getvalue()
    return _records.record_json(record)


def read_records(handle, fmt: str) -> Iterator[dict]:
    """The one reader of results files: every record, CSV or JSON Lines, in the records layout.

    A line that is not JSON raises ``ValueError`` (a results file is written whole).
    """
    if fmt == "csv":
        for row in csv.DictReader(_without_nul(handle)):
            yield record_from_csv(row)
    else:
        for line in handle:
            if line.strip():
                yield json.loads(line)


def input_columns(path: str | Path, fmt: str | None = None) -> list[str]:
    """The columns of an input file: a CSV's header, or every field of a JSON Lines file in first-seen order."""
    with Path(path).open(encoding="utf-8-sig", errors="replace", newline="") as handle:
        if file_format(path, fmt) == "csv":
            return [c for c in next(csv.reader(_without_nul(handle)), [])]
        seen: dict[str, None] = {}
        for line in handle:
            try:
                record = json.loads(line) if line.strip() else None
            except (ValueError, RecursionError):
                continue
            if isinstance(record, dict):
                seen.update(dict.fromkeys(record))
        return list(seen)


def count_rows(path: str | Path, fmt: str | None = None) -> int:
    """Records in a file, as the readers see them (a quoted CSV cell may hold newlines)."""
    with Path(path).open(encoding="utf-8-sig", errors="replace", newline="") as handle:
        if file_format(path, fmt) == "csv":
            return max(sum(1 for _ in csv.reader(_without_nul(handle))) - 1, 0)
        return sum(1 for line in handle if line.strip())


def _without_nul(lines):
    # Python 3.10's csv module refuses NUL bytes; read them as U+FFFD (same length).
    return (line.replace("\x00", "\ufffd") for line in lines)
