"""scikit-learn estimators that fit the feature space and the goal scorer.

They are only needed to train; a fitted model runs on the plain state they produce
(:class:`FeatureSpace`, :class:`LinearScorer`), which loads without scikit-learn or pickle.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin, TransformerMixin
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold
from sklearn.utils.validation import check_is_fitted

from ..pipeline._features import N_GOALS, FeatureSpace, grams
from ..lexicon import Lexicon
from ..pipeline._scoring import DEFAULT_OPERATING_POINT, LinearScorer, check_operating_point
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
    """

    def __init__(self, ngram_max=2, min_df=2, max_df=0.5, max_features=150_000, lexicon=None, lexicon_weight=0.5):
        self.ngram_max = ngram_max
        self.min_df = min_df
        self.max_df = max_df
        self.max_features = max_features
        self.lexicon = lexicon
        self.lexicon_weight = lexicon_weight

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
        self.space_ = FeatureSpace(vocabulary, idf, entry_goals, self.ngram_max, self.lexicon_weight)
        self.n_features_out_ = self.space_.n_features
        return self

    def transform(self, X: Sequence[ProcessedText]):
        check_is_fitted(self, "space_")
        return self.space_.transform(X)

    def get_feature_names_out(self, input_features=None):
        check_is_fitted(self, "space_")
        return np.asarray(self.space_.feature_names(), dtype=object)


class SDGClassifier(ClassifierMixin, BaseEstimator):
    """One calibrated logistic regression per goal, with per-goal operating points.

    Parameters
    ----------
    C : float
        Inverse regularisation strength of each goal's logistic regression.
    class_weight : "balanced" or None
        Re-weight positives so that rare goals are not drowned by negatives.
    cv : int
        Folds for the out-of-fold scores that fit the calibration and the thresholds.
    operating_point : str
        Default decision rule for :meth:`predict` (see ``sdgmap.OPERATING_POINTS``).
    random_state : int
        Seed for the folds (training is deterministic given it).

    Attributes
    ----------
    classes_ : ndarray of shape (17,)
        Goal numbers 1..17.
    scorer_ : LinearScorer
        The fitted weights, calibration and thresholds.
    oof_proba_ : ndarray of shape (n_samples, 17)
        Out-of-fold calibrated probabilities of the training rows.
    """

    def __init__(self, C=4.0, class_weight="balanced", cv=5, operating_point=DEFAULT_OPERATING_POINT, random_state=0):
        self.C = C
        self.class_weight = class_weight
        self.cv = cv
        self.operating_point = operating_point
        self.random_state = random_state

    def fit(self, X, Y, sample_weight=None):
        """Fit on features ``X`` and a (n_samples, 17) 0/1 label matrix ``Y``.

        ``sample_weight`` may be (n_samples,) or (n_samples, 17): per-goal weights let
        a caller trust a row's negatives less than its positives (partial labels).
        """
        Y = np.asarray(Y, dtype=np.int8)
        if Y.ndim != 2 or Y.shape[1] != N_GOALS:
            raise ValueError(f"Y must have shape (n_samples, {N_GOALS}), got {Y.shape}")
        n = Y.shape[0]
        weights = np.ones((n, N_GOALS)) if sample_weight is None else np.asarray(sample_weight, dtype=np.float64)
        if weights.ndim == 1:
            weights = np.repeat(weights[:, None], N_GOALS, axis=1)
        coef = np.zeros((N_GOALS, X.shape[1]))
        intercept = np.zeros(N_GOALS)
        calibration = np.tile([1.0, 0.0], (N_GOALS, 1))
        oof = np.zeros((n, N_GOALS))
        for g in range(N_GOALS):
            y, w = Y[:, g], weights[:, g]
            if y.min() == y.max():  # a goal absent from a small corpus: never predicted
                intercept[g], calibration[g] = -10.0, (1.0, 0.0)
                oof[:, g] = -10.0
                continue
            model = self._logistic().fit(X, y, sample_weight=w)
            coef[g], intercept[g] = model.coef_[0], model.intercept_[0]
            oof[:, g] = self._out_of_fold_margins(X, y, w)
            calibration[g] = _platt(oof[:, g], y, w)
        proba = 1.0 / (1.0 + np.exp(-(oof * calibration[:, 0] + calibration[:, 1])))
        thresholds = {name: np.array([_best_threshold(proba[:, g], Y[:, g], weights[:, g], name) for g in range(N_GOALS)])
                      for name in ("balanced", "f1", "precision", "recall")}
        self.scorer_ = LinearScorer(coef, intercept, calibration, thresholds)
        self.oof_proba_ = proba
        self.classes_ = np.arange(1, N_GOALS + 1)
        self.n_features_in_ = X.shape[1]
        return self

    def _logistic(self):
        return LogisticRegression(C=self.C, class_weight=self.class_weight, solver="liblinear", max_iter=1000,
                                  random_state=self.random_state)

    def _out_of_fold_margins(self, X, y, w):
        margins = np.zeros(len(y))
        n_splits = min(self.cv, int(np.bincount(y).min()))
        if n_splits < 2:
            return margins
        folds = StratifiedKFold(n_splits=n_splits, shuffle=True, random_state=self.random_state)
        for train, held in folds.split(np.zeros(len(y)), y):
            model = self._logistic().fit(X[train], y[train], sample_weight=w[train])
            margins[held] = model.decision_function(X[held])
        return margins

    def predict_proba(self, X):
        check_is_fitted(self, "scorer_")
        return self.scorer_.predict_proba(X)

    def predict(self, X):
        check_is_fitted(self, "scorer_")
        point = check_operating_point(self.operating_point, self.scorer_.thresholds)
        return self.scorer_.decide(self.predict_proba(X), point).astype(np.int8)


def _platt(margins: np.ndarray, y: np.ndarray, w: np.ndarray) -> tuple[float, float]:
    model = LogisticRegression(C=1e4, solver="lbfgs").fit(margins[:, None], y, sample_weight=w)
    return float(model.coef_[0, 0]), float(model.intercept_[0])


def _best_threshold(proba: np.ndarray, y: np.ndarray, w: np.ndarray, metric: str) -> float:
    grid = np.unique(np.round(np.quantile(proba, np.linspace(0.0, 1.0, 401)), 4))
    grid = grid[(grid > 0.005) & (grid < 0.995)]
    if len(grid) == 0 or y.sum() == 0:
        return 0.5
    pos, neg = w * (y == 1), w * (y == 0)
    chosen = proba[None, :] >= grid[:, None]
    tp, fp = chosen @ pos, chosen @ neg
    fn, tn = pos.sum() - tp, neg.sum() - fp
    recall = tp / np.maximum(tp + fn, 1e-12)
    precision = tp / np.maximum(tp + fp, 1e-12)
    if metric == "balanced":
        score = recall + tn / np.maximum(tn + fp, 1e-12)
    else:
        beta2 = {"f1": 1.0, "precision": 0.25, "recall": 4.0}[metric]
        score = (1 + beta2) * precision * recall / np.maximum(beta2 * precision + recall, 1e-12)
    return float(grid[int(np.argmax(score))])
