"""Goal-to-goal interlinkage matrices: the bundled defaults and user-supplied replacements.

The bundled matrices are our own numbers, derived by ``scripts/derive_interlinkages.py``
(provenance and limits in ``data/interlinkages/README.md``). Every matrix is 17 x 17,
row = from goal, column = to goal; the diagonal (a goal with itself) is never used.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from ..errors import Errors
from ..util._resources import data_dir

WEITZ_2018 = "Weitz et al. 2018 (Sweden, expert scores)"
LE_BLANC_2015 = "Le Blanc 2015 (target texts, keyword rule)"
_OFF_DIAGONAL = ~np.eye(17, dtype=bool)


@dataclass(frozen=True, eq=False)  # arrays have no single truth value to compare
class Interactions:
    """The networks behind interaction reach, synergies and trade-offs.

    Attributes
    ----------
    synergy : (17, 17) array
        Signed interaction of goal i on goal j (bundled: Nilsson scale, -3..+3).
    tradeoffs : (17, 17) array
        Negative part of the interactions, <= 0 (bundled: mean of min(score, 0) over target pairs,
        so a trade-off is not hidden by a positive pair between the same goals).
    links : (17, 17) array
        Unsigned links in [0, 1] that add reach (bundled: Le Blanc 2015 target → goal network).
    scale : float
        Value that counts as the strongest interaction; synergy and trade-offs are divided by it.
    source : str
        Where ``synergy`` and ``tradeoffs`` come from, shown in results.
    """

    synergy: np.ndarray
    tradeoffs: np.ndarray
    links: np.ndarray
    scale: float
    source: str

    @classmethod
    def from_matrix(cls, matrix, *, links=None, scale: float | None = None, source: str = "custom matrix") -> Interactions:
        """Wrap one signed 17 x 17 matrix (numpy array or nested lists).

        Its negative entries become the trade-offs. ``scale`` defaults to the largest absolute
        off-diagonal value, so a matrix in any unit works; ``links`` defaults to the bundled
        Le Blanc network (pass zeros to leave it out).
        """
        synergy = _square(matrix)
        if scale is None:
            scale = float(np.abs(synergy[_OFF_DIAGONAL]).max()) or 1.0
        links = bundled_interactions().links if links is None else np.clip(_square(links), 0.0, 1.0)
        return cls(synergy, np.minimum(synergy, 0.0), links, float(scale), source)

    def positive(self) -> np.ndarray:
        """Synergy in [0, 1] (negative part dropped), zero diagonal."""
        return np.where(_OFF_DIAGONAL, np.clip(self.synergy / self.scale, 0.0, 1.0), 0.0)

    def negative(self) -> np.ndarray:
        """Trade-off magnitude in [0, 1], zero diagonal."""
        return np.where(_OFF_DIAGONAL, np.clip(-self.tradeoffs / self.scale, 0.0, 1.0), 0.0)

    def reinforcement(self) -> np.ndarray:
        """Link strength used for reach: either network may carry it (noisy-OR of the two)."""
        links = np.where(_OFF_DIAGONAL, self.links, 0.0)
        return 1.0 - (1.0 - self.positive()) * (1.0 - links)


def _square(matrix) -> np.ndarray:
    array = np.asarray(matrix, dtype=float)
    if array.shape != (17, 17) or not np.isfinite(array).all():
        raise ValueError(Errors.E019.format(shape=array.shape))
    array = array.copy()
    array.flags.writeable = False
    return array


def _read_matrix(name: str) -> np.ndarray:
    with (data_dir() / "interlinkages" / name).open(encoding="utf-8") as handle:
        rows = list(csv.reader(handle))[1:]
    return _square([[float(v) for v in row[1:]] for row in rows])


@lru_cache(maxsize=1)
def bundled_interactions() -> Interactions:
    """Weitz et al. 2018 goal synergies and trade-offs, plus the Le Blanc 2015 links (cached)."""
    return Interactions(
        synergy=_read_matrix("weitz2018_goal_synergies.csv"),
        tradeoffs=_read_matrix("weitz2018_goal_tradeoffs.csv"),
        links=_read_matrix("leblanc2015_goal_links.csv"),
        scale=3.0,  # the top of the Nilsson scale: +3 "indivisible", -3 "cancelling"
        source=WEITZ_2018,
    )


def as_interactions(value) -> Interactions:
    """None → bundled; an :class:`Interactions` as is; any 17 x 17 array-like → its own matrix."""
    if value is None:
        return bundled_interactions()
    if isinstance(value, Interactions):
        return value
    return Interactions.from_matrix(value)
