"""``adapt``: follow a platform's tagging conventions, learned on top of the base model.

The base model is only asked for its calibrated probabilities (``predict_proba``); the
adapter (:class:`sdgmap.pipeline._adapter.Adapter`) maps their logits through a per-goal head
fitted on the curated rows (:class:`HeadFit`). Everything after that (the CV, the choice of
regularisation) works on a 17-column matrix, so it takes well under a second beyond the time
the base model needs to read the texts.
"""

from __future__ import annotations

import contextlib
import copy
import re
import time
import warnings
from collections import Counter
from collections.abc import Sequence

import numpy as np

from ..errors import Warnings
from ..lang import get_language, registered_languages
from ..pipeline._adapter import N_GOALS, Adapter, logit
from ..pipeline._scoring import DEFAULT_OPERATING_POINT
from . import _metrics
from ._fit import HeadFit, ranking_loss
from ._labels import check_curated, curated_sha256
from ._report import AdaptationReport, AdaptationScores, GoalAdaptation

# Candidate pulls toward the base model, strongest first; cross-validation picks one (or none).
ALPHAS = (1.0, 0.3, 0.1, 0.03, 0.003)
SMALL_SET = 100
TUNING_ROWS = 800
ONE_SIDED_SHARE = 0.5
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


def adapt(
    model,
    texts: Sequence[str],
    labels: Sequence[object],
    *,
    label_kind: str = "main",
    ids: Sequence[object] | None = None,
    language: str | None = None,
    head: str = "full",
    alpha: float | None = None,
    min_examples: int = 5,
    folds: int = 5,
    operating_point: str | None = None,
    random_state: int = 0,
):
    """Adapt ``model`` to a platform's curated tags; return ``(adapted_model, report)``.

    Parameters
    ----------
    model : SDGModel
        The base model (if it already has an adapter, the new one replaces it: W074).
    texts : sequence of str
        Curated initiative descriptions.
    labels : sequence
        Per row, goal numbers: ``[10, 1]`` or a string ``"10;1"``, ``"10, 1"``, ``"10 | 1"``.
    label_kind : {"main", "complete"}
        ``"main"`` (default): the first goal is the main one and goals not listed are
        unknown, not negatives. ``"complete"``: the listed goals are every goal served.
    head : {"full", "diagonal", "bias"}
        What each goal's head reads: all 17 base logits (default), its own logit, or
        nothing (a bias shift only).
    alpha : float, optional
        Pull toward the base model; default: chosen by cross-validation among
        ``ALPHAS``, or no change at all if none beats the base model.
    min_examples : int
        A goal needs this many curated rows (as main goal; ``complete``: as positives and
        as negatives) to be adapted; the others keep the base score exactly. With ``main``
        labels, a goal the platform never uses while the base model ranks it first on at
        least this many rows is adapted too: the platform's silence is its convention.
    folds : int
        Cross-validation folds for the report (at most one per row of the rarest goal used).

    Returns
    -------
    (SDGModel, AdaptationReport)
        A new model (the base is not changed) with the adapter, and the cross-validated
        before/after figures. Save it with :func:`sdgmap.save_adapted`.
    """
    started = time.time()
    texts, goals, ids = check_curated(texts, labels, ids, label_kind)
    complete = label_kind == "complete"
    notes = _check_set(texts, goals, ids, language)
    base = model
    if getattr(model, "adapter", None) is not None:
        warnings.warn(Warnings.W074, stacklevel=2)
        base = copy.copy(model)
        base.adapter = None
    point = operating_point or getattr(base, "operating_point", DEFAULT_OPERATING_POINT)

    proba = np.asarray(base.predict_proba(texts, language=language), dtype=np.float64)
    Z = logit(proba)
    positives = np.zeros((len(texts), N_GOALS), dtype=bool)
    for i, g in enumerate(goals):
        positives[i, [x - 1 for x in g]] = True
    main = np.array([g[0] - 1 for g in goals])
    settings = dict(head=head, alpha=alpha, min_examples=min_examples, complete=complete)

    # Honest figures: every row scored by an adapter fitted (and tuned) without it.
    fold_of = _folds(main, folds if len(texts) <= 2 * TUNING_ROWS else min(folds, 3), random_state)
    n_folds = int(fold_of.max()) + 1
    after = proba.copy()
    with _one_thread():
        for f in range(n_folds):
            train, test = fold_of != f, fold_of == f
            fit = _fit(Z[train], positives[train], main[train], random_state=random_state, **settings)
            after[test] = _proba(fit, Z[test])
        final = _fit(Z, positives, main, random_state=random_state, **settings)

    decide = _decider(base, point)
    before_scores = _metrics.summary(proba, decide(proba), positives, main, complete)
    after_scores = _metrics.summary(after, decide(after), positives, main, complete)
    gain_rows = (_metrics.hits(after, positives, main, 1, complete).astype(float)
                 - _metrics.hits(proba, positives, main, 1, complete))
    gain3_rows = (_metrics.hits(after, positives, main, 3, complete).astype(float)
                  - _metrics.hits(proba, positives, main, 3, complete))
    gain, se = float(gain_rows.mean()), float(gain_rows.std(ddof=1) / np.sqrt(len(gain_rows)))
    se3 = float(gain3_rows.std(ddof=1) / np.sqrt(len(gain3_rows)))
    helped = bool(gain > 2 * se and gain > 0 and gain3_rows.mean() >= -max(se3, 1e-9))
    if not helped:
        notes.append(Warnings.W073.format(before=before_scores["hit_at_1"], after=after_scores["hit_at_1"],
                                          before3=before_scores["hit_at_3"], after3=after_scores["hit_at_3"]))
    for note in notes:
        warnings.warn(note, UserWarning, stacklevel=2)

    meta = getattr(base, "meta", {}) or {}
    digest = curated_sha256(texts, goals, label_kind)
    active = final.active_ if final is not None else np.zeros(N_GOALS, dtype=bool)
    per_goal = _metrics.per_goal(proba, after, main)
    report = AdaptationReport(
        label_kind=label_kind,
        rows=len(texts),
        folds=n_folds,
        head=head,
        alpha=final.alpha if final is not None else None,
        operating_point=point,
        before=AdaptationScores(**before_scores),
        after=AdaptationScores(**after_scores),
        hit_at_1_gain=gain,
        hit_at_1_gain_se=se,
        helped=helped,
        verdict=_verdict(helped, gain, se, before_scores, after_scores),
        adapted_goals=tuple(int(g) + 1 for g in np.flatnonzero(active)),
        goals=tuple(GoalAdaptation(adapted=bool(active[row["goal"] - 1]), **row) for row in per_goal),
        warnings=tuple(notes),
        base_model=str(meta.get("name", "sdgmap")),
        base_sha256=str(meta.get("sha256", "")),
        curated_sha256=digest,
        seconds=round(time.time() - started, 3),
    )
    info = {
        "label_kind": label_kind, "head": head, "alpha": report.alpha, "rows": len(texts),
        "curated_rows_per_goal": [int((main == g).sum()) for g in range(N_GOALS)],
        "listed_rows_per_goal": [int(positives[:, g].sum()) for g in range(N_GOALS)],
        "curated_sha256": digest, "base_model": report.base_model, "base_sha256": report.base_sha256,
    }
    adapter = (Adapter(final.weights_, final.bias_, final.active_, info) if final is not None
               else Adapter.identity(info))
    adapted = copy.copy(base)
    adapted.adapter = adapter
    adapted.meta = _adapted_meta(meta, report)
    return adapted, report


@contextlib.contextmanager
def _one_thread():
    """Small matrices: a multi-threaded BLAS spends more time handing off than computing
    (measured: 10-20x slower fits on 2 cores). Limit it while fitting, if threadpoolctl is there."""
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:
        yield
        return
    with threadpool_limits(limits=1, user_api="blas"):
        yield


def _fit(Z, positives, main, *, head, alpha, min_examples, complete, random_state) -> HeadFit | None:
    """The head for these rows, its alpha chosen by inner cross-validation (None: keep the base)."""
    active = _active(Z, positives, main, min_examples, complete)
    if not active.any():
        return None
    if alpha is not None:
        return HeadFit(alpha=alpha, head=head).fit(Z, positives, active, complete=complete)
    # Choosing alpha needs no more than TUNING_ROWS rows (a stratified sample): keeps 5,000 rows fast.
    sample = _sample(main, TUNING_ROWS, random_state)
    Zs, Ps, inner = Z[sample], positives[sample], _folds(main[sample], 3, random_state + 1)
    n_inner = int(inner.max()) + 1
    losses = {None: float(ranking_loss(Zs, Ps).mean())}
    held_out = {a: np.empty(len(Zs)) for a in ALPHAS}
    starts = {}
    for f in range(n_inner):
        train, test = inner != f, inner == f
        fit = None
        for a in ALPHAS:  # strongest pull first, each fit starting from the previous one
            fit = HeadFit(alpha=a, head=head).fit(Zs[train], Ps[train], active, complete=complete, start=fit)
            held_out[a][test] = ranking_loss(fit.decision_function(Zs[test]), Ps[test])
            starts[a] = fit
    losses.update({a: float(loss.mean()) for a, loss in held_out.items()})
    best = min(losses, key=lambda a: (losses[a], -(a or np.inf)))
    if best is None:
        return None
    return HeadFit(alpha=best, head=head).fit(Z, positives, active, complete=complete, start=starts[best])


def _active(Z, positives, main, min_examples: int, complete: bool) -> np.ndarray:
    if complete:
        count = positives.sum(axis=0)
        return (count >= min_examples) & (len(Z) - count >= min_examples)
    count = np.bincount(main, minlength=N_GOALS)
    active = count >= min_examples
    # A goal the platform never uses although the base ranks it first on many rows.
    base_top = np.bincount(np.argmax(Z, axis=1), minlength=N_GOALS)
    active |= (positives.sum(axis=0) == 0) & (base_top >= min_examples)
    return active


def _proba(fit: HeadFit | None, Z: np.ndarray) -> np.ndarray:
    S = Z if fit is None else fit.decision_function(Z)
    return 1.0 / (1.0 + np.exp(-np.clip(S, -35, 35)))


def _sample(main: np.ndarray, size: int, seed: int) -> np.ndarray:
    """Row indices: all of them, or ``size`` rows drawn in proportion to each main goal."""
    if len(main) <= size:
        return np.arange(len(main))
    rng = np.random.default_rng(seed)
    return np.sort(rng.permutation(len(main))[:size])


def _folds(main: np.ndarray, folds: int, seed: int) -> np.ndarray:
    """Fold number per row, stratified by main goal (each goal's rows dealt out in turn)."""
    rng = np.random.default_rng(seed)
    n = len(main)
    folds = max(2, min(folds, n // 2))
    fold_of = np.empty(n, dtype=int)
    order = rng.permutation(n)
    position = 0
    for g in np.unique(main):
        members = order[main[order] == g]
        fold_of[members] = (position + np.arange(len(members))) % folds
        position += len(members)
    return fold_of


def _decider(model, point: str):
    scorer = getattr(model, "scorer", None)
    if scorer is not None and hasattr(scorer, "decide"):
        return lambda proba: scorer.decide(proba, point) & (proba > 0)
    return lambda proba: proba >= 0.5


def _check_set(texts, goals, ids, language) -> list[str]:
    notes = []
    n = len(texts)
    if n < SMALL_SET:
        notes.append(Warnings.W070.format(n=n))
    goal, count = Counter(g[0] for g in goals).most_common(1)[0]
    if count / n > ONE_SIDED_SHARE:
        notes.append(Warnings.W071.format(goal=goal, share=count / n))
    if language is None:
        unread = [row for row, text in zip(ids, texts) if not _reads(text)]
        if unread:
            notes.append(Warnings.W072.format(n=len(unread), languages=" or ".join(registered_languages()),
                                              row=unread[0]))
    return notes


def _reads(text: str) -> bool:
    """False for a text of 6+ words with almost none of the registered languages' function words."""
    words = _WORD.findall(text.lower().replace("’", "'"))
    if len(words) < 6:
        return True
    known = set().union(*(get_language(code).function_words for code in registered_languages()))
    return sum(word in known for word in words) / len(words) >= 0.08


def _verdict(helped: bool, gain: float, se: float, before: dict, after: dict) -> str:
    change = f"hit@1 {before['hit_at_1']:.3f} -> {after['hit_at_1']:.3f} ({gain:+.3f} ± {se:.3f})"
    if helped:
        return f"Adaptation helped on held-out curated rows: {change}, hit@3 {before['hit_at_3']:.3f} -> {after['hit_at_3']:.3f}."
    return f"Adaptation did not clearly help: {change}, hit@3 {before['hit_at_3']:.3f} -> {after['hit_at_3']:.3f}."


def _adapted_meta(meta: dict, report: AdaptationReport) -> dict:
    out = copy.deepcopy({k: v for k, v in meta.items() if k != "sha256"})
    base_name = str(meta.get("name", "sdgmap"))
    out["name"] = f"{base_name}-adapted"
    out["adapted_from"] = {"name": base_name, "sha256": report.base_sha256, "version": meta.get("version")}
    out["adaptation"] = report.model_dump(mode="json", exclude={"goals"})
    return out
