"""Curated rows: parsing goal lists, checking them, and hashing the set."""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from collections.abc import Sequence

from ..errors import Errors

LABEL_KINDS = ("main", "complete")
_SEPARATORS = re.compile(r"[\s,;|]+")


def parse_labels(value: object, row: str) -> tuple[int, ...]:
    """Goal numbers from ``"10"``, ``"10;1"``, ``"10, 1"``, ``"10 | 1"`` or ``[10, 1]``, in order,
    without repeats. Raises E070 for an unknown goal and E071 for an empty list."""
    if isinstance(value, str):
        items: Sequence[object] = [part for part in _SEPARATORS.split(value.strip()) if part]
    elif isinstance(value, int) and not isinstance(value, bool):
        items = [value]
    elif isinstance(value, (list, tuple)):
        items = value
    elif value is None:
        items = []
    else:
        raise ValueError(Errors.E070.format(row=row, value=value))
    goals: list[int] = []
    for item in items:
        goal = _goal(item)
        if goal is None:
            raise ValueError(Errors.E070.format(row=row, value=item))
        if goal not in goals:
            goals.append(goal)
    if not goals:
        raise ValueError(Errors.E071.format(row=row))
    return tuple(goals)


def _goal(item: object) -> int | None:
    if isinstance(item, bool):
        return None
    if isinstance(item, float) and item.is_integer():
        item = int(item)
    if isinstance(item, str):
        text = item.strip().upper().removeprefix("SDG").removeprefix("ODD").strip()
        item = int(text) if text.isdigit() else None
    if isinstance(item, int) and 1 <= item <= 17:
        return item
    return None


def check_curated(texts: Sequence[object], labels: Sequence[object], ids: Sequence[object] | None,
                  label_kind: str) -> tuple[list[str], list[tuple[int, ...]], list[str]]:
    """Checked texts, goal tuples and ids; raises before anything is fitted or written."""
    if label_kind not in LABEL_KINDS:
        raise ValueError(Errors.E076.format(kind=label_kind))
    if isinstance(texts, (str, bytes)):
        raise TypeError(Errors.E052.format(type=type(texts).__name__))
    texts, labels = list(texts), list(labels)
    if len(texts) != len(labels):
        raise ValueError(Errors.E074.format(reason=f"{len(texts)} texts but {len(labels)} label lists"))
    ids = [str(i) for i in ids] if ids is not None else [str(n) for n in range(1, len(texts) + 1)]
    if len(ids) != len(texts):
        raise ValueError(Errors.E074.format(reason=f"{len(texts)} texts but {len(ids)} ids"))
    repeated = [(i, c) for i, c in Counter(ids).items() if c > 1]
    if repeated:
        raise ValueError(Errors.E072.format(id=repeated[0][0], count=repeated[0][1]))
    for row, text in zip(ids, texts):
        if not isinstance(text, str):
            raise TypeError(Errors.E001.format(type=type(text).__name__) + f" (row {row})")
    goals = [parse_labels(value, row) for row, value in zip(ids, labels)]
    if len(texts) < 10:
        raise ValueError(Errors.E074.format(reason=f"only {len(texts)} rows; adapting needs at least 10 (200 or more to trust it)"))
    mains = {g[0] for g in goals}
    if len(mains) == 1 and (label_kind == "main" or len({x for g in goals for x in g}) == 1):
        raise ValueError(Errors.E073.format(goal=next(iter(mains))))
    return texts, goals, ids


def curated_sha256(texts: Sequence[str], goals: Sequence[tuple[int, ...]], label_kind: str) -> str:
    """SHA-256 of the curated set as read (texts, goals in order, label kind): the same rows give
    the same hash whatever the file format they came from."""
    digest = hashlib.sha256(label_kind.encode())
    for text, g in zip(texts, goals):
        digest.update(json.dumps([text, list(g)], ensure_ascii=False).encode("utf-8", "surrogatepass"))
        digest.update(b"\n")
    return digest.hexdigest()
