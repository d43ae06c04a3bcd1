"""scikit-learn estimators that fit the feature space and the goal scorer.

They are only needed to train; a fitted model runs on the plain state they produce
(:class:`FeatureSpace`, :class:`LinearScorer`), which loads without scikit-learn or pickle.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence

import numpy as np
from joblib import Parallel, delayed
from scipy import sparse
from sklearn.base import BaseEstimator, ClassifierMixin, TransformerMixin
from sklearn.linear_model import LogisticRegression
from sklearn.utils.validation import check_is_fitted

from ..lexicon import Lexicon
from ..pipeline._features import N_GOALS, FeatureSpace, grams
from ..pipeline._scoring import DEFAULT_OPERATING_POINT, OPERATING_POINTS, LinearScorer, check_operating_point, decide
from ..pipeline._text import ProcessedText


class SDGVectorizer(TransformerMixin, BaseEstimator):
    """Fits a :class:`FeatureSpace` on processed texts.

    Parameters
    ----------
    ngram_max : int
        Longest content-word n-gram.
    min_df, max_df : int, float
        Keep n-grams seen in at least ``min_df`` documents and at most a ``max_df`` share.
    max_features : int
        Keep the most frequent n-grams up to this many.
    lexicon : Lexicon or None
        Adds one column per goal and per lexicon entry (language-independent features).
    lexicon_weight : float
        Scale of the lexicon columns relative to the unit-norm n-gram part.
    vector_languages : tuple of str
        Languages read also through their word vectors (``lang`` registry ``vectors``).
    vector_weight : float
        Scale of the unit-length word-vector block.
    """

    def __init__(self, ngram_max=2, min_df=2, max_df=0.5, max_features=150_000, lexicon=None, lexicon_weight=0.5,
                 vector_languages=(), vector_weight=1.0):
        self.ngram_max = ngram_max
        self.min_df = min_df
        self.max_df = max_df
        self.max_features = max_features
        self.lexicon = lexicon
        self.lexicon_weight = lexicon_weight
        self.vector_languages = vector_languages
        self.vector_weight = vector_weight

    def fit(self, X: Sequence[ProcessedText], y=None):
        df: Counter[str] = Counter()
        for doc in X:
            df.update(set(grams(doc, self.ngram_max)))
        n_docs = len(X)
        max_count = self.max_df * n_docs if isinstance(self.max_df, float) else self.max_df
        kept = [(gram, count) for gram, count in df.items() if self.min_df <= count <= max_count]
        kept.sort(key=lambda item: (-item[1], item[0]))
        kept = sorted(kept[: self.max_features])
        vocabulary = {gram: i for i, (gram, _) in enumerate(kept)}
        idf = np.array([math.log((1 + n_docs) / (1 + count)) + 1 for _, count in kept])
        entry_goals = [entry.goal for entry in self.lexicon.entries] if isinstance(self.lexicon, Lexicon) else []
        self.space_ = FeatureSpace(vocabulary, idf, entry_goals, self.ngram_max, self.lexicon_weight,
                                   tuple(self.vector_languages), self.vector_weight)
        self.n_features_out_ = self.space_.n_features
        return self

    def transform(self, X: Sequence[ProcessedText]):
        check_is_fitted(self, "space_")
        return self.space_.transform(X)

    def get_feature_names_out(self, input_features=None):
        check_is_fitted(self, "space_")
        return np.asarray(self.space_.feature_names(), dtype=object)


class SDGClassifier(ClassifierMixin, BaseEstimator):
    """One logistic regression per goal, calibrated and given its operating points on
    held-out, completely labelled texts.

    Training labels are partial (authors tag their main goals), so calibration and decision
    rules fitted on them would make the model assert too many goals on everything else:
    :meth:`calibrate` fits them on texts whose every goal was annotated, in the register
    the model is for (as scikit-learn's ``CalibratedClassifierCV(cv="prefit")`` does).

    Parameters
    ----------
    C : float
        Inverse regularisation strength of each goal's logistic regression.
    class_weight : "balanced" or None
        Re-weight positives so that rare goals are not drowned by negatives.
    operating_point : str
        Default decision rule for :meth:`predict` (see ``sdgmap.OPERATING_POINTS``).
    n_jobs : int or None
        Goals fitted in parallel (joblib).
    random_state : int
        Seed of the solver (training is deterministic given it).

    Attributes
    ----------
    classes_ : ndarray of shape (17,)
        Goal numbers 1..17.
    coef_, intercept_ : ndarrays
        The per-goal linear models.
    scorer_ : LinearScorer
        Weights, calibration and operating points (after :meth:`calibrate`).
    calibration_report_ : dict
        The held-out figures behind each operating point.
    """

    def __init__(self, C=4.0, class_weight="balanced", operating_point=DEFAULT_OPERATING_POINT, n_jobs=None,
                 random_state=0):
        self.C = C
        self.class_weight = class_weight
        self.operating_point = operating_point
        self.n_jobs = n_jobs
        self.random_state = random_state

    def fit(self, X, Y, sample_weight=None):
        """Fit on features ``X`` and a (n_samples, 17) 0/1 label matrix ``Y``.

        ``sample_weight`` may be (n_samples,) or (n_samples, 17). Until :meth:`calibrate`,
        probabilities are the raw logistic ones and each point asserts goals over 0.5.
        """
        Y = np.asarray(Y, dtype=np.int8)
        if Y.ndim != 2 or Y.shape[1] != N_GOALS:
            raise ValueError(f"Y must have shape (n_samples, {N_GOALS}), got {Y.shape}")
        weights = np.ones(Y.shape) if sample_weight is None else np.asarray(sample_weight, dtype=np.float64)
        if weights.ndim == 1:
            weights = np.repeat(weights[:, None], N_GOALS, axis=1)
        X = sparse.csr_matrix(X)
        X.sum_duplicates()
        X.sort_indices()
        fitted = Parallel(n_jobs=self.n_jobs)(
            delayed(self._fit_goal)(X, Y[:, g], weights[:, g]) for g in range(N_GOALS)
        )
        self.coef_ = np.vstack([coef for coef, _ in fitted])
        self.intercept_ = np.array([intercept for _, intercept in fitted])
        self.classes_ = np.arange(1, N_GOALS + 1)
        self.n_features_in_ = X.shape[1]
        self.scorer_ = LinearScorer(self.coef_, self.intercept_, np.tile([1.0, 0.0], (N_GOALS, 1)),
                                    {name: np.full(N_GOALS, 0.5) for name in OPERATING_POINTS})
        return self

    def _fit_goal(self, X, y, w) -> tuple[np.ndarray, float]:
        if y.min() == y.max():  # a goal absent from a small corpus: never predicted
            return np.zeros(X.shape[1]), -10.0
        model = LogisticRegression(C=self.C, class_weight=self.class_weight, solver="liblinear", max_iter=1000,
                                   random_state=self.random_state)
        model.fit(X, y, sample_weight=w)
        return model.coef_[0], float(model.intercept_[0])

    def calibrate(self, X, Y, lengths, select=None, reports=None, main_goals=None):
        """Fit the calibration on held-out, completely labelled rows, then the operating points.

        ``lengths`` is log(1 + content words) per row. Calibration uses all rows. ``select``
        (boolean mask) picks the rows in the register the model is for (initiative blurbs),
        ``reports`` the report sentences and abstracts, with ``main_goals`` (goal number per
        row, 0 for none); the operating points are chosen on them (:func:`choose_operating_points`).
        """
        check_is_fitted(self, "coef_")
        Y = np.asarray(Y, dtype=np.int8)
        lengths = np.asarray(lengths, dtype=np.float64)
        margins = self.scorer_.margins(X)
        calibration = np.array([_length_platt(margins[:, g], lengths, Y[:, g]) for g in range(N_GOALS)])
        scorer = LinearScorer(self.coef_, self.intercept_, calibration, {name: np.full(N_GOALS, 0.5) for name in OPERATING_POINTS})
        proba = scorer.calibrate(margins, lengths)
        chosen = np.ones(len(Y), dtype=bool) if select is None else np.asarray(select, dtype=bool)
        reports = np.zeros(len(Y), dtype=bool) if reports is None else np.asarray(reports, dtype=bool)
        if reports.any() and main_goals is not None:
            report_rows = (proba[reports], np.asarray(main_goals)[reports])
        else:
            report_rows = None
        rules, self.calibration_report_ = choose_operating_points(proba[chosen], Y[chosen], report_rows)
        thresholds = {name: np.full(N_GOALS, t) for name, (t, _, _) in rules.items()}
        self.scorer_ = LinearScorer(self.coef_, self.intercept_, calibration, thresholds,
                                    {name: (ratio, floor) for name, (_, ratio, floor) in rules.items()})
        return self

    def predict_proba(self, X, lengths=None):
        check_is_fitted(self, "scorer_")
        return self.scorer_.predict_proba(X, lengths)

    def predict(self, X, lengths=None):
        check_is_fitted(self, "scorer_")
        point = check_operating_point(self.operating_point, self.scorer_.thresholds)
        return self.scorer_.decide(self.predict_proba(X, lengths), point).astype(np.int8)


def _length_platt(margins: np.ndarray, lengths: np.ndarray, y: np.ndarray) -> tuple[float, float, float, float]:
    """Per-goal sigmoid on (margin, margin × log-length, log-length); mild L2 keeps it sane
    for goals with few held-out positives."""
    if y.min() == y.max():
        return (1.0, 0.0, 0.0, 0.0 if y.max() else -10.0)
    features = np.column_stack([margins, margins * lengths, lengths])
    model = LogisticRegression(C=1.0, solver="lbfgs", max_iter=1000).fit(features, y)
    slope, slope_per_length, per_length = (float(c) for c in model.coef_[0])
    return slope, slope_per_length, per_length, float(model.intercept_[0])


# The decision rules tried: (threshold, ratio to the best goal, floor of the best goal).
_GRID = [(t, r, f) for t in (0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.7)
         for r in (0.0, 0.2, 0.35, 0.5, 0.65) for f in (0.0, 0.1, 0.2, 0.3, 0.4, 0.5)]
# Goals per blurb the default may assert: careful annotators give 1.5 to 2.5 on short blurbs.
_DEFAULT_GOALS_PER_TEXT = (1.6, 3.2)


def choose_operating_points(
    proba: np.ndarray, Y: np.ndarray, reports: tuple[np.ndarray, np.ndarray] | None = None
) -> tuple[dict[str, tuple[float, float, float]], dict]:
    """Nested decision rules chosen on held-out, completely labelled rows.

    ``balanced`` (the default) serves two readers: a curator, who keeps the goals a blurb
    serves (example-F1 on the blurbs ``proba``/``Y``), and a per-goal benchmark, which asks
    whether each goal is asserted on texts whose main goal it is and not on the others
    (mean of recall and specificity on ``reports = (proba, main_goals)``, report sentences
    and abstracts). It has the best mean of the two among rules that assert 1.6 to 3.2 goals
    per blurb (without ``reports``: the best example-F1). ``recall`` is the best example-F2
    among rules that assert at least as much, ``f1`` the best micro-F1 and ``precision`` the
    best example-F0.5 among rules that assert at most as much, so each point's goals contain
    the next one's.
    """
    figures = {rule: _rule_figures(proba, Y, *rule) for rule in _GRID}
    if reports is not None:
        for rule, entry in figures.items():
            entry["report_balanced_accuracy"] = _main_goal_balanced_accuracy(reports[0], reports[1], *rule)
    low, high = _DEFAULT_GOALS_PER_TEXT
    allowed = [rule for rule, f in figures.items() if low <= f["goals_per_text"] <= high] or list(_GRID)

    def merit(rule):
        entry = figures[rule]
        both = entry["example_f1"] if reports is None else (entry["example_f1"] + entry["report_balanced_accuracy"]) / 2
        return (round(both, 4), rule)

    balanced = max(allowed, key=merit)

    def looser(a, b):
        return all(x <= y for x, y in zip(a, b))

    recall = max((rule for rule in _GRID if looser(rule, balanced)), key=lambda rule: (figures[rule]["example_f2"], rule))
    f1 = max((rule for rule in _GRID if looser(balanced, rule)), key=lambda rule: (figures[rule]["micro_f1"], rule))
    precision = max((rule for rule in _GRID if looser(f1, rule)), key=lambda rule: (figures[rule]["example_f05"], rule))
    rules = {"recall": recall, "balanced": balanced, "f1": f1, "precision": precision}
    report: dict[str, object] = {
        name: {"rule": dict(zip(("threshold", "ratio", "floor"), rule)), **figures[rule]} for name, rule in rules.items()
    }
    report["annotated_goals_per_text"] = round(float(Y.sum(1).mean()), 3)
    return rules, report


def _main_goal_balanced_accuracy(proba: np.ndarray, main_goals: np.ndarray, threshold: float, ratio: float, floor: float) -> float:
    """Per goal with 3+ texts whose main goal it is: mean of recall on them and specificity on
    the texts whose main goal it is not; averaged over goals."""
    decided = decide(proba, np.full(N_GOALS, threshold), ratio, floor)
    values = []
    for g in range(N_GOALS):
        positive = main_goals == g + 1
        if positive.sum() >= 3:
            values.append((decided[positive, g].mean() + 1.0 - decided[~positive, g].mean()) / 2)
    return round(float(np.mean(values)), 4) if values else 0.0


def _rule_figures(proba: np.ndarray, Y: np.ndarray, threshold: float, ratio: float, floor: float) -> dict:
    decided = decide(proba, np.full(N_GOALS, threshold), ratio, floor)
    Y = Y.astype(bool)
    hits = (decided & Y).sum(1).astype(float)
    said, true = decided.sum(1).astype(float), Y.sum(1).astype(float)

    def example_f(beta2: float) -> float:
        denominator = beta2 * true + said
        score = np.where(denominator > 0, (1 + beta2) * hits / np.maximum(denominator, 1e-12), 1.0)
        return round(float(score.mean()), 4)

    tp, fp, fn = hits.sum(), (said - hits).sum(), (true - hits).sum()
    return {
        "example_f1": example_f(1.0),
        "example_f2": example_f(4.0),
        "example_f05": example_f(0.25),
        "micro_f1": round(float(2 * tp / max(2 * tp + fp + fn, 1)), 4),
        "goals_per_text": round(float(said.mean()), 3),
    }


class TargetClassifier(BaseEstimator):
    """Per goal, a softmax over the goal's targets, learned from annotated (text, target) pairs.

    Parameters
    ----------
    C : float
        Inverse regularisation strength of each goal's multinomial logistic regression.
    keep : float
        Share of the largest weights kept (the rest set to zero): a small sparse file.
    min_share : float
        Targets under this share of their goal are not reported.
    n_jobs : int or None
        Goals fitted in parallel (joblib).

    Attributes
    ----------
    index_ : TargetIndex
    """

    def __init__(self, C=4.0, keep=0.2, min_share=0.1, n_jobs=None):
        self.C = C
        self.keep = keep
        self.min_share = min_share
        self.n_jobs = n_jobs

    def fit(self, X, targets: Sequence[Sequence[str]], ids: Sequence[str]):
        """``targets[i]`` are the annotated targets of row ``i``; ``ids`` all 169 target ids."""
        from ..pipeline._targets import TargetIndex

        X = sparse.csr_matrix(X)
        ids = list(ids)
        weights = np.zeros((len(ids), X.shape[1]))
        intercepts = np.full(len(ids), -10.0)  # never annotated: never first
        pairs = {goal: [(i, t) for i, found in enumerate(targets) for t in found if int(t.split(".")[0]) == goal]
                 for goal in range(1, N_GOALS + 1)}
        fitted = Parallel(n_jobs=self.n_jobs)(delayed(self._fit_goal)(X, found) for found in pairs.values())
        for rows in fitted:
            for target, coef, intercept in rows:
                intercepts[ids.index(target)] = intercept
                if coef is not None:
                    weights[ids.index(target)] = coef
        nonzero = np.abs(weights[weights != 0])
        if len(nonzero):
            weights[np.abs(weights) < np.quantile(nonzero, 1.0 - self.keep)] = 0.0
        self.index_ = TargetIndex(ids, sparse.csr_matrix(weights), intercepts, self.min_share)
        return self

    def _fit_goal(self, X, pairs) -> list[tuple[str, np.ndarray | None, float]]:
        """(target, weights, intercept) of one goal's targets; one seen target is the default."""
        labels = sorted({t for _, t in pairs})
        if len(labels) < 2:
            return [(labels[0], None, 0.0)] if labels else []
        model = LogisticRegression(C=self.C, max_iter=500).fit(X[[i for i, _ in pairs]], [t for _, t in pairs])
        if len(model.classes_) == 2:  # one row of weights: log-odds of the second class
            return [(model.classes_[0], None, 0.0), (model.classes_[1], model.coef_[0], float(model.intercept_[0]))]
        return [(t, model.coef_[k], float(model.intercept_[k])) for k, t in enumerate(model.classes_)]
