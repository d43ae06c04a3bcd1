"""Files in and out: rows of CSV / JSON Lines, batch classification of a file, result tables.

Bad rows never stop a run: they come out as rows with an ``error`` field. Every output is
written atomically (it appears once complete).
"""

from ._batch import BatchSummary, SkippedRow, classify_file
from ._exports import csv_cell, map_tables, write_geojson, write_results_csv, write_results_jsonl, write_tables
from ._initiatives import read_initiatives, read_results

__all__ = [
    "BatchSummary",
    "SkippedRow",
    "classify_file",
    "csv_cell",
    "map_tables",
    "read_initiatives",
    "read_results",
    "write_geojson",
    "write_results_csv",
    "write_results_jsonl",
    "write_tables",
]
