"""Resumable output: a stopped run keeps its partial file, and a later run goes on from it.

The partial file (``.NAME.partial``) sits next to the output with a checkpoint
(``.NAME.partial.json``) saved after each batch: how many rows and bytes are complete,
and what produced them (input file, options, model). A run with ``resume=True`` cuts the
partial file back to its checkpoint and skips the rows already written; with another
input, options or model it refuses, rather than mix two runs in one file. The output
itself still appears only once complete.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from ..errors import Errors
from . import _rows as _io


class ResumableOutput:
    """Write records to ``output`` through a partial file kept when the run stops."""

    def __init__(self, output: str | Path, layout: _io.OutputLayout, fingerprint: dict) -> None:
        self.output = Path(output)
        self.layout = layout
        self.fmt = layout.fmt
        self.fingerprint = json.loads(json.dumps(fingerprint))
        self.partial = self.output.with_name(f".{self.output.name}.partial")
        self.checkpoint = self.output.with_name(f".{self.output.name}.partial.json")
        self.previous: list[dict] = []  # id and error of the rows an earlier run wrote
        self.rows = 0

    def __enter__(self) -> ResumableOutput:
        self.output.parent.mkdir(parents=True, exist_ok=True)
        saved = self._saved()
        if saved is None:
            self.handle = self.partial.open("w", encoding="utf-8", newline="")
        else:
            self._check(saved)
            with self.partial.open("r+b") as raw:
                raw.truncate(saved["bytes"])
            with self.partial.open(encoding="utf-8", newline="") as handle:
                self.previous = [{"id": r["id"], "error": r.get("error")} for r in _io.read_records(handle, self.fmt)]
            if len(self.previous) != saved["rows"]:
                raise ValueError(self._error("its partial file does not match its checkpoint"))
            self.handle = self.partial.open("a", encoding="utf-8", newline="")
        self.writer = _io.RecordWriter(self.handle, self.fmt, header=saved is None, columns=self.layout.columns)
        self.rows = len(self.previous)
        self.save()
        return self

    def write(self, line: str) -> None:
        self.writer.write_line(line)
        self.rows += 1

    def save(self) -> None:
        """Record that every row written so far is complete (call between batches)."""
        self.handle.flush()
        state = {"fingerprint": self.fingerprint, "rows": self.rows, "bytes": self.handle.tell()}
        temporary = self.checkpoint.with_name(self.checkpoint.name + ".tmp")
        temporary.write_text(json.dumps(state), encoding="utf-8")
        os.replace(temporary, self.checkpoint)

    def __exit__(self, exc_type, exc, tb) -> None:
        self.handle.close()
        if exc_type is None:  # complete: publish it; else keep partial + last checkpoint
            os.replace(self.partial, self.output)
            self.checkpoint.unlink(missing_ok=True)

    def _saved(self) -> dict | None:
        if not (self.partial.is_file() and self.checkpoint.is_file()):
            return None  # nothing to resume (or stopped before its first checkpoint)
        try:
            return json.loads(self.checkpoint.read_text(encoding="utf-8"))
        except ValueError:
            raise ValueError(self._error("its checkpoint is unreadable")) from None

    def _check(self, saved: dict) -> None:
        before, now = saved.get("fingerprint", {}), self.fingerprint
        changed = sorted(key for key in before.keys() | now.keys() if before.get(key) != now.get(key))
        if changed:
            raise ValueError(self._error(f"the earlier run differs in {', '.join(changed)}"))
        if self.partial.stat().st_size < saved["bytes"]:
            raise ValueError(self._error("its partial file is shorter than its checkpoint"))

    def _error(self, reason: str) -> str:
        return Errors.E046.format(output=self.output, reason=reason, partial=self.partial)
