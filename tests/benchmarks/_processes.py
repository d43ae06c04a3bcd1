"""Memory of a process group, read from /proc (Linux): benchmarks report it, never assert on it."""

import os
import threading
import time
from pathlib import Path


def rss_bytes(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    except (FileNotFoundError, ProcessLookupError, PermissionError):
        pass
    return 0


def group_members(group: int) -> list[int]:
    members = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if os.getpgid(int(entry.name)) == group:
                    members.append(int(entry.name))
            except (ProcessLookupError, PermissionError):
                pass
    return members


class PeakMemory:
    """Samples the summed RSS of a process group (and its largest member) until stopped."""

    def __init__(self, group: int, every: float = 0.25) -> None:
        self.group, self.every = group, every
        self.total = self.largest = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        while not self._stop.is_set():
            sizes = [rss_bytes(pid) for pid in group_members(self.group)]
            self.total = max(self.total, sum(sizes))
            self.largest = max(self.largest, max(sizes, default=0))
            time.sleep(self.every)


def mib(size: int) -> str:
    return f"{size / 2**20:,.0f} MiB"
