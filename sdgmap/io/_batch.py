"""Classify a whole file, streaming: bounded memory, one output row per input row."""

from __future__ import annotations

import shutil
import sys
from collections.abc import Iterator
from contextlib import closing
from itertools import islice
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from ..errors import Errors
from ..loading import ModelSource, resolve
from ..pipeline._model import SDGModel
from ..results import ClassifyOptions
from ..util import Progress, atomic_writer
from . import _rows as _io
from ._lines import batch_lines
from ._parallel import lines_in_workers
from ._resume import ResumableOutput


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
    skipped: tuple[SkippedRow, ...] = Field(default_factory=tuple, description="Rows written with an error instead of a result.")
    output: str | None = Field(default=None, description="Output path, None for standard output.")
    resumed_at: int = Field(default=0, ge=0, description="Rows an earlier, stopped run had written (taken as they were).")

    def describe(self) -> str:
        text = f"resumed after row {self.resumed_at:,}; " if self.resumed_at else ""
        text += f"{self.rows} rows written ({self.classified} classified, {len(self.skipped)} with errors)"
        if self.output:
            text += f" to {self.output}"
        for row in self.skipped[:10]:
            text += f"\n  row {row.id}: {row.error}"
        if len(self.skipped) > 10:
            text += f"\n  ... and {len(self.skipped) - 10} more"
        return text


def classify_file(
    model: SDGModel | ModelSource | None,
    source: str | Path,
    output: str | Path | None = None,
    *,
    options: ClassifyOptions | None = None,
    text_column: str = "text",
    id_column: str | None = "id",
    input_format: str | None = None,
    output_format: str | None = None,
    language: str | None = None,
    operating_point: str | None = None,
    targets: bool = True,
    evidence: bool = False,
    batch_size: int = 256,
    jobs: int = 1,
    model_path: str | Path | None = None,
    trust: bool = False,
    progress: bool = False,
    resume: bool = False,
) -> BatchSummary:
    """Classify every row of a CSV or JSON Lines file into ``output``.

    A missing text column raises ``ValueError`` before anything is written; the output
    appears only once complete (temporary file, then rename).

    ``options`` says what to compute (``language``, ``operating_point``, ``targets`` and
    ``evidence`` are its shorthand when it is not given). ``model`` is a model, or the
    :class:`ModelSource` to load it from (None: the bundled model).

    ``jobs`` > 1 classifies in that many worker processes, each loading the model once
    from its source (``model_path`` and ``trust`` name it when ``model`` is a loaded model);
    the output is the same, row for row. ``progress`` shows the rows done on stderr when
    it is a terminal. ``resume`` keeps the partial output if the run stops, and goes on
    from the one an earlier ``resume`` run left (same input, options and model).
    """
    spooled = None
    if str(source) == "-":
        if resume:
            raise ValueError(Errors.E048)
        import tempfile

        # Copy bytes, not text: invalid UTF-8 on stdin becomes error-free rows when read back
        # (the readers replace bad bytes), instead of stopping the run here.
        spooled = tempfile.NamedTemporaryFile("wb", suffix=".jsonl", delete=False)
        stdin = getattr(sys.stdin, "buffer", None)
        if stdin is not None:
            shutil.copyfileobj(stdin, spooled)
        else:
            spooled.write(sys.stdin.read().encode("utf-8", "surrogateescape"))
        spooled.close()
        source = spooled.name
    try:
        return _classify_file(
            model, source, output, text_column=text_column, id_column=id_column, input_format=input_format,
            output_format=output_format, batch_size=batch_size, jobs=jobs, model_path=model_path, trust=trust,
            progress=progress, resume=resume,
            options=options or ClassifyOptions(language=language, operating_point=operating_point, targets=targets,
                                               evidence=evidence),
        )
    finally:
        if spooled is not None:
            Path(spooled.name).unlink(missing_ok=True)


def _classify_file(model, source, output, *, text_column, id_column, input_format, output_format, batch_size, jobs,
                   model_path, trust, progress, resume, options: ClassifyOptions) -> BatchSummary:
    _io.check_columns(source, text_column, input_format)
    if model is None or isinstance(model, ModelSource):
        origin = model or ModelSource()
        loaded = resolve(origin)
    else:  # a loaded model: workers load theirs from model_path and trust
        loaded, origin = model, ModelSource(None if model_path is None else str(model_path), trust)
    origin = ModelSource(origin.path, origin.trust, loaded.meta.get("sha256"))
    kwargs = options.kwargs()
    to_stdout = output in (None, "-")
    out_format = output_format or (_io.file_format(output) if not to_stdout else "jsonl")
    if resume and to_stdout:
        raise ValueError(Errors.E048)
    layout = _io.OutputLayout.of(out_format, _io.input_columns(source, input_format) if out_format == "csv" else (),
                                 id_column)
    skipped: list[SkippedRow] = []
    classified = 0
    sink: ResumableOutput | _AtomicOutput
    if resume:
        stat = Path(source).stat()
        fingerprint = {
            "source": str(Path(source).resolve()), "size": stat.st_size, "mtime_ns": stat.st_mtime_ns,
            "input_format": input_format, "text_column": text_column, "id_column": id_column,
            "format": out_format, "options": kwargs, "model": loaded.meta.get("sha256"),
        }
        sink = ResumableOutput(output, layout, fingerprint)
    else:
        sink = _AtomicOutput(output, layout)
    with sink:
        for record in sink.previous:
            classified, skipped = _tally(record["id"], record["error"], classified, skipped)
        rows = islice(_io.read_rows(source, text_column, id_column, input_format), sink.rows, None)
        batches = iter(lambda: list(islice(rows, batch_size)), [])
        results: Iterator[list[tuple[str, str | None, str]]]
        if jobs > 1:
            results = lines_in_workers(batches, kwargs, layout, jobs=jobs, source=origin)
        else:
            results = (batch_lines(loaded, batch, kwargs, layout) for batch in batches)
        meter = Progress(enabled=progress, label="classified")
        if meter.enabled:
            meter.total = max(_io.count_rows(source, input_format) - sink.rows, 0)
        with closing(results), closing(meter):  # type: ignore[type-var]  # a stop ends the workers now
            for lines in results:
                for row_id, error, line in lines:
                    sink.write(line)
                    classified, skipped = _tally(row_id, error, classified, skipped)
                sink.save()
                meter.advance(len(lines))
    return BatchSummary(
        resumed_at=len(sink.previous),
        rows=sink.rows,
        classified=classified,
        skipped=skipped,
        output=None if to_stdout else str(output),
    )


def _tally(row_id: str, error: str | None, classified: int, skipped: list[SkippedRow]) -> tuple[int, list[SkippedRow]]:
    if error is None:
        return classified + 1, skipped
    skipped.append(SkippedRow(id=row_id, error=error))
    return classified, skipped


class _AtomicOutput:
    """The plain output: a temporary file renamed once complete, deleted if the run stops."""

    previous: tuple = ()

    def __init__(self, output, layout: _io.OutputLayout) -> None:
        self._writer = atomic_writer(output)
        self.layout = layout
        self.rows = 0

    def __enter__(self) -> _AtomicOutput:
        self._records = _io.RecordWriter(self._writer.__enter__(), self.layout.fmt, columns=self.layout.columns)
        return self

    def __exit__(self, *exc) -> bool | None:
        return self._writer.__exit__(*exc)

    def write(self, line: str) -> None:
        self._records.write_line(line)
        self.rows += 1

    def save(self) -> None:
        """Nothing to record: a stopped plain run starts again from the top."""
