"""How systemic an initiative reads: breadth, balance across dimensions, interaction reach.

Works on a :class:`~sdgmap.Classification` (or 17 probabilities), below the pipeline, so the
model can attach it (``classify(..., systemic=True)``). Formulas: ``docs/systemic.md``.
"""

from ..results import DimensionShare, HistogramBin, SynergyPair, SystemicImpact, SystemicSummary, TradeOff
from ._impact import systemic_impact, systemic_summary
from ._interlinkages import Interactions, bundled_interactions

__all__ = [
    "DimensionShare",
    "HistogramBin",
    "Interactions",
    "SynergyPair",
    "SystemicImpact",
    "SystemicSummary",
    "TradeOff",
    "bundled_interactions",
    "systemic_impact",
    "systemic_summary",
]
