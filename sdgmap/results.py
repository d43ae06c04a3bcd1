"""Typed results: every public output is a frozen, documented, JSON-serialisable model.

The JSON Schema of :class:`Classification` is the published contract
(``docs/schema/classification.schema.json``, checked for drift by the tests). The systemic
reading comes first because a :class:`Classification` may carry one; every systemic
component is in [0, 1] and continuous in the goal probabilities (``docs/systemic.md``).
"""

from __future__ import annotations

import re
from typing import Any, Literal

from pydantic import Field, field_serializer, model_validator

from .lang import registered_languages
from .util import FrozenModel as _Result
from .util import Goal, Probability

# Lone surrogates (from bytes decoded with errors="surrogateescape") have no UTF-8 form.
_SURROGATE = re.compile("[\ud800-\udfff]")


class ClassifyOptions(_Result):
    """What to compute for each text: one object handed through every front-end.

    ``classify_file``, ``map_corpus``, the CLI and ``sdgmap.dask`` take one of these; they hand
    ``options.kwargs()`` to :meth:`SDGModel.classify_many` / :meth:`SDGModel.pipe`.
    """

    language: str | None = Field(default=None, description="Force this language instead of detecting it.")
    operating_point: str | None = Field(default=None, description="balanced (the model's default), f1, precision or recall.")
    targets: bool = Field(default=True, description="Add the likely targets of each asserted goal (~20-40% slower).")
    evidence: bool = Field(default=False, description="Add the words and sentences behind each asserted goal (~4-6x slower).")
    systemic: bool = Field(default=False, description="Add the systemic reading of each result.")

    def kwargs(self) -> dict[str, Any]:
        """The keyword arguments of ``SDGModel.classify`` / ``classify_many`` / ``pipe``."""
        return self.model_dump()


class DimensionShare(_Result):
    """How much of the text's probability mass falls in one group of goals."""

    group: str = Field(min_length=1, description='Group name, e.g. "biosphere".')
    label_en: str = Field(description="Group label in English.")
    label_fr: str = Field(description="Group label in French.")
    mass: float = Field(ge=0.0, le=17.0, description="Sum of the probabilities of the group's goals (a goal listed in k groups adds p/k to each).")
    presence: Probability = Field(description="1 − exp(−(mass / 0.5)²): near 0 for background noise, 0.63 at half a goal's worth of probability, near 1 from one likely goal.")


class _GoalPair(_Result):
    goal_a: Goal = Field(description="The lower goal number of the pair.")
    goal_b: Goal = Field(description="The higher goal number of the pair.")
    likelihood: Probability = Field(description="p_a × p_b: probability that both goals apply, reading the probabilities as independent.")
    source: str = Field(description="Where the documented interaction comes from.")

    @model_validator(mode="after")
    def _ordered(self):
        if self.goal_a >= self.goal_b:
            raise ValueError("goal_a must be lower than goal_b")
        return self


class SynergyPair(_GoalPair):
    """Two likely goals whose documented interaction is positive."""

    strength: Probability = Field(description="Mean of the two directed synergies (a→b, b→a), positive part, divided by the matrix scale (3 on the Nilsson scale).")


class TradeOff(_GoalPair):
    """Two likely goals with a documented negative interaction: worth checking, not a penalty."""

    strength: Probability = Field(description="Strongest negative interaction between the two goals in either direction (bundled: mean of min(score, 0) over their target pairs), divided by the matrix scale.")


class SystemicImpact(_Result):
    """How systemic an initiative reads: breadth, balance across dimensions and interaction reach."""

    score: Probability = Field(description="Headline: 0.4 × breadth + 0.3 × balance + 0.3 × reach.")
    breadth: Probability = Field(description="(1 − exp(−x/4)) / (1 − exp(−16/4)) with x = Σp − max p, the expected number of goals beyond the main one.")
    balance: Probability = Field(description="Rao–Stirling diversity of dimension presences: Σ_{g<h} presence_g × presence_h / number of group pairs, on the chosen grouping.")
    reach: Probability = Field(description="(reach_mutual + reach_agenda) / 2.")
    reach_mutual: Probability = Field(description="How strongly the touched goals reinforce each other: Σ_j p_j r_j / Σ_j p_j, with r_j = 1 − Π_{i≠j}(1 − p_i c_ij) the first-order reinforcement of goal j.")
    reach_first_order: Probability = Field(description="Mean of r_j over the 17 goals: the share of the Agenda directly reinforced.")
    reach_agenda: Probability = Field(description="Mean over the 17 goals of 1 − (1 − r_j)(1 − s_j), with second-order s_j = 0.5 × max_k r_k c_kj, the strongest two-step path (0.5 damping as in Weitz et al. 2018).")
    tension: Probability = Field(description="1 − Π_{a<b}(1 − p_a p_b t_ab), t the trade-off strength: how likely a documented trade-off is in play. Reported, not part of the score.")
    effective_goals: float = Field(ge=0.0, le=17.0, description="Σp: the expected number of goals the text touches.")
    grouping: str = Field(description='Grouping used for balance, e.g. "wedding_cake", or "custom".')
    dimensions: tuple[DimensionShare, ...] = Field(description="Mass and presence of each group of the chosen grouping, in grouping order.")
    balance_by_grouping: dict[str, Probability] = Field(description="Balance under every grouping of the taxonomy (and the custom one, if given).")
    synergies: tuple[SynergyPair, ...] = Field(description="Up to 3 pairs with likelihood ≥ 0.1 and a positive documented synergy, strongest (likelihood × strength) first.")
    tradeoffs: tuple[TradeOff, ...] = Field(description="Every pair with likelihood ≥ 0.1 and a negative documented interaction, strongest (likelihood × strength) first.")
    probabilities: tuple[Probability, ...] = Field(min_length=17, max_length=17, description="The goal probabilities read, goals 1 to 17 in order.")
    interactions_source: str = Field(description="Source of the synergy and trade-off matrix.")
    language: str = Field(description='Default language of `explain()` ("en" or "fr").')
    explanation: dict[str, str] = Field(description='Plain-language summary of the components, keyed "en" and "fr".')

    @model_validator(mode="after")
    def _explained_in_both_languages(self) -> SystemicImpact:
        if not set(registered_languages()) <= set(self.explanation):
            raise ValueError(f"explanation needs {registered_languages()}")
        return self

    def explain(self, language: str | None = None) -> str:
        """The plain-language summary, in ``language`` or the result's own language."""
        return self.explanation[language or self.language]


class HistogramBin(_Result):
    """Number of scores in [low, high) (the last bin includes 1)."""

    low: Probability
    high: Probability
    count: int = Field(ge=0)


class SystemicSummary(_Result):
    """Distribution of systemic scores over a corpus."""

    count: int = Field(ge=0, description="Number of impacts summarised.")
    mean: Probability = Field(description="Mean score (0 for an empty corpus).")
    median: Probability = Field(description="Median score.")
    q1: Probability = Field(description="First quartile of the scores (linear interpolation).")
    q3: Probability = Field(description="Third quartile of the scores.")
    minimum: Probability
    maximum: Probability
    histogram: tuple[HistogramBin, ...] = Field(description="Equal-width bins over [0, 1].")
    component_means: dict[str, Probability] = Field(description="Mean of breadth, balance, reach and tension.")


class GoalScore(_Result):
    """How likely one goal applies to the text."""

    goal: Goal
    score: Probability = Field(description="Calibrated probability that the goal applies.")
    selected: bool = Field(description="True when the score reaches the goal's threshold at the operating point.")


class TargetScore(_Result):
    """How well one of the 169 targets fits the text, within an asserted goal."""

    target: str = Field(pattern=r"^\d{1,2}\.[0-9a-z]{1,2}$", description='Target id, e.g. "11.6" or "7.a".')
    goal: Goal
    score: Probability = Field(description="Share of the goal's evidence that points to this target.")


class Evidence(_Result):
    """Words of the input that raise a goal's score; ``text[start:end] == evidence.text``."""

    goal: Goal
    target: str | None = Field(default=None, description="Target the words point to, when known.")
    kind: Literal["sentence", "phrase"]
    start: int = Field(ge=0, description="Offset of the first character in the input text.")
    end: int = Field(ge=0, description="Offset one past the last character in the input text.")
    text: str
    weight: float = Field(description="Drop in the goal's log-odds when these words are removed.")

    @field_serializer("text", when_used="json")
    def _encodable(self, text: str) -> str:
        # In Python, ``text`` is exactly the input's characters; in JSON, a lone surrogate
        # (which UTF-8 cannot encode) is written as U+FFFD, one character for one.
        return text if text.isascii() else _SURROGATE.sub("\ufffd", text)

    @model_validator(mode="after")
    def _span_matches(self) -> Evidence:
        if self.end < self.start or self.end - self.start != len(self.text):
            raise ValueError("evidence offsets do not match its text")
        return self


class Classification(_Result):
    """The SDG reading of one text."""

    language: str = Field(description='Language the text was read in ("en" or "fr"), detected unless forced.')
    sdgs: tuple[Goal, ...] = Field(description="Goals asserted at the operating point, strongest first.")
    goals: tuple[GoalScore, ...] = Field(description="All 17 goals, sorted by score, highest first.")
    targets: tuple[TargetScore, ...] = Field(default_factory=tuple, description="Likely targets of the asserted goals.")
    evidence: tuple[Evidence, ...] = Field(default_factory=tuple, description="Phrases and sentences behind each asserted goal.")
    operating_point: str = Field(description="Name of the thresholds used to assert goals.")
    truncated: bool = Field(default=False, description="True when only the first `max_length` characters were read.")
    systemic: SystemicImpact | None = Field(
        default=None, description="How systemic the initiative reads, when asked for (`systemic=True`)."
    )

    @model_validator(mode="after")
    def _consistent(self) -> Classification:
        scores = [g.score for g in self.goals]
        if len(self.goals) != 17 or len({g.goal for g in self.goals}) != 17:
            raise ValueError("goals must list each of the 17 goals once")
        if scores != sorted(scores, reverse=True):
            raise ValueError("goals must be sorted by score, highest first")
        if self.sdgs != tuple(g.goal for g in self.goals if g.selected):
            raise ValueError("sdgs must be the selected goals, strongest first")
        return self

    def score(self, goal: int) -> float:
        """Score of one goal."""
        for item in self.goals:
            if item.goal == goal:
                return item.score
        raise ValueError(f"Unknown goal {goal!r}: goals are numbered 1 to 17.")
