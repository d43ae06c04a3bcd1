"""sdgmap: map citizen and transition initiatives to the UN Sustainable Development Goals.

>>> import sdgmap
>>> model = sdgmap.load()
>>> result = model.classify("Un jardin partagé où les habitants cultivent des légumes bio.")
>>> result.language
'fr'
"""

from __future__ import annotations

import importlib

from .about import __version__

# Public name -> the subpackage that defines it. Imported on first use (PEP 562), so that
# `import sdgmap` and `sdgmap --help` load neither spaCy nor scipy.
_EXPORTS = {
    # Following a platform's tagging conventions.
    ".adaptation": ("AdaptationReport", "Suggestion", "adapt", "save_adapted", "suggest"),
    # Documents: the PDF, DOCX... libraries are imported only when a file of their format is read.
    ".documents": ("Document", "DocumentClassification", "read_document"),
    ".io": (
        "BatchSummary", "SkippedRow", "classify_file", "map_tables", "read_initiatives", "read_results",
        "write_geojson", "write_results_csv", "write_results_jsonl", "write_tables",
    ),
    ".lexicon": ("Lexicon", "LexiconEntry"),
    ".loading": ("ModelSource",),
    ".mapping": (
        "CoOccurrence", "CoverageGap", "CoverageProfile", "GoalCoverage", "GoalDifference", "GroupBreakdown",
        "GroupProfile", "ImpactMap", "Initiative", "MapComparison", "MappedInitiative", "MappingSettings",
        "SkippedItem", "TargetCoverage", "compare_groups", "compare_maps", "map_corpus",
    ),
    ".pipeline": ("OPERATING_POINTS", "ProcessedText", "SDGModel", "TextProcessor", "detect_language", "load"),
    ".report": ("write_report",),
    ".results": ("Classification", "ClassifyOptions", "Evidence", "GoalScore", "TargetScore"),
    ".systemic": (
        "DimensionShare", "HistogramBin", "Interactions", "SynergyPair", "SystemicImpact", "SystemicSummary",
        "TradeOff", "systemic_impact", "systemic_summary",
    ),
    "._taxonomy": ("GoalInfo", "Grouping", "TargetInfo", "Taxonomy", "taxonomy"),
    # Training needs scikit-learn (the ``train`` extra): reachable, but not in ``__all__``.
    ".training": ("SDGClassifier", "SDGVectorizer"),
}
_WHERE = {name: module for module, names in _EXPORTS.items() for name in names}

__all__ = sorted(name for name, module in _WHERE.items() if module != ".training") + ["__version__"]


def __getattr__(name: str):
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module 'sdgmap' has no attribute {name!r}")
    value = getattr(importlib.import_module(module, __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_WHERE})
