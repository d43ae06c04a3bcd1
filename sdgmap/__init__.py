"""sdgmap: map citizen and transition initiatives to the UN Sustainable Development Goals.

>>> import sdgmap
>>> model = sdgmap.load()
>>> result = model.classify("Un jardin partagé où les habitants cultivent des légumes bio.")
>>> result.language
'fr'
"""

from .about import __version__
from .io import (
    BatchSummary,
    SkippedRow,
    classify_file,
    map_tables,
    read_initiatives,
    read_results,
    write_geojson,
    write_results_csv,
    write_results_jsonl,
    write_tables,
)
from .lexicon import Lexicon, LexiconEntry
from .mapping import (
    CoOccurrence,
    CoverageGap,
    CoverageProfile,
    GoalCoverage,
    GoalDifference,
    GroupBreakdown,
    GroupProfile,
    ImpactMap,
    Initiative,
    MapComparison,
    MappedInitiative,
    MappingSettings,
    SkippedItem,
    TargetCoverage,
    compare_groups,
    compare_maps,
    map_corpus,
)
from .pipeline import OPERATING_POINTS, ProcessedText, SDGModel, TextProcessor, detect_language, load
from .report import write_report
from .results import Classification, Evidence, GoalScore, TargetScore
from .systemic import (
    DimensionShare,
    HistogramBin,
    Interactions,
    SynergyPair,
    SystemicImpact,
    SystemicSummary,
    TradeOff,
    systemic_impact,
    systemic_summary,
)
from .taxonomy import GoalInfo, Grouping, TargetInfo, Taxonomy, taxonomy

__all__ = [
    "BatchSummary",
    "Classification",
    "CoOccurrence",
    "CoverageGap",
    "CoverageProfile",
    "DimensionShare",
    "Document",
    "DocumentClassification",
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
    "read_document",
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


_DOCUMENTS = ("Document", "DocumentClassification", "read_document")


def __getattr__(name: str):
    # Documents: imported when asked for, so `import sdgmap` never loads a PDF library.
    if name in _DOCUMENTS:
        from . import documents

        return getattr(documents, name)
    # The estimators need scikit-learn: import them only when asked for (training).
    if name in ("SDGClassifier", "SDGVectorizer"):
        from . import training

        return getattr(training, name)
    raise AttributeError(f"module 'sdgmap' has no attribute {name!r}")
