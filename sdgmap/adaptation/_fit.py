"""Fitting the adapter's head on base logits: a regularised ranking (and, for complete labels,
per-goal) logistic objective, solved with L-BFGS. numpy and scipy only.

For every curated row the head should rank a listed goal first: the loss is the softmax
cross-entropy of the listed goals over the 17 adapted logits (hit@1 is what platforms see).
A per-goal logistic loss keeps the probabilities meaningful: listed goals are positives;
with ``complete`` labels unlisted goals are negatives; with ``main`` labels they are unknown,
so their target is the base model's own probability, with weight ``anchor`` (what the
platform does not say, the base keeps saying). The penalty pulls the head toward the
identity (the base model), so with few rows the adapter stays close to the base; goals that
are not ``active`` keep the base logit exactly.
"""

from __future__ import annotations

import numpy as np
from scipy.optimize import minimize

from ..errors import Errors
from ..pipeline._adapter import N_GOALS

HEADS = ("full", "diagonal", "bias")


def _softmax(S: np.ndarray) -> np.ndarray:
    E = np.exp(S - S.max(axis=1, keepdims=True))
    return E / E.sum(axis=1, keepdims=True)


def _log_sum_exp(S: np.ndarray) -> np.ndarray:
    top = S.max(axis=1)
    return top + np.log(np.exp(S - top[:, None]).sum(axis=1))


def ranking_loss(S: np.ndarray, positives: np.ndarray) -> np.ndarray:
    """Per row: −log of the softmax mass on its listed goals (lower is better)."""
    masked = np.where(positives, S, -np.inf)
    return _log_sum_exp(S) - _log_sum_exp(masked)


class HeadFit:
    """Per-goal head ``z'_g = z @ (e_g + D_g) + b_g`` on base logits, L2-pulled toward identity.

    Parameters
    ----------
    alpha : float
        Strength of the pull toward the identity (per row; larger keeps closer to the base).
    head : {"full", "diagonal", "bias"}
        Which inputs each goal's head may use: all 17 logits, its own logit (a scale), or
        none (a bias shift only).
    binary_weight : float
        Weight of the per-goal logistic loss on known labels (listed goals; with complete
        labels, every goal).
    anchor : float
        With main labels: weight of the per-goal logistic loss toward the base probability
        for unlisted goals.
    max_iter : int
        L-BFGS iterations.
    tol : float
        L-BFGS relative tolerance on the loss.

    Attributes
    ----------
    weights_ : ndarray of shape (17, 17)
    bias_ : ndarray of shape (17,)
    active_ : ndarray of 17 bools
    """

    def __init__(self, alpha: float = 0.01, head: str = "full", binary_weight: float = 1.0, anchor: float = 0.3,
                 max_iter: int = 300, tol: float = 1e-7) -> None:
        self.alpha = alpha
        self.head = head
        self.binary_weight = binary_weight
        self.anchor = anchor
        self.max_iter = max_iter
        self.tol = tol

    def fit(self, Z: np.ndarray, positives: np.ndarray, active: np.ndarray, *, complete: bool = False,
            start: HeadFit | None = None) -> HeadFit:
        """Fit on base logits ``Z`` (n, 17) and the listed goals ``positives`` (n, 17 bools)."""
        if self.head not in HEADS:
            raise ValueError(Errors.E074.format(reason=f"unknown head {self.head!r}; use one of {HEADS}"))
        Z = np.asarray(Z, dtype=np.float64)
        positives = np.asarray(positives, dtype=bool)
        active = np.asarray(active, dtype=bool)
        n = len(Z)
        index = np.flatnonzero(active)
        k = len(index)
        self.active_ = active.copy()
        self.weights_ = np.eye(N_GOALS)
        self.bias_ = np.zeros(N_GOALS)
        if k == 0 or n == 0:
            return self
        if self.head == "full":
            mask = np.ones((k, N_GOALS))
        elif self.head == "diagonal":
            mask = np.zeros((k, N_GOALS))
            mask[np.arange(k), index] = 1.0
        else:
            mask = np.zeros((k, N_GOALS))
        # Per-goal targets and weights: listed goals 1; unlisted 0 (complete) or the base's own
        # probability with weight ``anchor`` (main labels: unknown).
        listed = positives[:, index]
        if complete:
            T = listed.astype(np.float64)
            Wt = np.full(T.shape, float(self.binary_weight))
        else:
            base = 1.0 / (1.0 + np.exp(-np.clip(Z[:, index], -35, 35)))
            T = np.where(listed, 1.0, base)
            Wt = np.where(listed, float(self.binary_weight), float(self.anchor))
        use_binary = bool(Wt.any())

        def objective(theta: np.ndarray):
            D = theta[: k * N_GOALS].reshape(k, N_GOALS) * mask
            b = theta[k * N_GOALS:]
            S = Z.copy()
            S[:, index] += Z @ D.T + b
            P = _softmax(S)
            loss = ranking_loss(S, positives).sum()
            # Gradient of −log Σ_pos softmax: softmax minus softmax restricted to the positives.
            Q = np.where(positives, P, 0.0)
            Q /= Q.sum(axis=1, keepdims=True)
            G = (P - Q)[:, index]
            if use_binary:
                Sa = S[:, index]
                loss += (Wt * (np.logaddexp(0.0, Sa) - T * Sa)).sum()
                G = G + Wt * (1.0 / (1.0 + np.exp(-np.clip(Sa, -35, 35))) - T)
            loss = loss / n + self.alpha * (D * D).sum() + self.alpha * (b * b).sum()
            grad_D = (G.T @ Z) / n * mask + 2 * self.alpha * D
            grad_b = G.sum(axis=0) / n + 2 * self.alpha * b
            return loss, np.concatenate([grad_D.ravel(), grad_b])

        theta0 = np.zeros(k * (N_GOALS + 1))
        if start is not None and np.array_equal(start.active_, active):
            theta0[: k * N_GOALS] = (start.weights_[index] - np.eye(N_GOALS)[index]).ravel()
            theta0[k * N_GOALS:] = start.bias_[index]
        result = minimize(objective, theta0, jac=True, method="L-BFGS-B", options={"maxiter": self.max_iter, "ftol": self.tol})
        D = result.x[: k * N_GOALS].reshape(k, N_GOALS) * mask
        self.weights_[index] += D
        self.bias_[index] = result.x[k * N_GOALS:]
        return self

    def decision_function(self, Z: np.ndarray) -> np.ndarray:
        S = np.asarray(Z, dtype=np.float64).copy()
        if self.active_.any():
            S[:, self.active_] = Z @ self.weights_[self.active_].T + self.bias_[self.active_]
        return S
