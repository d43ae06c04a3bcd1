"""Text to scores: text processing, features, scoring, targets, evidence, and the model that composes them.

The flow of one text: :class:`TextProcessor` (tokens, lemmas, language) → ``FeatureSpace``
(sparse n-gram and lexicon features) → ``LinearScorer`` (calibrated probabilities, thresholds
per operating point) → ``TargetIndex`` (targets) and ``Explainer`` (evidence) →
:class:`~sdgmap.Classification`. :class:`SDGModel` composes them and reads and writes their
files (``_persistence``: JSON and ``.npz``, checked against a SHA-256 manifest).
"""

from ._adapter import ADAPTER_FILE, Adapter
from ._model import DEFAULT_MODEL, SDGModel, load
from ._persistence import sha256, verify, write_manifest
from ._scoring import DEFAULT_OPERATING_POINT, OPERATING_POINTS
from ._text import DEFAULT_MAX_LENGTH, ProcessedText, TextProcessor, detect_language

__all__ = [
    "ADAPTER_FILE",
    "Adapter",
    "DEFAULT_MAX_LENGTH",
    "DEFAULT_MODEL",
    "DEFAULT_OPERATING_POINT",
    "OPERATING_POINTS",
    "ProcessedText",
    "SDGModel",
    "TextProcessor",
    "detect_language",
    "load",
    "sha256",
    "verify",
    "write_manifest",
]
