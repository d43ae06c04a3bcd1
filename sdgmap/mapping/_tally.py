"""Counts over a stream of readings: what an impact map is computed from.

A tally holds 17 goal counts, 17 score sums, a 17 x 17 pair table and the target counts; the
only per-initiative data are the five systemic components (40 bytes), for exact quartiles.
Phi and lift come from each pair's 2 x 2 table, rebuilt from n11, the two margins and N.
"""

from __future__ import annotations

import math
from array import array
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np

from ..results import Classification
from ..systemic._impact import systemic_summary
from ._initiative import Initiative
from ._results import (
    CoOccurrence,
    CoverageGap,
    GoalCoverage,
    GroupBreakdown,
    GroupProfile,
    ImpactMap,
    MappingSettings,
    SkippedItem,
    TargetCoverage,
)

_MAX_SKIPPED_EXAMPLES = 20


def _summary(points: list[SystemicPoint]):
    return systemic_summary(points)  # type: ignore[arg-type]  # it reads only the five fields a point holds


class SystemicPoint(NamedTuple):
    """The part of a SystemicImpact that ``systemic_summary`` reads."""

    score: float
    breadth: float
    balance: float
    reach: float
    tension: float


@dataclass(frozen=True, slots=True)
class Reading:
    """What the counts need from one Classification."""

    sdgs: tuple[int, ...]
    scores: np.ndarray
    targets: tuple[tuple[str, int, float], ...]
    language: str
    operating_point: str
    systemic: SystemicPoint | None

    @classmethod
    def of(cls, classification: Classification, impact) -> Reading:
        scores = np.zeros(17)
        for item in classification.goals:
            scores[item.goal - 1] = item.score
        point = None if impact is None else SystemicPoint(*(getattr(impact, f) for f in SystemicPoint._fields))
        return cls(tuple(sorted(set(classification.sdgs))), scores,
                   tuple((t.target, t.goal, t.score) for t in classification.targets), classification.language,
                   classification.operating_point, point)


class Tally:
    """Counts over one set of initiatives."""

    def __init__(self) -> None:
        self.count = 0
        self.no_goal = 0
        self.asserted = 0
        self.goal_counts = np.zeros(17, dtype=np.int64)
        self.score_sums = np.zeros(17)
        self.pair_counts = np.zeros((17, 17), dtype=np.int64)
        self.target_counts: Counter[tuple[str, int]] = Counter()
        self.target_scores: defaultdict[tuple[str, int], float] = defaultdict(float)
        self.languages: Counter[str] = Counter()
        self.systemic = [array("d") for _ in SystemicPoint._fields]

    def add(self, reading: Reading) -> None:
        self.count += 1
        self.asserted += len(reading.sdgs)
        self.no_goal += not reading.sdgs
        self.score_sums += reading.scores
        self.languages[reading.language] += 1
        for i, a in enumerate(reading.sdgs):
            self.goal_counts[a - 1] += 1
            for b in reading.sdgs[i + 1:]:
                self.pair_counts[a - 1, b - 1] += 1
        for target, goal, score in reading.targets:
            self.target_counts[target, goal] += 1
            self.target_scores[target, goal] += score
        if reading.systemic is not None:
            for column, value in zip(self.systemic, reading.systemic):
                column.append(value)

    def profile(self, settings: MappingSettings, systemic: bool) -> dict:
        n = self.count
        share = (lambda c: c / n) if n else (lambda c: 0.0)
        goals = tuple(GoalCoverage(goal=g, count=int(self.goal_counts[g - 1]), share=share(int(self.goal_counts[g - 1])),
                                   mean_score=_unit(self.score_sums[g - 1] / n) if n else 0.0) for g in range(1, 18))
        targets = tuple(sorted(
            (TargetCoverage(target=t, goal=g, count=c, share=share(c), mean_score=_unit(self.target_scores[t, g] / c))
             for (t, g), c in self.target_counts.items()),
            key=lambda item: (-item.count, item.goal, _target_key(item.target))))
        gaps = tuple(sorted((CoverageGap(goal=g.goal, kind="never" if g.count == 0 else "rare", count=g.count, share=g.share)
                             for g in goals if g.share < settings.gap_threshold or g.count == 0),
                            key=lambda gap: (gap.count, gap.goal)))
        pairs = tuple(_pair(a, b, int(self.pair_counts[a - 1, b - 1]), int(self.goal_counts[a - 1]),
                            int(self.goal_counts[b - 1]), n) for a in range(1, 18) for b in range(a + 1, 18)) if n else ()
        network = tuple(sorted((p for p in pairs if p.phi is not None and p.phi >= settings.network_min_phi
                                and p.count >= settings.network_min_count), key=lambda p: (-(p.phi or 0.0), p.goal_a, p.goal_b)))
        points = [SystemicPoint(*values) for values in zip(*self.systemic)]
        return {
            "count": n, "no_goal": self.no_goal, "mean_goals": self.asserted / n if n else 0.0,
            "languages": dict(sorted(self.languages.items())), "goals": goals, "targets": targets, "gaps": gaps,
            "cooccurrence": pairs, "network": network, "systemic": _summary(points) if systemic else None,
        }


def _pair(a: int, b: int, n11: int, n_a: int, n_b: int, n: int) -> CoOccurrence:
    """Phi and lift of a 2 x 2 table given by its margins (n_a, n_b), total n and n11."""
    n10, n01 = n_a - n11, n_b - n11
    n00 = n - n_a - n_b + n11
    denominator = math.sqrt(n_a * (n - n_a) * n_b * (n - n_b))
    phi = (n11 * n00 - n10 * n01) / denominator if denominator else None
    lift = n11 * n / (n_a * n_b) if n_a and n_b else None
    return CoOccurrence(goal_a=a, goal_b=b, count=n11, expected=n_a * n_b / n,
                        phi=None if phi is None else max(-1.0, min(1.0, phi)), lift=lift)


def _unit(value: float) -> float:
    return float(min(1.0, max(0.0, value)))


def _target_key(target: str) -> tuple:
    goal, sub = target.split(".")
    return (int(goal), (0, int(sub), "") if sub.isdigit() else (1, 0, sub))


class Corpus:
    """The overall tally, one tally per group value, and the skipped items."""

    def __init__(self, fields: tuple[str, ...], max_groups: int) -> None:
        self.overall = Tally()
        self.fields = fields
        self.max_groups = max_groups
        self.groups: dict[str, dict[str, Tally]] = {field: {} for field in fields}
        self.missing: Counter[str] = Counter()
        self.overflow: Counter[str] = Counter()
        self.operating_points: set[str] = set()
        self.skipped = 0
        self.dropped: Counter[str] = Counter()
        self.skipped_examples: list[SkippedItem] = []

    def add(self, initiative: Initiative, reading: Reading) -> None:
        self.overall.add(reading)
        self.operating_points.add(reading.operating_point)
        for field in self.fields:
            value = _group_value(initiative.value(field))
            groups = self.groups[field]
            if value is None:
                self.missing[field] += 1
            elif value in groups or len(groups) < self.max_groups:
                groups.setdefault(value, Tally()).add(reading)
            else:
                self.overflow[field] += 1

    def skip(self, position: int, item_id: str | None, error: str) -> None:
        self.skipped += 1
        if len(self.skipped_examples) < _MAX_SKIPPED_EXAMPLES:
            self.skipped_examples.append(SkippedItem(position=position, id=item_id, error=error))

    def impact_map(self, settings: MappingSettings, systemic: bool, kept: tuple) -> ImpactMap:
        breakdowns = tuple(
            GroupBreakdown(field=field, missing=self.missing[field], overflow=self.overflow[field], groups=tuple(
                GroupProfile(value=value, **tally.profile(settings, systemic))
                for value, tally in sorted(self.groups[field].items(), key=lambda kv: _natural(kv[0]))))
            for field in self.fields if self.groups[field])
        return ImpactMap(**self.overall.profile(settings, systemic), operating_points=tuple(sorted(self.operating_points)),
                         settings=settings, breakdowns=breakdowns, skipped=self.skipped,
                         skipped_examples=tuple(self.skipped_examples), initiatives=kept,
                         dropped_values=dict(sorted(self.dropped.items())))


def _group_value(value) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _natural(value: str) -> tuple:
    try:
        number = float(value)
    except ValueError:
        number = math.nan
    return (0, number, value) if math.isfinite(number) else (1, 0.0, value.casefold())
