"""A one-line progress report on stderr, so a long mapping run shows it is alive.

Drawn only when the stream is a terminal: logs and pipes get no carriage-return clutter.
"""

from __future__ import annotations

import sys
import time

_EVERY_SECONDS = 0.25
_MIN_SECONDS_FOR_ESTIMATE = 2.0  # an estimate from a moment's work swings wildly


class Progress:
    """Rewrites ``mapped 12,345 / 100,000 (12%) · 850/s · 1m42s left`` at most 4 times a second."""

    def __init__(self, total: int | None = None, *, enabled: bool = True, stream=None, label: str = "mapped") -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.enabled = enabled and _is_terminal(self.stream)
        self.total = total
        self.label = label
        self.done = 0
        self._start = time.monotonic()
        self._shown = 0.0
        self._first: tuple[float, int] | None = None  # time and count of the first step

    def advance(self, n: int = 1) -> None:
        self.done += n
        now = time.monotonic()
        if self._first is None:  # the first step pays for warming up: measure the rate after it
            self._first = (now, self.done)
        if self.enabled and now - self._shown >= _EVERY_SECONDS:
            self._shown = now
            self._draw(now)

    def close(self) -> None:
        if self.enabled:
            self._draw(time.monotonic())
            self.stream.write("\n")
            self.stream.flush()

    def _draw(self, now: float) -> None:
        elapsed = max(now - self._start, 1e-9)
        rate = self.done / elapsed
        line = f"{self.label} {self.done:,}"
        if self.total:
            line += f" / {self.total:,} ({100 * self.done / self.total:.0f}%)"
        line += f" · {rate:,.0f}/s"
        if self.total and self.done < self.total and self._first is not None:
            since, first = now - self._first[0], self.done - self._first[1]
            if since >= _MIN_SECONDS_FOR_ESTIMATE and first > 0:
                line += f" · {_duration((self.total - self.done) * since / first)} left"
        self.stream.write("\r" + line + "\x1b[K")
        self.stream.flush()


def _is_terminal(stream) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False


def _duration(seconds: float) -> str:
    minutes, seconds = divmod(int(seconds), 60)
    return f"{minutes}m{seconds:02d}s" if minutes else f"{seconds}s"
