"""The one results layout: a flat record per input row, written by every command and read back by every command.

A record is the row's ``id``, then every column of the input row as it was (its text, name,
theme, year, place...), then the reading: the fields of :class:`Classification`,
``systemic_score`` and ``error`` (null, or why the row has no reading). ``sdgmap classify``,
``map_corpus(results=...)`` and the report's ``initiatives.jsonl`` all write it, and
:func:`split_record` reads any of them back, so a file one command writes is an input of the
others. An input column named like a result field (``language``, ``error``...) is kept as
``input_<name>`` and given back its name when read.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any

from ..results import Classification
from ._initiative import UnreadableRow

CLASSIFICATION_FIELDS = tuple(Classification.model_fields)
# Names the reading takes in a record (and, for the CSV layout, its extra columns).
RESULT_FIELDS = frozenset({"id", *CLASSIFICATION_FIELDS, "systemic_score", "error", "target_scores",
                           *(f"score_{g}" for g in range(1, 18))})
_INPUT_PREFIX = "input_"
_SURROGATE = re.compile("[\ud800-\udfff]")


def input_name(column: str) -> str:
    """The name an input column takes in a record (``input_<name>`` for a result field's name)."""
    return _INPUT_PREFIX + column if column in RESULT_FIELDS or _is_kept_input(column) else column


def _is_kept_input(column: str) -> bool:
    # "input_language" in the input itself must not be read back as "language".
    return column.startswith(_INPUT_PREFIX) and column[len(_INPUT_PREFIX):] in RESULT_FIELDS


def result_record(row_id: str, columns: Mapping[str, Any], classification: Classification | None,
                  error: str | None = None, *, systemic_score: float | None = None, id_column: str | None = "id") -> dict:
    """The record of one row: ``id``, the input's columns, then the reading (or the error)."""
    record: dict[str, Any] = {"id": without_surrogates(row_id)}
    for column, value in columns.items():
        if column == "id" and id_column == "id":
            continue  # it is the record's id
        record[input_name(column)] = value
    if classification is not None:
        record.update(classification.model_dump(mode="json"))
        record["systemic_score"] = systemic_score
    record["error"] = error
    return record


def record_json(record: Mapping[str, Any]) -> str:
    """One record as a JSON line (with its newline)."""
    return without_surrogates(json.dumps(record, ensure_ascii=False)) + "\n"


def without_surrogates(text: str) -> str:
    """``text`` with each lone surrogate (a JSON "\\udcff" escape; no UTF-8 form) as U+FFFD."""
    return _SURROGATE.sub("\ufffd", text)


def is_result_record(record: Mapping[str, Any]) -> bool:
    """True for a record of the results layout (it has an ``error`` field, or a reading)."""
    return "error" in record or {"goals", "sdgs", "operating_point"} <= record.keys()


def split_record(record: Mapping[str, Any]) -> tuple[dict, Classification] | UnreadableRow:
    """The input row and its reading, or an :class:`UnreadableRow` for a row written with an error.

    The input row comes back with its own column names (``text`` is "" when it had none: the
    reading is already there); raises ``ValueError`` for a reading that does not validate.
    """
    if "initiative" in record and "classification" in record:  # the nested layout of sdgmap 0.1
        return dict(record["initiative"]), Classification.model_validate(record["classification"])
    row_id = record.get("id")
    if record.get("error"):
        return UnreadableRow(None if row_id in (None, "") else str(row_id), str(record["error"]))
    reading = {key: record[key] for key in CLASSIFICATION_FIELDS if key in record}
    row = {}
    for key, value in record.items():
        if _is_kept_input(key):
            row[key[len(_INPUT_PREFIX):]] = value
        elif key not in RESULT_FIELDS or key == "id":
            row[key] = value
    row.setdefault("text", "")
    return row, Classification.model_validate(reading)
