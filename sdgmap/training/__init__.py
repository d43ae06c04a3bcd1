"""Rebuilding the model: corpus reading, scikit-learn estimators, evaluation, the model card.

Needs the ``train`` extra (scikit-learn). Never imported at run time: only ``sdgmap train``
(and the lazy ``sdgmap.SDGClassifier`` / ``sdgmap.SDGVectorizer``) reach it.
"""

from ._card import render_card, write_card
from ._evaluate import evaluate_labelled, evidence_faithfulness, example_scores, label_matrix
from ._train import TrainConfig, train

__all__ = [
    "SDGClassifier",
    "SDGVectorizer",
    "TrainConfig",
    "evaluate_labelled",
    "evidence_faithfulness",
    "example_scores",
    "label_matrix",
    "render_card",
    "train",
    "write_card",
]


def __getattr__(name: str):
    # The estimators import scikit-learn: only when asked for.
    if name in ("SDGClassifier", "SDGVectorizer"):
        from . import _estimators

        return getattr(_estimators, name)
    raise AttributeError(f"module 'sdgmap.training' has no attribute {name!r}")
