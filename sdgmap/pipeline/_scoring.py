"""From features to calibrated goal probabilities and yes/no decisions.

One linear model per goal; a per-goal sigmoid (Platt scaling, fitted on held-out scores)
turns its margin into a probability that the goal applies. Operating points are per-goal
thresholds on that probability, chosen on held-out scores when the model is trained.
"""

from __future__ import annotations

import numpy as np
from scipy import sparse

from ..errors import Errors

# What each operating point optimises per goal on held-out scores (see _estimators).
OPERATING_POINTS = {
    "balanced": "best balanced accuracy (mean of recall and specificity)",
    "f1": "best F1",
    "precision": "best F0.5: fewer false alarms, more misses",
    "recall": "best F2: fewer misses, more false alarms",
}
DEFAULT_OPERATING_POINT = "balanced"


def check_operating_point(name: str, thresholds: dict[str, np.ndarray]) -> str:
    if not isinstance(name, str) or name not in thresholds:
        raise ValueError(Errors.E002.format(name=name, options=sorted(thresholds)))
    return name


class LinearScorer:
    """Fitted scoring state: weights, intercepts, calibration and thresholds (all arrays)."""

    def __init__(
        self,
        coef: np.ndarray,
        intercept: np.ndarray,
        calibration: np.ndarray,
        thresholds: dict[str, np.ndarray],
    ) -> None:
        self.coef = np.asarray(coef, dtype=np.float32)  # (17, n_features), as stored
        # Sparse @ dense wants a contiguous float64 (n_features, 17): convert once, not per call.
        self._coef_t = np.ascontiguousarray(self.coef.T, dtype=np.float64)
        self.intercept = np.asarray(intercept, dtype=np.float64)  # (17,)
        self.calibration = np.asarray(calibration, dtype=np.float64)  # (17, 2): slope, offset
        self.thresholds = {name: np.asarray(t, dtype=np.float64) for name, t in thresholds.items()}

    def margins(self, X: sparse.csr_matrix) -> np.ndarray:
        return np.asarray(X @ self._coef_t) + self.intercept

    def calibrate(self, margins: np.ndarray) -> np.ndarray:
        z = margins * self.calibration[:, 0] + self.calibration[:, 1]
        return 1.0 / (1.0 + np.exp(-np.clip(z, -35, 35)))

    def predict_proba(self, X: sparse.csr_matrix) -> np.ndarray:
        return self.calibrate(self.margins(X))

    def decide(self, proba: np.ndarray, operating_point: str) -> np.ndarray:
        check_operating_point(operating_point, self.thresholds)
        return proba >= self.thresholds[operating_point]
