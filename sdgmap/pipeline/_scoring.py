"""From features to calibrated goal probabilities and yes/no decisions.

One linear model per goal. A per-goal sigmoid fitted on held-out, completely labelled texts
turns its margin into the probability that the goal applies; it also sees the text's length,
since a short blurb with two clues is as sure of its goal as a long report with ten.

An operating point is a decision rule on those probabilities, chosen on held-out texts when
the model is trained: a goal is asserted when its probability passes the goal's threshold
and stays within ``ratio`` of the text's best goal; the best goal is asserted whenever it
reaches ``floor``, so a goal clearly ahead is never left out. The points are nested:
everything ``precision`` asserts, ``f1`` asserts, and so on up to ``recall``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
from scipy import sparse

from ..errors import Errors

# What each operating point optimises on held-out, completely labelled texts (see training).
OPERATING_POINTS = {
    "balanced": "what a careful curator keeps on a blurb, and per-goal balanced accuracy on reports (the default)",
    "f1": "best F1 over all (text, goal) decisions, asserting no more than 'balanced'",
    "precision": "best example-F0.5: fewer false alarms (asserts only what 'f1' does)",
    "recall": "best example-F2: fewer misses, more goals (asserts everything 'balanced' does)",
}
DEFAULT_OPERATING_POINT = "balanced"


def check_operating_point(name: str, thresholds: dict[str, np.ndarray]) -> str:
    if not isinstance(name, str) or name not in thresholds:
        raise ValueError(Errors.E002.format(name=name, options=sorted(thresholds)))
    return name


class LinearScorer:
    """Fitted scoring state: weights, intercepts, calibration and decision rules (all arrays).

    ``calibration`` is (17, 2) (slope, offset) or (17, 4) (slope, slope change per
    log-length, log-length, offset). ``thresholds`` maps each operating point to its 17
    per-goal probability thresholds; ``rules`` maps it to ``(ratio, floor)``.
    """

    def __init__(
        self,
        coef: np.ndarray,
        intercept: np.ndarray,
        calibration: np.ndarray,
        thresholds: dict[str, np.ndarray],
        rules: dict[str, tuple[float, float]] | None = None,
    ) -> None:
        self.coef = np.asarray(coef, dtype=np.float32)  # (17, n_features), as stored
        # Sparse @ dense wants a contiguous float64 (n_features, 17): convert once, not per call.
        self._coef_t = np.ascontiguousarray(self.coef.T, dtype=np.float64)
        self.intercept = np.asarray(intercept, dtype=np.float64)  # (17,)
        self.calibration = np.asarray(calibration, dtype=np.float64)
        # Known points in their usual order, then any other a model defines.
        names = [name for name in OPERATING_POINTS if name in thresholds] + [n for n in thresholds if n not in OPERATING_POINTS]
        self.thresholds = {name: np.asarray(thresholds[name], dtype=np.float64) for name in names}
        self.rules = {name: (0.0, 1.0) for name in self.thresholds}
        self.rules.update({name: (float(r), float(f)) for name, (r, f) in (rules or {}).items()})

    def to_arrays(self) -> dict[str, np.ndarray]:
        arrays: dict[str, np.ndarray] = {"coef": self.coef, "intercept": self.intercept, "calibration": self.calibration}
        arrays.update({f"threshold_{name}": value for name, value in self.thresholds.items()})
        arrays.update({f"rule_{name}": np.array(rule) for name, rule in self.rules.items()})
        return arrays

    @classmethod
    def from_arrays(cls, arrays: Mapping[str, np.ndarray], points: Sequence[str]) -> LinearScorer:
        thresholds = {name: arrays[f"threshold_{name}"] for name in points}
        rules = {name: tuple(arrays[f"rule_{name}"]) for name in points if f"rule_{name}" in arrays}
        return cls(arrays["coef"], arrays["intercept"], arrays["calibration"], thresholds, rules)

    def margins(self, X: sparse.csr_matrix) -> np.ndarray:
        return np.asarray(X @ self._coef_t) + self.intercept

    def calibrate(self, margins: np.ndarray, lengths: np.ndarray | None = None) -> np.ndarray:
        """Probabilities from margins; ``lengths`` is log(1 + content words) per text."""
        c = self.calibration
        if c.shape[1] == 2:
            z = margins * c[:, 0] + c[:, 1]
        else:
            size = np.zeros(len(margins)) if lengths is None else np.asarray(lengths, dtype=np.float64)
            z = margins * (c[:, 0] + size[:, None] * c[:, 1]) + size[:, None] * c[:, 2] + c[:, 3]
        return 1.0 / (1.0 + np.exp(-np.clip(z, -35, 35)))

    def predict_proba(self, X: sparse.csr_matrix, lengths: np.ndarray | None = None) -> np.ndarray:
        return self.calibrate(self.margins(X), lengths)

    def decide(self, proba: np.ndarray, operating_point: str) -> np.ndarray:
        check_operating_point(operating_point, self.thresholds)
        return decide(proba, self.thresholds[operating_point], *self.rules[operating_point])


def decide(proba: np.ndarray, thresholds: np.ndarray, ratio: float = 0.0, floor: float = 1.0) -> np.ndarray:
    """Asserted goals: over the goal's threshold and within ``ratio`` of the best goal, and
    the best goal itself once it reaches ``floor``. Rows of zeros (no words) assert nothing."""
    proba = np.asarray(proba, dtype=np.float64)
    if proba.size == 0:
        return np.zeros(proba.shape, dtype=bool)
    chosen = proba >= thresholds
    best = proba.max(axis=1)
    top = proba.argmax(axis=1)
    rows = np.arange(len(proba))
    chosen[rows, top] |= best >= floor
    chosen &= proba >= ratio * best[:, None]
    return chosen & (proba > 0)
