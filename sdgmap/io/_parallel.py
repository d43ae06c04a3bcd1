"""Classify batches of rows in worker processes: input order kept, memory bounded.

Each worker loads the model once (on its first batch) and checks that it is the very
model of the run (same SHA-256), so ``jobs=2`` writes exactly what ``jobs=1`` writes. At
most ``2 * jobs + 1`` batches are in flight, so a file of any size streams through.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor

from ..errors import Errors
from ._lines import batch_lines
from ._rows import InputRow

_WORKER_MODELS: dict = {}


def lines_in_workers(
    batches: Iterable[list],
    options: dict,
    fmt: str,
    *,
    jobs: int,
    model_path: str | None,
    trust: bool,
    sha256: str | None,
) -> Iterator[list[dict]]:
    """Yield the output lines of each batch (see ``batch_lines``), in input order, made by ``jobs`` processes."""
    # "spawn": a fresh interpreter per worker, safe whatever threads the caller runs.
    pool = ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("spawn"), initializer=_exit_with_parent,
                               initargs=(os.getpid(),))
    model_key = (None if model_path is None else str(model_path), trust, sha256)
    pending = deque()
    try:
        for batch in batches:
            rows = [(row.id, row.text, row.error) for row in batch]
            pending.append(pool.submit(_worker_lines, rows, options, fmt, model_key))
            if len(pending) > 2 * jobs:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _exit_with_parent(parent: int) -> None:
    """A worker whose run was killed (SIGKILL, out of memory) stops too, instead of idling forever."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, name="sdgmap-parent-watch", daemon=True).start()


def _worker_lines(rows: list[tuple], options: dict, fmt: str, model_key: tuple) -> list[tuple]:
    return batch_lines(_worker_model(model_key), [InputRow(*row) for row in rows], options, fmt)


def _worker_model(model_key: tuple):
    model = _WORKER_MODELS.get(model_key)
    if model is None:
        from ..pipeline._model import load

        path, trust, sha256 = model_key
        model = load(path, trust=trust)
        if sha256 is not None and model.meta.get("sha256") != sha256:
            raise ValueError(Errors.E045.format(found=model.meta.get("sha256"), expected=sha256))
        _WORKER_MODELS[model_key] = model
    return model
