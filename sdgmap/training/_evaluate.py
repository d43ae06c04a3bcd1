"""Evaluation figures for multi-label goal predictions (used by training and the model card)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from ..pipeline._features import N_GOALS


def label_matrix(labels: Sequence[Sequence[int]]) -> np.ndarray:
    Y = np.zeros((len(labels), N_GOALS), dtype=np.int8)
    for i, goals in enumerate(labels):
        for goal in goals:
            Y[i, goal - 1] = 1
    return Y


def calibration_error(proba: np.ndarray, Y: np.ndarray, n_bins: int = 10) -> float:
    """Expected calibration error over all (text, goal) pairs, equal-width bins."""
    p, y = proba.ravel(), Y.ravel()
    bins = np.minimum((p * n_bins).astype(int), n_bins - 1)
    error = 0.0
    for b in range(n_bins):
        mask = bins == b
        if mask.any():
            error += mask.mean() * abs(p[mask].mean() - y[mask].mean())
    return float(error)


def scores(Y: np.ndarray, decided: np.ndarray, proba: np.ndarray | None = None) -> dict:
    """Micro/macro precision, recall, F1, mean per-goal balanced accuracy, and per-goal rows.

    Macro figures average over the goals that have at least one positive.
    """
    Y, D = Y.astype(bool), decided.astype(bool)
    tp = (D & Y).sum(0).astype(float)
    fp = (D & ~Y).sum(0).astype(float)
    fn = (~D & Y).sum(0).astype(float)
    tn = (~D & ~Y).sum(0).astype(float)
    precision = np.divide(tp, tp + fp, out=np.zeros(N_GOALS), where=(tp + fp) > 0)
    recall = np.divide(tp, tp + fn, out=np.zeros(N_GOALS), where=(tp + fn) > 0)
    f1 = np.divide(2 * tp, 2 * tp + fp + fn, out=np.zeros(N_GOALS), where=(2 * tp + fp + fn) > 0)
    specificity = np.divide(tn, tn + fp, out=np.zeros(N_GOALS), where=(tn + fp) > 0)
    balanced = (recall + specificity) / 2
    present = (tp + fn) > 0
    micro_p = tp.sum() / max(tp.sum() + fp.sum(), 1)
    micro_r = tp.sum() / max(tp.sum() + fn.sum(), 1)
    result = {
        "n": int(len(Y)),
        "micro_precision": round(float(micro_p), 4),
        "micro_recall": round(float(micro_r), 4),
        "micro_f1": round(float(2 * tp.sum() / max(2 * tp.sum() + fp.sum() + fn.sum(), 1)), 4),
        "macro_precision": round(float(precision[present].mean()), 4) if present.any() else 0.0,
        "macro_recall": round(float(recall[present].mean()), 4) if present.any() else 0.0,
        "macro_f1": round(float(f1[present].mean()), 4) if present.any() else 0.0,
        "mean_balanced_accuracy": round(float(balanced[present].mean()), 4) if present.any() else 0.0,
        "goals_per_text": round(float(D.sum(1).mean()), 3) if len(D) else 0.0,
        "per_goal": {
            str(g + 1): {
                "support": int(tp[g] + fn[g]),
                "precision": round(float(precision[g]), 4),
                "recall": round(float(recall[g]), 4),
                "f1": round(float(f1[g]), 4),
                "balanced_accuracy": round(float(balanced[g]), 4),
            }
            for g in range(N_GOALS)
        },
    }
    if proba is not None:
        result["calibration_error"] = round(calibration_error(proba, Y.astype(np.int8)), 4)
    return result


def example_scores(Y: np.ndarray, decided: np.ndarray, proba: np.ndarray, main_goals: Sequence[int | None]) -> dict:
    """What a curator checks on each text: example-F1 against the annotated set, goals per
    text against the annotators', the top goal among theirs, their main goal in our top 3."""
    from sklearn.metrics import f1_score

    Y, D = np.asarray(Y, dtype=bool), np.asarray(decided, dtype=bool)
    order = np.argsort(-proba, axis=1, kind="stable")
    labelled = Y.any(axis=1)
    mains = [(i, g) for i, g in enumerate(main_goals) if g]
    return {
        "example_f1": round(float(f1_score(Y, D, average="samples", zero_division=1.0)), 4) if len(Y) else 0.0,
        "goals_per_text": round(float(D.sum(1).mean()), 3) if len(D) else 0.0,
        "annotated_goals_per_text": round(float(Y.sum(1).mean()), 3) if len(Y) else 0.0,
        "top1_in_labels": round(float(Y[np.flatnonzero(labelled), order[labelled, 0]].mean()), 4) if labelled.any() else 0.0,
        "top1_main_goal": round(float(np.mean([order[i, 0] + 1 == g for i, g in mains])), 4) if mains else 0.0,
        "top3_main_goal": round(float(np.mean([g in order[i, :3] + 1 for i, g in mains])), 4) if mains else 0.0,
        "no_goal_texts": int((~labelled).sum()),
        "no_goal_kept_empty": round(float((~D[~labelled].any(axis=1)).mean()), 4) if (~labelled).any() else None,
    }


def top_k_hit_rate(proba: np.ndarray, main_goals: Sequence[int], k: int = 3) -> float:
    """Share of texts whose main goal is among the ``k`` highest-scored goals."""
    if len(main_goals) == 0:
        return 0.0
    top = np.argsort(-proba, axis=1, kind="stable")[:, :k] + 1
    return float(np.mean([goal in row for goal, row in zip(main_goals, top)]))


def evaluate_labelled(model, texts: Sequence[str], labels: Sequence[Sequence[int]], main_goals: Sequence[int] | None = None,
                      languages: Sequence[str] | None = None, operating_point: str | None = None) -> dict:
    """Scores of ``model`` on labelled texts: multi-label figures, top-k of the main goal, language detection."""
    results = model.classify_many(list(texts), operating_point=operating_point, targets=False, evidence=False)
    proba = np.zeros((len(results), N_GOALS))
    decided = np.zeros((len(results), N_GOALS), dtype=bool)
    for i, result in enumerate(results):
        for item in result.goals:
            proba[i, item.goal - 1] = item.score
            decided[i, item.goal - 1] = item.selected
    report = scores(label_matrix(labels), decided, proba)
    if main_goals is not None:
        report["top1_main_goal"] = round(top_k_hit_rate(proba, main_goals, 1), 4)
        report["top3_main_goal"] = round(top_k_hit_rate(proba, main_goals, 3), 4)
    if languages is not None:
        report["language_accuracy"] = round(float(np.mean([r.language == lang for r, lang in zip(results, languages)])), 4)
    return report


def agreement(first: Sequence, second: Sequence) -> dict:
    """How often two lists of results (same texts in two languages) make the same goal decisions."""
    same_goal = same_set = same_top = 0
    for a, b in zip(first, second):
        same_goal += sum((g in a.sdgs) == (g in b.sdgs) for g in range(1, N_GOALS + 1))
        same_set += set(a.sdgs) == set(b.sdgs)
        same_top += a.goals[0].goal == b.goals[0].goal
    n = max(len(first), 1)
    return {
        "goal_decision_agreement": round(same_goal / (n * N_GOALS), 4),
        "same_goal_set": round(same_set / n, 4),
        "same_top_goal": round(same_top / n, 4),
    }


def evidence_faithfulness(model, texts: Sequence[str]) -> dict:
    """How often deleting a goal's top phrase (or sentence) lowers its score; offsets checked."""
    counts = {"phrase": [0, 0], "sentence": [0, 0]}
    exact = total = 0
    for text, result in zip(texts, model.classify_many(texts, evidence=True)):
        for evidence in result.evidence:
            total += 1
            exact += text[evidence.start : evidence.end] == evidence.text
        for goal in result.sdgs:
            for kind in counts:
                spans = [e for e in result.evidence if e.goal == goal and e.kind == kind]
                if not spans:
                    continue
                top = max(spans, key=lambda e: e.weight)
                without = text[: top.start] + text[top.end :]
                counts[kind][1] += 1
                counts[kind][0] += model.classify(without, language=result.language, targets=False).score(goal) < result.score(goal)
    report: dict[str, float | int | str] = {f"{kind}_drop_rate": round(hit / max(n, 1), 4) for kind, (hit, n) in counts.items()}
    report.update({f"{kind}_cases": n for kind, (_, n) in counts.items()})
    report["exact_offsets"] = f"{exact}/{total}"
    return report
