"""Which of a goal's targets a text points to.

Each of the 169 targets has a profile in the model's own feature space, built at training
time from its lexicon entry, our short labels and (when available) the official target and
indicator texts in English and French. A text's targets are the profiles closest to it
within an asserted goal; lexicon columns make that work across languages.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import numpy as np
from scipy import sparse

from ._features import FeatureSpace
from ._text import TextProcessor


class TargetIndex:
    """Target profiles (one L2-normalised row per target) and their goals."""

    def __init__(self, ids: Sequence[str], profiles: sparse.csr_matrix) -> None:
        self.ids = list(ids)
        self.goals = np.array([int(t.split(".")[0]) for t in self.ids])
        self.profiles = sparse.csr_matrix(profiles)
        self._profiles_t = self.profiles.T.tocsr()
        self._rows = {g: np.flatnonzero(self.goals == g).tolist() for g in range(1, 18)}

    def similarities(self, X: sparse.csr_matrix) -> np.ndarray:
        """(n_texts, 169) cosine-like similarities of texts to every target profile."""
        return (X @ self._profiles_t).toarray()

    def rank(self, similarities: np.ndarray, goal: int, top: int = 3) -> list[tuple[str, float]]:
        """The goal's best targets with their share of the goal's (positive) target similarity."""
        rows = self._rows.get(goal, ())
        values = [(max(float(similarities[r]), 0.0), r) for r in rows]
        total = sum(v for v, _ in values)
        if total <= 0:
            return []
        values.sort(key=lambda item: (-item[0], item[1]))
        return [(self.ids[r], v / total) for v, r in values[:top] if v > 0]

    def to_arrays(self) -> dict[str, np.ndarray]:
        p = self.profiles
        return {"target_data": p.data, "target_indices": p.indices, "target_indptr": p.indptr,
                "target_shape": np.array(p.shape)}

    @classmethod
    def from_arrays(cls, ids: Sequence[str], arrays: Mapping[str, np.ndarray]) -> TargetIndex:
        profiles = sparse.csr_matrix(
            (arrays["target_data"], arrays["target_indices"], arrays["target_indptr"]),
            shape=tuple(arrays["target_shape"]),
        )
        return cls(ids, profiles)


def build_target_index(
    space: FeatureSpace,
    processor: TextProcessor,
    texts: Mapping[str, Iterable[tuple[str, str]]],
) -> TargetIndex:
    """Profiles from (language, text) pairs per target id: the mean of their feature rows."""
    ids = list(texts)
    rows = []
    for target in ids:
        docs = [processor.process(text, language) for language, text in texts[target]]
        X = space.transform(docs) if docs else sparse.csr_matrix((0, space.n_features))
        profile = np.asarray(X.sum(axis=0)).ravel()
        norm = np.linalg.norm(profile)
        rows.append(sparse.csr_matrix(profile / norm if norm > 0 else profile))
    return TargetIndex(ids, sparse.vstack(rows).tocsr())
