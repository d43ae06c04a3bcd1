"""The typed results of adaptation: whether it helped, measured honestly, and what to curate next."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from ..util import FrozenModel as _Report
from ..util import Goal, Probability


class AdaptationScores(_Report):
    """Figures of one model on the curated rows."""

    hit_at_1: Probability = Field(description="Share of rows whose top goal is the platform's main goal (label kind 'complete': any listed goal).")
    hit_at_3: Probability = Field(description="Share of rows with the main goal (complete: a listed goal) among the top 3.")
    example_f1: Probability = Field(description="Mean over rows of the F1 between the goals asserted at the operating point and the listed goals. With 'main' labels the listed goals are partial, so this is a lower bound.")
    goals_per_text: float = Field(ge=0.0, le=17.0, description="Mean number of goals asserted per row at the operating point.")


class GoalAdaptation(_Report):
    """One goal: how many curated rows teach it, whether the head changes it, before/after."""

    goal: Goal
    curated_rows: int = Field(ge=0, description="Rows whose main (first listed) goal it is.")
    adapted: bool = Field(description="True if the adapted model changes this goal's score; False: the base score, exactly.")
    top1_before: Probability | None = Field(description="Among its curated rows, share where it is the base model's top goal (None: no rows).")
    top1_after: Probability | None = Field(description="Same, for the adapted model (cross-validated).")
    top_share_before: Probability = Field(description="Share of all curated rows whose top goal it is, base model.")
    top_share_after: Probability = Field(description="Same, adapted model (cross-validated).")


class AdaptationReport(_Report):
    """Did adapting to the curated rows help? Cross-validated before/after figures.

    ``after`` comes from out-of-fold predictions: each row is scored by an adapter fitted
    without it (the regularisation is also chosen without it), so the gain is an honest
    estimate of what new rows of the same kind will see.
    """

    label_kind: Literal["main", "complete"] = Field(description="'main': the first listed goal is the main one, unlisted goals unknown; 'complete': the listed goals are every goal served.")
    rows: int = Field(ge=0, description="Curated rows used.")
    folds: int = Field(ge=2, description="Cross-validation folds for the before/after figures.")
    head: Literal["full", "diagonal", "bias"] = Field(description="Shape of the head: each goal reads all 17 base logits, only its own, or none (a bias shift).")
    alpha: float | None = Field(description="Chosen pull toward the base model (larger: closer); None if cross-validation kept the base model.")
    operating_point: str = Field(description="Operating point used for example-F1 and goals per text.")
    before: AdaptationScores = Field(description="The base model on the curated rows.")
    after: AdaptationScores = Field(description="The adapted model, cross-validated.")
    hit_at_1_gain: float = Field(ge=-1.0, le=1.0, description="after.hit_at_1 − before.hit_at_1.")
    hit_at_1_gain_se: float = Field(ge=0.0, description="Standard error of that gain (paired over rows).")
    helped: bool = Field(description="True if the hit@1 gain is more than twice its standard error and hit@3 did not drop by more than one standard error.")
    verdict: str = Field(description="One sentence saying whether it helped.")
    adapted_goals: tuple[Goal, ...] = Field(description="Goals the final adapter changes; every other goal keeps the base score exactly.")
    goals: tuple[GoalAdaptation, ...] = Field(min_length=17, max_length=17, description="Goals 1 to 17 in order.")
    warnings: tuple[str, ...] = Field(description="Why the figures may not be trusted (small or one-sided set, unread language...).")
    base_model: str = Field(description="Name of the base model.")
    base_sha256: str = Field(description="SHA-256 of the base model's manifest.")
    curated_sha256: str = Field(description="SHA-256 of the curated rows (texts, goals, label kind).")
    seconds: float = Field(ge=0.0, description="Time taken, including the base model reading the texts.")

    @model_validator(mode="after")
    def _goals_in_order(self):
        if [g.goal for g in self.goals] != list(range(1, 18)):
            raise ValueError("goals must list goals 1 to 17 in order")
        return self

    def describe(self) -> str:
        """A few lines for a terminal."""
        b, a = self.before, self.after
        lines = [
            f"{self.verdict}",
            f"{self.rows} curated rows ({self.label_kind} labels), {self.folds}-fold cross-validation:",
            f"  hit@1          {b.hit_at_1:.3f} -> {a.hit_at_1:.3f}  ({self.hit_at_1_gain:+.3f} ± {self.hit_at_1_gain_se:.3f})",
            f"  hit@3          {b.hit_at_3:.3f} -> {a.hit_at_3:.3f}",
            f"  example-F1     {b.example_f1:.3f} -> {a.example_f1:.3f}",
            f"  goals per text {b.goals_per_text:.2f} -> {a.goals_per_text:.2f}",
            "adapted goals: " + (", ".join(map(str, self.adapted_goals)) or "none (base model kept)"),
        ]
        lines += [f"warning: {w}" for w in self.warnings]
        return "\n".join(lines)


class Suggestion(_Report):
    """A row worth curating next, and why."""

    id: str = Field(description="The row's id (its row number if it has none).")
    rank: int = Field(ge=1, description="1 = curate first.")
    score: float = Field(ge=0.0, description="How much curating it should teach: uncertainty + disagreement with the base + rarity of its goals.")
    top_goals: tuple[Goal, ...] = Field(description="The model's three best goals, best first.")
    uncertainty: Probability = Field(description="1 − (p1 − p2) / p1 over the two best goals' scores: near 1 when the top two are tied.")
    disagreement: Probability = Field(description="How far the adapted model moved this row from the base model (total variation of their goal rankings' softmax); 0 without an adapter.")
    rarity: Probability = Field(description="How few curated examples its likely goals have (1: none).")
    reasons: tuple[str, ...] = Field(description="Plain-language reasons, e.g. 'top two goals nearly tied'.")
