"""Classify a dask DataFrame on a cluster, with the same results as ``classify_many``.

Each worker process loads the model once (a module-level cache, filled on its first
partition) and classifies whole partitions, so a corpus too big for one machine streams
through a cluster. Needs the ``dask`` extra (``pip install "sdgmap[dask]"``).

>>> from distributed import Client, LocalCluster            # doctest: +SKIP
>>> import dask.dataframe as dd, sdgmap.dask                  # doctest: +SKIP
>>> client = Client(LocalCluster(n_workers=2))                # doctest: +SKIP
>>> ddf = dd.read_csv("initiatives-*.csv")                    # doctest: +SKIP
>>> sdgmap.dask.classify_dataframe(ddf, "description").compute()   # doctest: +SKIP
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator
from pathlib import Path

import pandas as pd

from .errors import Errors
from .loading import ModelSource
from .results import ClassifyOptions

__all__ = ["RESULT_COLUMNS", "classify_dataframe", "map_dataframe", "preload"]

RESULT_COLUMNS = ("sdgs", "scores", "language", "error")
_CLASSIFICATION = "classification"
# Threads of one worker share its model; its word caches are not made for threads.
_MODEL_LOCK = threading.Lock()


def classify_dataframe(
    ddf,
    text_column: str = "text",
    *,
    language: str | None = None,
    operating_point: str | None = None,
    model_path: str | Path | None = None,
    trust: bool = False,
    classification: bool = False,
    batch_size: int = 256,
    options: ClassifyOptions | None = None,
):
    """The input columns plus ``sdgs``, ``scores`` and ``language``, computed partition by partition.

    ``sdgs`` lists the asserted goals (strongest first), ``scores`` the 17 calibrated
    probabilities in goal order (``scores[g - 1]`` is goal ``g``), ``language`` the language
    read, ``error`` None. A row whose text is missing or not a string is not classified: like
    the CLI, it becomes an error row (``sdgs`` empty, ``scores`` and ``language`` None, ``error``
    says why), and the other rows of its partition are classified as usual.
    ``classification=True`` adds the whole result, with targets, as JSON (what
    :func:`map_dataframe` reads). ``options`` (a :class:`ClassifyOptions`) says what to compute;
    ``language`` and ``operating_point`` are its shorthand. The workers load the model from
    ``model_path`` through a :class:`ModelSource` (default: the bundled one); nothing is
    computed until you ask.
    """
    added = (*RESULT_COLUMNS, _CLASSIFICATION) if classification else RESULT_COLUMNS
    clashes = [column for column in added if column in ddf.columns]
    if clashes:
        raise ValueError(Errors.E047.format(columns=clashes))
    if text_column not in ddf.columns:
        raise ValueError(Errors.E004.format(column=text_column, found=list(ddf.columns)))
    if options is None:
        options = ClassifyOptions(language=language, operating_point=operating_point, targets=classification)
    model_key = ModelSource(None if model_path is None else str(model_path), trust)
    kwargs = {**options.kwargs(), "batch_size": batch_size}
    meta = ddf._meta.assign(**{column: pd.Series(dtype=object) for column in added})
    return ddf.map_partitions(_classify_partition, text_column, kwargs, model_key, classification, meta=meta)


def map_dataframe(ddf, text_column: str = "text", *, language=None, operating_point=None, model_path=None,
                  trust: bool = False, partitions_at_once: int = 4, **map_options):
    """Classify on the cluster, then build the corpus map (:func:`sdgmap.map_corpus`) here.

    The partitions come back a few at a time (``partitions_at_once``), so the client holds
    only those; ``map_options`` (``group_by``, ``systemic``...) go to ``map_corpus``.
    """
    from .mapping._map import map_corpus

    classified = classify_dataframe(ddf, text_column, language=language, operating_point=operating_point,
                                    model_path=model_path, trust=trust, classification=True)
    return map_corpus(_initiatives(classified, text_column, partitions_at_once), **map_options)


def preload(client, *, model_path: str | Path | None = None, trust: bool = False) -> None:
    """Load the model on every worker now (fail fast, and keep load time out of timings)."""
    client.run(_model, ModelSource(None if model_path is None else str(model_path), trust))


def _model(source: ModelSource):
    with _MODEL_LOCK:  # ModelSource.load reads it once per process
        return source.load()


def _classify_partition(frame: pd.DataFrame, text_column: str, options: dict, model_key: ModelSource,
                        classification: bool) -> pd.DataFrame:
    model = _model(model_key)
    texts = frame[text_column].tolist()
    errors = [None if isinstance(text, str) else _text_error(text_column, text) for text in texts]
    with _MODEL_LOCK:
        read = iter(model.classify_many([t for t, e in zip(texts, errors) if e is None], **options))
    results = [next(read) if error is None else None for error in errors]
    columns = {
        "sdgs": [list(r.sdgs) if r else [] for r in results],
        "scores": [[r.score(goal) for goal in range(1, 18)] if r else None for r in results],
        "language": [r.language if r else None for r in results],
        "error": errors,
    }
    if classification:
        columns[_CLASSIFICATION] = [r.model_dump_json() if r else None for r in results]
    return frame.assign(**{name: pd.Series(values, index=frame.index, dtype=object) for name, values in columns.items()})


def _text_error(column: str, value) -> str:
    if _missing(value):  # NaN, None, NA: no text at all, not bytes to decode
        message = getattr(Errors, "E049", None)
        return message.format(column=column) if message else f"No text: the value of column {column!r} is missing."
    return Errors.E001.format(type=type(value).__name__)


def _initiatives(classified, text_column: str, at_once: int) -> Iterator[dict | tuple[dict, object]]:
    import dask

    from .results import Classification

    parts = classified.to_delayed()
    for start in range(0, len(parts), at_once):
        for frame in dask.compute(*parts[start:start + at_once]):
            yield from _pairs(frame, text_column, Classification)


def _pairs(frame: pd.DataFrame, text_column: str, Classification) -> Iterable[dict | tuple[dict, object]]:
    for record in frame.to_dict("records"):
        reading = record.pop(_CLASSIFICATION)
        for column in RESULT_COLUMNS:
            record.pop(column)
        record["text"] = record.pop(text_column)
        record = {key: (None if _missing(value) else value) for key, value in record.items()}
        if reading is None:  # an error row: map_corpus counts it as skipped
            yield record
            continue
        yield record, Classification.model_validate_json(reading)


def _missing(value) -> bool:
    return value is None or (isinstance(value, float) and value != value) or value is pd.NA or value is pd.NaT
