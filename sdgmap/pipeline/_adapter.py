"""A platform's conventions on top of the base model: a per-goal head on the base logits.

The adapter reads only the base model's calibrated probabilities (one per goal), turns them
into logits and maps them through a small linear head fitted on a platform's curated tags
(``sdgmap.adapt``)::

    z = logit(p_base)                  # (n, 17)
    z'_g = z @ weights[g] + bias[g]    # goals the platform taught us
    z'_g = z_g                         # every other goal: the base, exactly
    p_adapted = sigmoid(z')

The identity (``weights = I``, ``bias = 0``) is the base model. It is applied after the base
calibration and before the decision (the operating point's thresholds), so it survives
changes to the base model's features or calibration. It owns its file: ``adapter.json``,
plain numbers, no pickle.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from ..errors import Errors

ADAPTER_FILE = "adapter.json"
ADAPTER_FORMAT = 1
N_GOALS = 17
# Probabilities are clipped before the logit so that 0 and 1 stay finite (|logit| <= 27.6).
_EPS = 1e-12


def logit(proba: np.ndarray) -> np.ndarray:
    p = np.clip(np.asarray(proba, dtype=np.float64), _EPS, 1.0 - _EPS)
    return np.log(p) - np.log1p(-p)


def sigmoid(z: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.clip(z, -35.0, 35.0)))


class Adapter:
    """Maps the base model's per-goal probabilities to a platform's conventions.

    Parameters
    ----------
    weights : array of shape (17, 17)
        Row ``g - 1`` is the head of goal ``g`` over the 17 base logits.
    bias : array of shape (17,)
    active : array of 17 bools
        Goals the head changes; the others keep the base probability exactly.
    info : dict
        What to keep with it (label kind, examples per goal, curated set hash...).
    """

    def __init__(self, weights: np.ndarray, bias: np.ndarray, active: np.ndarray, info: dict | None = None) -> None:
        self.weights = np.asarray(weights, dtype=np.float64)
        self.bias = np.asarray(bias, dtype=np.float64)
        self.active = np.asarray(active, dtype=bool)
        self.info = dict(info or {})
        if self.weights.shape != (N_GOALS, N_GOALS) or self.bias.shape != (N_GOALS,) or self.active.shape != (N_GOALS,):
            raise ValueError(Errors.E075.format(reason=f"shapes {self.weights.shape}, {self.bias.shape}, {self.active.shape}"))
        if not (np.isfinite(self.weights).all() and np.isfinite(self.bias).all()):
            raise ValueError(Errors.E075.format(reason="weights and bias must be finite numbers"))

    @classmethod
    def identity(cls, info: dict | None = None) -> Adapter:
        return cls(np.eye(N_GOALS), np.zeros(N_GOALS), np.zeros(N_GOALS, dtype=bool), info)

    @property
    def goals(self) -> tuple[int, ...]:
        """The goals whose probability the adapter changes (1-17)."""
        return tuple(int(g) + 1 for g in np.flatnonzero(self.active))

    def decision_function(self, proba: np.ndarray) -> np.ndarray:
        """Adapted logits, (n, 17)."""
        z = logit(proba)
        out = z.copy()
        if self.active.any():
            out[:, self.active] = z @ self.weights[self.active].T + self.bias[self.active]
        return out

    def transform(self, proba: np.ndarray) -> np.ndarray:
        """Adapted probabilities, (n, 17); inactive goals are returned unchanged."""
        proba = np.asarray(proba, dtype=np.float64)
        out = proba.copy()
        if self.active.any() and len(proba):
            out[:, self.active] = sigmoid(self.decision_function(proba)[:, self.active])
        return out

    # -- files ---------------------------------------------------------------------------

    def to_dict(self) -> dict:
        return {
            "format": ADAPTER_FORMAT,
            "weights": self.weights.tolist(),
            "bias": self.bias.tolist(),
            "active": [bool(a) for a in self.active],
            "info": self.info,
        }

    @classmethod
    def from_dict(cls, data: dict) -> Adapter:
        if not isinstance(data, dict) or data.get("format") != ADAPTER_FORMAT:
            found = data.get("format") if isinstance(data, dict) else type(data).__name__
            raise ValueError(Errors.E075.format(reason=f"format {found!r}, expected {ADAPTER_FORMAT}"))
        try:
            return cls(data["weights"], data["bias"], data["active"], data.get("info"))
        except (KeyError, TypeError) as error:
            raise ValueError(Errors.E075.format(reason=f"missing or malformed field: {error}")) from None

    def to_disk(self, folder: str | Path) -> Path:
        path = Path(folder) / ADAPTER_FILE
        # repr floats round-trip exactly; sorted keys give byte-identical files.
        path.write_text(json.dumps(self.to_dict(), sort_keys=True, indent=1) + "\n", encoding="utf-8")
        return path

    @classmethod
    def from_disk(cls, folder: str | Path) -> Adapter:
        path = Path(folder) / ADAPTER_FILE
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (ValueError, RecursionError) as error:
            raise ValueError(Errors.E005.format(path=path, reason=error)) from None
        return cls.from_dict(data)
