"""sdgmap: map citizen and transition initiatives to the UN Sustainable Development Goals.

>>> import sdgmap
>>> model = sdgmap.load()
>>> result = model.classify("Un jardin partagé où les habitants cultivent des légumes bio.")
>>> result.language
'fr'
"""

from ._batch import BatchSummary, SkippedRow, classify_file
from ._comparison import compare_groups, compare_maps
from ._exports import map_tables, write_geojson, write_results_csv, write_results_jsonl, write_tables
from ._initiative import Initiative
from ._initiative_io import read_initiatives, read_results
from ._lexicon import Lexicon, LexiconEntry
from ._mapping import map_corpus
from ._mapping_results import (
    CoOccurrence,
    CoverageGap,
    CoverageProfile,
    GoalCoverage,
    GoalDifference,
    GroupBreakdown,
    GroupProfile,
    ImpactMap,
    MapComparison,
    MappedInitiative,
    MappingSettings,
    SkippedItem,
    TargetCoverage,
)
from ._model import SDGModel, load
from ._report import write_report
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
    "CoOccurrence",
    "CoverageGap",
    "CoverageProfile",
    "DimensionShare",
    "Evidence",
    "GoalCoverage",
    "GoalDifference",
    "GoalInfo",
    "GoalScore",
    "GroupBreakdown",
    "GroupProfile",
    "Grouping",
    "HistogramBin",
    "ImpactMap",
    "Initiative",
    "Interactions",
    "Lexicon",
    "LexiconEntry",
    "MapComparison",
    "MappedInitiative",
    "MappingSettings",
    "OPERATING_POINTS",
    "ProcessedText",
    "SDGClassifier",
    "SDGModel",
    "SDGVectorizer",
    "SkippedItem",
    "SkippedRow",
    "SynergyPair",
    "SystemicImpact",
    "SystemicSummary",
    "TargetCoverage",
    "TargetInfo",
    "TargetScore",
    "Taxonomy",
    "TextProcessor",
    "TradeOff",
    "__version__",
    "classify_file",
    "compare_groups",
    "compare_maps",
    "detect_language",
    "load",
    "map_corpus",
    "map_tables",
    "read_initiatives",
    "read_results",
    "systemic_impact",
    "systemic_summary",
    "taxonomy",
    "write_geojson",
    "write_report",
    "write_results_csv",
    "write_results_jsonl",
    "write_tables",
]


def __getattr__(name: str):
    # The estimators need scikit-learn: import them only when asked for (training).
    if name in ("SDGClassifier", "SDGVectorizer"):
        from . import _estimators

        return getattr(_estimators, name)
    raise AttributeError(f"module 'sdgmap' has no attribute {name!r}")
