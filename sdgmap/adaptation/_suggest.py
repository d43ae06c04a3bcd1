"""``suggest``: the uncurated rows whose curation would teach the adapter most.

Three signals, each in [0, 1]:

- *uncertainty*: the two best goals are nearly tied (``1 − (p1 − p2) / p1``);
- *disagreement*: the adapted model moved the row away from the base model (total variation
  between the softmax of their logits): the platform's conventions are at work there, and
  one more curated row says whether they were learned right; 0 without an adapter;
- *rarity*: its likely goals have few curated rows (``1 / (1 + rows / 5)``, averaged over
  the two best goals); 1 for every row when the model was never adapted.

The score is their sum (rarity counts half). Rows are then picked greedily, each pick of
the same top goal discounting the next one by 15 %, so that 50 suggestions are not 50 rows
about one goal.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence

import numpy as np

from ..errors import Errors
from ..pipeline._adapter import N_GOALS, logit
from ._report import Suggestion

_SAME_GOAL_DISCOUNT = 0.85
_RARE = 5


def suggest(model, texts: Sequence[str], *, n: int = 50, ids: Sequence[object] | None = None,
            language: str | None = None) -> list[Suggestion]:
    """Rank ``texts`` by how much curating them would teach the model; return the best ``n``.

    ``model`` is an adapted model (from :func:`adapt` or a saved folder) or the base model.
    Empty texts are never suggested.
    """
    if isinstance(texts, (str, bytes)):
        raise TypeError(Errors.E052.format(type=type(texts).__name__))
    texts = list(texts)
    ids = [str(i) for i in ids] if ids is not None else [str(k) for k in range(1, len(texts) + 1)]
    if len(ids) != len(texts):
        raise ValueError(Errors.E074.format(reason=f"{len(texts)} texts but {len(ids)} ids"))
    if not texts or n <= 0:
        return []
    proba = np.asarray(model.predict_proba(texts, language=language), dtype=np.float64)
    adapter = getattr(model, "adapter", None)
    if adapter is not None:
        base = copy.copy(model)
        base.adapter = None
        base_proba = np.asarray(base.predict_proba(texts, language=language), dtype=np.float64)
        counts = np.asarray(adapter.info.get("curated_rows_per_goal", [0] * N_GOALS), dtype=float)
    else:
        base_proba, counts = proba, None
    order = np.argsort(-proba, axis=1, kind="stable")
    p1 = np.take_along_axis(proba, order[:, :1], axis=1)[:, 0]
    p2 = np.take_along_axis(proba, order[:, 1:2], axis=1)[:, 0]
    uncertainty = np.where(p1 > 0, 1.0 - (p1 - p2) / np.maximum(p1, 1e-12), 0.0)
    disagreement = 0.5 * np.abs(_softmax(logit(proba)) - _softmax(logit(base_proba))).sum(axis=1)
    if counts is None:
        rarity = np.ones(len(texts))
    else:
        rarity = (1.0 / (1.0 + counts[order[:, :2]] / _RARE)).mean(axis=1)
    score = uncertainty + disagreement + 0.5 * rarity
    score[p1 <= 0] = -np.inf  # nothing to read
    base_top = np.argmax(base_proba, axis=1)

    chosen: list[int] = []
    picked = np.zeros(N_GOALS)
    current = score.copy()
    top = order[:, 0]
    while len(chosen) < min(n, len(texts)):
        adjusted = current * _SAME_GOAL_DISCOUNT ** picked[top]
        best = int(np.argmax(adjusted))
        if not np.isfinite(adjusted[best]):
            break
        chosen.append(best)
        picked[top[best]] += 1
        current[best] = -np.inf

    out = []
    for rank, i in enumerate(chosen, 1):
        goals = tuple(int(g) + 1 for g in order[i, :3])
        reasons = []
        if uncertainty[i] >= 0.7:
            reasons.append(f"top two goals nearly tied ({goals[0]} vs {goals[1]})")
        if adapter is not None and base_top[i] != order[i, 0]:
            reasons.append(f"the platform's conventions moved it from goal {base_top[i] + 1} to goal {goals[0]}")
        elif disagreement[i] >= 0.2:
            reasons.append("the adapted model reads it differently from the base model")
        if counts is not None and counts[order[i, 0]] < _RARE:
            reasons.append(f"goal {goals[0]} has only {int(counts[order[i, 0]])} curated row(s)")
        out.append(Suggestion(
            id=ids[i], rank=rank, score=round(float(score[i]), 6), top_goals=goals,
            uncertainty=float(np.clip(uncertainty[i], 0, 1)), disagreement=float(np.clip(disagreement[i], 0, 1)),
            rarity=float(np.clip(rarity[i], 0, 1)), reasons=tuple(reasons) or ("uncertain overall",),
        ))
    return out


def _softmax(S: np.ndarray) -> np.ndarray:
    E = np.exp(S - S.max(axis=1, keepdims=True))
    return E / E.sum(axis=1, keepdims=True)
