"""Which of a goal's targets a text points to.

Each of the 169 targets has a sparse weight row in the model's own feature space and an
intercept, learned from texts whose targets annotators marked (per goal, a softmax over the
goal's targets). A text's targets within an asserted goal are those with the largest share;
a target under ``min_share`` is not reported, so a text that points to no target plainly
gets none rather than the goal's most common one.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
from scipy import sparse


class TargetIndex:
    """Per-target weights (one sparse row per target), intercepts and their goals."""

    def __init__(
        self,
        ids: Sequence[str],
        weights: sparse.csr_matrix,
        intercepts: np.ndarray | None = None,
        min_share: float = 0.0,
    ) -> None:
        self.ids = list(ids)
        self.goals = np.array([int(t.split(".")[0]) for t in self.ids])
        self.weights = sparse.csr_matrix(weights)
        self._weights_t = self.weights.T.tocsr()
        self.intercepts = np.zeros(len(self.ids)) if intercepts is None else np.asarray(intercepts, dtype=np.float64)
        self.min_share = float(min_share)
        self._rows = {g: np.flatnonzero(self.goals == g) for g in range(1, 18)}

    def scores(self, X: sparse.csr_matrix) -> np.ndarray:
        """(n_texts, 169) target scores (log-odds within each goal)."""
        return (X @ self._weights_t).toarray() + self.intercepts

    def rank(self, scores: np.ndarray, goal: int, top: int = 3) -> list[tuple[str, float]]:
        """The goal's best targets with their share (softmax within the goal), best first."""
        rows = self._rows.get(goal)
        if rows is None or len(rows) == 0:
            return []
        values = scores[rows]
        shares = np.exp(values - values.max())
        shares /= shares.sum()
        order = np.argsort(-shares, kind="stable")[:top]
        return [(self.ids[rows[k]], float(shares[k])) for k in order if shares[k] >= self.min_share]

    def to_arrays(self) -> dict[str, np.ndarray]:
        w = self.weights
        return {
            "target_data": w.data.astype(np.float32),
            "target_indices": w.indices,
            "target_indptr": w.indptr,
            "target_shape": np.array(w.shape),
            "target_intercept": self.intercepts,
            "target_min_share": np.array([self.min_share]),
        }

    @classmethod
    def from_arrays(cls, ids: Sequence[str], arrays: Mapping[str, np.ndarray]) -> TargetIndex:
        weights = sparse.csr_matrix(
            (arrays["target_data"].astype(np.float64), arrays["target_indices"], arrays["target_indptr"]),
            shape=tuple(arrays["target_shape"]),
        )
        intercepts = arrays["target_intercept"] if "target_intercept" in arrays else None
        min_share = float(arrays["target_min_share"][0]) if "target_min_share" in arrays else 0.0
        return cls(ids, weights, intercepts, min_share)
