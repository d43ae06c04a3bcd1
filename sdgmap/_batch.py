"""Classify a whole file, streaming: bounded memory, one output row per input row."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from itertools import islice
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from . import _io
from ._model import SDGModel


class SkippedRow(BaseModel):
    """An input row that could not be classified (it is still in the output, with its error)."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    id: str
    error: str


class BatchSummary(BaseModel):
    """What a batch run did."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    rows: int = Field(ge=0, description="Output rows written (one per input row).")
    classified: int = Field(ge=0)
    skipped: list[SkippedRow] = Field(default_factory=list, description="Rows written with an error instead of a result.")
    output: str | None = Field(default=None, description="Output path, None for standard output.")

    def describe(self) -> str:
        text = f"{self.rows} rows written ({self.classified} classified, {len(self.skipped)} with errors)"
        if self.output:
            text += f" to {self.output}"
        for row in self.skipped[:10]:
            text += f"\n  row {row.id}: {row.error}"
        if len(self.skipped) > 10:
            text += f"\n  ... and {len(self.skipped) - 10} more"
        return text


def classify_file(
    model: SDGModel,
    source: str | Path,
    output: str | Path | None = None,
    *,
    text_column: str = "text",
    id_column: str | None = "id",
    input_format: str | None = None,
    output_format: str | None = None,
    language: str | None = None,
    operating_point: str | None = None,
    targets: bool = True,
    evidence: bool = False,
    batch_size: int = 256,
) -> BatchSummary:
    """Classify every row of a CSV or JSON Lines file into ``output``.

    A missing text column raises ``ValueError`` before anything is written; the output
    appears only once complete (temporary file, then rename).
    """
    if str(source) == "-":
        import tempfile

        spooled = tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8")
        spooled.write(sys.stdin.read())
        spooled.close()
        source = spooled.name
    _io.check_columns(source, text_column, input_format)
    out_format = output_format or (_io.file_format(output) if output not in (None, "-") else "jsonl")
    skipped: list[SkippedRow] = []
    counts = {"classified": 0}

    def records() -> Iterator[dict]:
        rows = _io.read_rows(source, text_column, id_column, input_format)
        while batch := list(islice(rows, batch_size)):
            options = {"language": language, "operating_point": operating_point, "targets": targets, "evidence": evidence}
            for row, result, error in _classify_batch(model, batch, options):
                if error is not None:
                    skipped.append(SkippedRow(id=row.id, error=error))
                else:
                    counts["classified"] += 1
                yield _io.result_record(row.id, result, error)

    with _io.atomic_writer(output) as handle:
        written = _io.write_records(records(), handle, out_format)
    return BatchSummary(
        rows=written,
        classified=counts["classified"],
        skipped=skipped,
        output=None if output in (None, "-") else str(output),
    )


def _classify_batch(model, batch, options):
    good = [row for row in batch if row.error is None]
    try:
        results = iter(model.classify_many([row.text for row in good], **options))
    except Exception:  # isolate the row at fault; the others still get their result
        results = None
    for row in batch:
        if row.error is not None:
            yield row, None, row.error
        elif results is not None:
            yield row, next(results), None
        else:
            try:
                yield row, model.classify(row.text, **options), None
            except Exception as error:  # noqa: BLE001 - reported in the row, never lost
                yield row, None, f"{type(error).__name__}: {error}"
