"""Following a platform's tagging conventions: ``adapt`` the model to curated tags, see whether
it helped (cross-validated), and ``suggest`` the rows worth curating next.

>>> import sdgmap
>>> adapted, report = sdgmap.adapt(sdgmap.load(), texts, labels)   # doctest: +SKIP
>>> report.helped, report.after.hit_at_1                            # doctest: +SKIP
>>> sdgmap.save_adapted(adapted, "models/my-platform", report)      # doctest: +SKIP
>>> sdgmap.load("models/my-platform", trust=True)                   # doctest: +SKIP
"""

from ._adapt import ALPHAS, adapt
from ._files import read_curated, read_table
from ._fit import HEADS, HeadFit
from ._labels import LABEL_KINDS, curated_sha256, parse_labels
from ._report import AdaptationReport, AdaptationScores, GoalAdaptation, Suggestion
from ._save import read_report, save_adapted
from ._suggest import suggest

__all__ = [
    "ALPHAS",
    "HEADS",
    "LABEL_KINDS",
    "AdaptationReport",
    "AdaptationScores",
    "GoalAdaptation",
    "HeadFit",
    "Suggestion",
    "adapt",
    "curated_sha256",
    "parse_labels",
    "read_curated",
    "read_report",
    "read_table",
    "save_adapted",
    "suggest",
]
