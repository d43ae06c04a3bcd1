"""Typed results of mapping a corpus: coverage, gaps, co-occurrence, systemic spread, groups.

Every number is a count or is computed from counts; the formulas are in the field
descriptions. The JSON Schema of :class:`ImpactMap` is committed in
``docs/schema/impact_map.schema.json`` and checked for drift by the tests.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from ..errors import Errors
from ..results import Classification, SystemicSummary
from ..util import FrozenModel as _Result
from ..util import Goal, Probability
from ._initiative import Initiative
from ._records import result_record


class GoalCoverage(_Result):
    """How much of the corpus serves one goal."""

    goal: Goal
    count: int = Field(ge=0, description="Initiatives that assert the goal at their operating point.")
    share: Probability = Field(description="count / number of initiatives (0 for an empty corpus).")
    mean_score: Probability = Field(description="Mean calibrated score of the goal over all initiatives: the expected share, free of any threshold.")


class TargetCoverage(_Result):
    """How much of the corpus points to one target (targets are read only for asserted goals)."""

    target: str = Field(pattern=r"^\d{1,2}\.[0-9a-z]{1,2}$", description='Target id, e.g. "11.6".')
    goal: Goal
    count: int = Field(ge=0, description="Initiatives that list the target among their likely targets.")
    share: Probability = Field(description="count / number of initiatives.")
    mean_score: Probability = Field(description="Mean target score over the initiatives that list it.")


class CoverageGap(_Result):
    """A goal the corpus never or rarely serves."""

    goal: Goal
    kind: Literal["never", "rare"] = Field(description='"never": no initiative asserts it; "rare": share below the gap threshold.')
    count: int = Field(ge=0, description="Initiatives that assert the goal.")
    share: Probability = Field(description="count / number of initiatives.")


class CoOccurrence(_Result):
    """How often two goals are asserted together, against what independence would give."""

    goal_a: Goal = Field(description="The lower goal number of the pair.")
    goal_b: Goal = Field(description="The higher goal number of the pair.")
    count: int = Field(ge=0, description="n11: initiatives asserting both goals.")
    expected: float = Field(ge=0.0, description="n_a × n_b / N: the count expected if the goals were independent.")
    phi: float | None = Field(ge=-1.0, le=1.0, description="(n11·n00 − n10·n01) / √(n_a·(N−n_a)·n_b·(N−n_b)); None when a margin is 0 or N.")
    lift: float | None = Field(ge=0.0, description="n11·N / (n_a·n_b) = P(a,b) / (P(a)·P(b)); None when n_a or n_b is 0.")

    @model_validator(mode="after")
    def _ordered(self) -> CoOccurrence:
        if self.goal_a >= self.goal_b:
            raise ValueError("goal_a must be lower than goal_b")
        return self


class MappingSettings(_Result):
    """Thresholds a map was built with (see :func:`sdgmap.map_corpus`)."""

    gap_threshold: Probability = Field(description="A goal with 0 < share < this is a 'rare' gap.")
    network_min_phi: float = Field(ge=-1.0, le=1.0, description="A pair is a network edge when phi ≥ this ...")
    network_min_count: int = Field(ge=1, description="... and at least this many initiatives assert both goals.")
    max_groups: int = Field(ge=1, description="Most distinct values kept per grouping field; later values are counted in `overflow`.")


class CoverageProfile(_Result):
    """Everything measured on one set of initiatives (the corpus, or one group of it)."""

    count: int = Field(ge=0, description="Initiatives mapped.")
    no_goal: int = Field(ge=0, description="Initiatives with no goal asserted.")
    mean_goals: float = Field(ge=0.0, le=17.0, description="Mean number of goals asserted per initiative.")
    languages: dict[str, int] = Field(description="Initiatives per language read.")
    goals: tuple[GoalCoverage, ...] = Field(min_length=17, max_length=17, description="Coverage of goals 1 to 17, in goal order.")
    targets: tuple[TargetCoverage, ...] = Field(description="Coverage of every target listed at least once, most listed first.")
    gaps: tuple[CoverageGap, ...] = Field(description="Goals with share below the gap threshold, least covered first.")
    cooccurrence: tuple[CoOccurrence, ...] = Field(max_length=136, description="All 136 goal pairs (a < b), in order; empty for an empty corpus.")
    network: tuple[CoOccurrence, ...] = Field(description="Pairs with phi ≥ network_min_phi and count ≥ network_min_count, strongest phi first.")
    systemic: SystemicSummary | None = Field(default=None, description="Distribution of systemic scores (None when not computed).")

    @model_validator(mode="after")
    def _goal_order(self) -> CoverageProfile:
        if [g.goal for g in self.goals] != list(range(1, 18)):
            raise ValueError("goals must list goals 1 to 17 in order")
        return self

    def coverage(self, goal: int) -> GoalCoverage:
        """Coverage of one goal."""
        if not isinstance(goal, int) or not 1 <= goal <= 17:
            raise ValueError(Errors.E012.format(goal=goal))
        return self.goals[goal - 1]

    def pair(self, goal_a: int, goal_b: int) -> CoOccurrence:
        """Co-occurrence of two goals, in either order."""
        a, b = sorted((goal_a, goal_b))
        for item in self.cooccurrence:
            if (item.goal_a, item.goal_b) == (a, b):
                return item
        raise ValueError(Errors.E012.format(goal=(goal_a, goal_b)))


class GroupProfile(CoverageProfile):
    """The profile of the initiatives sharing one value of a grouping field."""

    value: str = Field(description="Value of the grouping field, as text (e.g. a region, or a year).")


class GroupBreakdown(_Result):
    """The corpus split by one field (region, year, category...)."""

    field: str = Field(min_length=1, description="Name of the grouping field.")
    groups: tuple[GroupProfile, ...] = Field(description="One profile per value, in natural order (numbers by value, then text).")
    missing: int = Field(ge=0, description="Initiatives with no value for the field (in no group).")
    overflow: int = Field(ge=0, description="Initiatives whose value came after max_groups distinct values (in no group).")

    def group(self, value) -> GroupProfile:
        for item in self.groups:
            if item.value == str(value):
                return item
        raise ValueError(Errors.E032.format(value=value, field=self.field, found=[g.value for g in self.groups]))


class SkippedItem(_Result):
    """An item that could not be mapped (counted in ``skipped``, never silently dropped)."""

    position: int = Field(ge=1, description="Position of the item in the input, from 1.")
    id: str | None = Field(default=None, description="Its id, when one could be read.")
    error: str = Field(description="Why it was skipped.")


class MappedInitiative(_Result):
    """One initiative with its reading: a line of the per-initiative JSON Lines output."""

    initiative: Initiative
    classification: Classification
    systemic_score: Probability | None = Field(default=None, description="Headline systemic score (see SystemicImpact.score), when computed.")

    def record(self) -> dict:
        """Its flat record, the one results layout (see ``sdgmap.mapping._records``)."""
        row = self.initiative.model_dump(mode="json")
        return result_record(row["id"] or "", row, self.classification, systemic_score=self.systemic_score)


class ImpactMap(CoverageProfile):
    """Impact map of a corpus: coverage, gaps, co-occurrence and systemic spread, overall and by group."""

    operating_points: tuple[str, ...] = Field(description="Operating points of the readings mapped (one, unless precomputed results mixed them).")
    settings: MappingSettings
    breakdowns: tuple[GroupBreakdown, ...] = Field(description="One breakdown per grouping field that at least one initiative has.")
    skipped: int = Field(ge=0, description="Items that could not be mapped.")
    skipped_examples: tuple[SkippedItem, ...] = Field(max_length=20, description="The first (up to 20) skipped items and why.")
    dropped_values: dict[str, int] = Field(default_factory=dict, description="Per field, values left out because they could not be read (a year that is not a number...); their initiatives are mapped without them.")
    initiatives: tuple[MappedInitiative, ...] = Field(default=(), description="Per-initiative results, only with keep_results=True.")

    def breakdown(self, field: str) -> GroupBreakdown:
        for item in self.breakdowns:
            if item.field == field:
                return item
        raise ValueError(Errors.E031.format(field=field, found=[b.field for b in self.breakdowns]))

    def group(self, field: str, value) -> GroupProfile:
        return self.breakdown(field).group(value)


class GoalDifference(_Result):
    """Difference in one goal's share between two sets of initiatives (b minus a)."""

    goal: Goal
    count_a: int = Field(ge=0)
    count_b: int = Field(ge=0)
    share_a: Probability
    share_b: Probability
    difference: float = Field(ge=-1.0, le=1.0, description="share_b − share_a.")
    z: float | None = Field(description="Two-proportion z = (p_b − p_a) / √(p(1−p)(1/n_a + 1/n_b)), p pooled; 0 when both shares are 0 or both 1; None when a set is empty.")
    p_value: Probability | None = Field(description="Two-sided p-value: Fisher's exact test when small_sample, else z under the normal approximation.")
    significant: bool = Field(description="Rejected by Holm–Bonferroni at level alpha, over the goals that vary (a goal at 0 % or 100 % in both sets is left out).")
    small_sample: bool = Field(description="True when a cell (successes or failures in a set) is below 5: the p-value is then Fisher's exact.")


class MapComparison(_Result):
    """Goal-by-goal comparison of two maps, or of a group and another (or the rest of the corpus)."""

    label_a: str
    label_b: str
    count_a: int = Field(ge=0, description="Initiatives in a.")
    count_b: int = Field(ge=0, description="Initiatives in b.")
    alpha: Probability = Field(description="Family-wise error rate of `significant`.")
    goals: tuple[GoalDifference, ...] = Field(min_length=17, max_length=17, description="Goals 1 to 17 in order.")
    systemic_mean_a: Probability | None = Field(default=None, description="Mean systemic score of a, when known.")
    systemic_mean_b: Probability | None = Field(default=None, description="Mean systemic score of b, when known.")
