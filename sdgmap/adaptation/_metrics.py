"""Before/after figures on curated rows: hit@1, hit@3, example-F1, goals per text, per goal."""

from __future__ import annotations

import numpy as np

from ..pipeline._adapter import N_GOALS


def top_goals(proba: np.ndarray, k: int) -> np.ndarray:
    """Column indices of the ``k`` highest scores per row (stable order on ties)."""
    return np.argsort(-proba, axis=1, kind="stable")[:, :k]


def hits(proba: np.ndarray, positives: np.ndarray, main: np.ndarray, k: int, complete: bool) -> np.ndarray:
    """Per row: is the main goal (``complete``: any listed goal) among the top ``k``?"""
    top = top_goals(proba, k)
    if complete:
        return np.take_along_axis(positives, top, axis=1).any(axis=1)
    return (top == main[:, None]).any(axis=1)


def example_f1(decided: np.ndarray, positives: np.ndarray) -> np.ndarray:
    """Per row F1 between the asserted goals and the listed goals (0 when nothing is asserted)."""
    overlap = (decided & positives).sum(axis=1)
    size = decided.sum(axis=1) + positives.sum(axis=1)
    return np.where(size > 0, 2 * overlap / np.maximum(size, 1), 0.0)


def summary(proba: np.ndarray, decided: np.ndarray, positives: np.ndarray, main: np.ndarray, complete: bool) -> dict:
    return {
        "hit_at_1": float(hits(proba, positives, main, 1, complete).mean()),
        "hit_at_3": float(hits(proba, positives, main, 3, complete).mean()),
        "example_f1": float(example_f1(decided, positives).mean()),
        "goals_per_text": float(decided.sum(axis=1).mean()),
    }


def per_goal(before: np.ndarray, after: np.ndarray, main: np.ndarray) -> list[dict]:
    """For each goal: its rows (as main goal), how often it is their top goal, and how often
    it is the top goal of any row, before and after."""
    top_before, top_after = top_goals(before, 1)[:, 0], top_goals(after, 1)[:, 0]
    n = max(len(main), 1)
    out = []
    for g in range(N_GOALS):
        rows = main == g
        count = int(rows.sum())
        out.append({
            "goal": g + 1,
            "curated_rows": count,
            "top1_before": float((top_before[rows] == g).mean()) if count else None,
            "top1_after": float((top_after[rows] == g).mean()) if count else None,
            "top_share_before": float((top_before == g).sum() / n),
            "top_share_after": float((top_after == g).sum() / n),
        })
    return out
