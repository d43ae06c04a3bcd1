"""The bottom layer: where bundled files live, atomic files, progress, shared field types.

Imports nothing else from sdgmap except ``errors``; every other layer may import it.
"""

from ._atomic import atomic_writer
from ._defaults import DEFAULT_MAX_LENGTH
from ._progress import Progress
from ._resources import data_dir, models_dir
from ._types import FrozenModel, Goal, Probability

__all__ = ["DEFAULT_MAX_LENGTH", "FrozenModel", "Goal", "Probability", "Progress", "atomic_writer", "data_dir", "models_dir"]
