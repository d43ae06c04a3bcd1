"""A one-line progress report on stderr, so a long run shows it is alive: drawn by tqdm.

Drawn only when the stream is a terminal: logs and pipes get no carriage-return clutter, and
tqdm is not even imported for them.
"""

from __future__ import annotations

import os
import sys
from typing import Any

_EVERY_SECONDS = 0.25
# A terminal that reports no size (0 columns, as a bare pseudo-terminal does) makes tqdm cut the
# line to nothing, or hide it: give it a size, and only cut to a width the terminal reports.
_NO_CUT = 1000
_ROWS = 20
_KNOWN = "{desc} {n:,} / {total:,} ({percentage:.0f}%) · {rate_noinv_fmt} · {remaining} left"
_UNKNOWN = "{desc} {n:,} · {rate_noinv_fmt}"


class Progress:
    """Counts records and shows ``mapped 12,345 / 100,000 (12%) · 850 records/s · 01:42 left``
    (tqdm, at most 4 times a second); without a total, ``mapped 12,345 · 850 records/s``.

    ``total`` may be set after construction, before the first :meth:`advance`.
    """

    def __init__(self, total: int | None = None, *, enabled: bool = True, stream=None, label: str = "mapped") -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.enabled = enabled and _is_terminal(self.stream)
        self.total = total
        self.label = label
        self.done = 0
        self._bar: Any = None

    def advance(self, n: int = 1) -> None:
        if self.enabled:
            self._line().update(n)
        self.done += n

    def close(self) -> None:
        if self.enabled:
            self._line().close()

    def _line(self):
        if self._bar is None:
            from tqdm import tqdm

            self._bar = tqdm(
                total=self.total or None, initial=self.done, desc=self.label, file=self.stream, leave=True,
                unit=" records", unit_scale=True, mininterval=_EVERY_SECONDS, bar_format=_KNOWN if self.total else _UNKNOWN,
                ncols=_width(self.stream) or _NO_CUT, nrows=_ROWS,
            )
        return self._bar


def _is_terminal(stream) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False


def _width(stream) -> int | None:
    """The width the terminal reports, if any (0 or unknown: None)."""
    try:
        return os.get_terminal_size(stream.fileno()).columns or None
    except (AttributeError, ValueError, OSError):
        return None
