"""Classify batches of rows in worker processes: input order kept, memory bounded.

Each worker loads the model once (on its first batch, from the run's :class:`ModelSource`) and
checks that it is the very model of the run (same SHA-256), so ``jobs=2`` writes exactly what ``jobs=1`` writes. At
most ``2 * jobs + 1`` batches are in flight, so a file of any size streams through.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor

from ..loading import ModelSource
from ._lines import batch_lines
from ._rows import InputRow, OutputLayout


def lines_in_workers(
    batches: Iterable[list],
    options: dict,
    layout: OutputLayout,
    *,
    jobs: int,
    source: ModelSource,
) -> Iterator[list[tuple[str, str | None, str]]]:
    """Yield the output lines of each batch (see ``batch_lines``), in input order, made by ``jobs`` processes."""
    # "spawn": a fresh interpreter per worker, safe whatever threads the caller runs.
    pool = ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("spawn"), initializer=_exit_with_parent,
                               initargs=(os.getpid(),))
    pending: deque[Future] = deque()
    try:
        for batch in batches:
            rows = [(row.id, row.text, row.error, row.columns) for row in batch]
            pending.append(pool.submit(_worker_lines, rows, options, layout, source))
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


def _worker_lines(rows: list[tuple], options: dict, layout: OutputLayout,
                  source: ModelSource) -> list[tuple[str, str | None, str]]:
    return batch_lines(source.load(), [InputRow(*row) for row in rows], options, layout)
