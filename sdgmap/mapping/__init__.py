"""Impact mapping of a corpus: counts, coverage, gaps, co-occurrence, group comparisons.

Pure analysis: it reads initiatives and classifications and returns an :class:`ImpactMap`;
reading and writing files is the ``io`` layer's job, drawing it the ``report`` layer's.
"""

from ._comparison import ALPHA, compare_groups, compare_maps, holm, two_proportion_z
from ._initiative import Initiative, UnreadableRow
from ._map import DEFAULT_GROUP_BY, map_corpus
from ._results import (
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

__all__ = [
    "ALPHA",
    "DEFAULT_GROUP_BY",
    "CoOccurrence",
    "CoverageGap",
    "CoverageProfile",
    "GoalCoverage",
    "GoalDifference",
    "GroupBreakdown",
    "GroupProfile",
    "ImpactMap",
    "Initiative",
    "MapComparison",
    "MappedInitiative",
    "MappingSettings",
    "SkippedItem",
    "TargetCoverage",
    "UnreadableRow",
    "compare_groups",
    "compare_maps",
    "holm",
    "map_corpus",
    "two_proportion_z",
]
