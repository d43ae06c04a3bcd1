"""sdgmap: map citizen and transition initiatives to the UN Sustainable Development Goals.

>>> import sdgmap
>>> model = sdgmap.load()
>>> result = model.classify("Un jardin partagé où les habitants cultivent des légumes bio.")
>>> result.language
'fr'
"""

from ._batch import BatchSummary, SkippedRow, classify_file
from ._lexicon import Lexicon, LexiconEntry
from ._model import SDGModel, load
from ._results import Classification, Evidence, GoalScore, TargetScore
from ._interlinkages import Interactions
from ._scoring import OPERATING_POINTS
from ._systemic import systemic_impact, systemic_summary
from ._systemic_results import DimensionShare, HistogramBin, SynergyPair, SystemicImpact, SystemicSummary, TradeOff
from ._taxonomy import GoalInfo, Grouping, TargetInfo, Taxonomy, taxonomy
from ._text import ProcessedText, TextProcessor, detect_language
from .about import __version__

__all__ = [
    "BatchSummary",
    "Classification",
    "DimensionShare",
    "Evidence",
    "GoalInfo",
    "GoalScore",
    "Grouping",
    "HistogramBin",
    "Interactions",
    "Lexicon",
    "LexiconEntry",
    "OPERATING_POINTS",
    "ProcessedText",
    "SDGClassifier",
    "SDGModel",
    "SDGVectorizer",
    "SkippedRow",
    "SynergyPair",
    "SystemicImpact",
    "SystemicSummary",
    "TargetInfo",
    "TargetScore",
    "Taxonomy",
    "TextProcessor",
    "TradeOff",
    "__version__",
    "classify_file",
    "detect_language",
    "load",
    "systemic_impact",
    "systemic_summary",
    "taxonomy",
]


def __getattr__(name: str):
    # The estimators need scikit-learn: import them only when asked for (training).
    if name in ("SDGClassifier", "SDGVectorizer"):
        from . import _estimators

        return getattr(_estimators, name)
    raise AttributeError(f"module 'sdgmap' has no attribute {name!r}")
