"""The output lines of a batch of rows: the work done in-process and in worker processes alike."""

from __future__ import annotations

from ..pipeline._model import SDGModel
from . import _rows as _io


def batch_lines(model: SDGModel, batch: list[_io.InputRow], options: dict,
                layout: _io.OutputLayout) -> list[tuple[str, str | None, str]]:
    """(id, error, output text) of each row of a batch; a row that fails gets its error, not a result.

    The text is made here, so worker processes do that work too, not just the main one.
    """
    return [
        (row.id, error, layout.line(row, result, error))
        for row, result, error in _classify_batch(model, batch, options)
    ]


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
