"""Classify batches of rows in worker processes (joblib): input order kept, memory bounded.

Each worker loads the model once (on its first batch, from the run's :class:`ModelSource`) and
checks that it is the very model of the run (same SHA-256), so ``jobs=2`` writes exactly what
``jobs=1`` writes. joblib's loky workers are fresh interpreters; each watches the run and stops
when it dies (even by SIGKILL), and at most ``2 * jobs + 1`` batches are dispatched ahead of
the one being written, so a file of any size streams through.
"""

from __future__ import annotations

import os
import signal
import threading
import time
from collections.abc import Iterable, Iterator

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
    from joblib import Parallel, delayed, parallel_config  # a dependency of sdgmap; imported only for jobs > 1

    parent = os.getpid()
    work = (delayed(_worker_lines)([(row.id, row.text, row.error, row.columns) for row in batch], options, layout,
                                   source, parent) for batch in batches)
    # Ctrl-C reaches the whole process group: the run handles it (rows done are kept), so the
    # workers ignore it instead of each printing a KeyboardInterrupt traceback.
    with parallel_config(backend="loky", initializer=_ignore_interrupts):
        parallel = Parallel(n_jobs=jobs, return_as="generator", pre_dispatch=str(2 * jobs + 1), batch_size=1)
        yield from parallel(work)


def _ignore_interrupts() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _worker_lines(rows: list[tuple], options: dict, layout: OutputLayout, source: ModelSource,
                  parent: int) -> list[tuple[str, str | None, str]]:
    _exit_with_parent(parent)
    return batch_lines(source.load(), [InputRow(*row) for row in rows], options, layout)


_WATCHED: set[int] = set()


def _exit_with_parent(parent: int) -> None:
    """A worker whose run was killed (SIGKILL, out of memory) stops at once, instead of idling until loky's timeout."""
    if parent in _WATCHED or os.getppid() != parent:
        return
    _WATCHED.add(parent)

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, name="sdgmap-parent-watch", daemon=True).start()
