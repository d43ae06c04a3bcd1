"""Typed results: every public output is a frozen, documented, JSON-serialisable model.

The JSON Schema of :class:`Classification` is the published contract
(``docs/schema/classification.schema.json``, checked for drift by the tests).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Annotated, Literal, Optional

from pydantic import BaseModel, ConfigDict, Field, field_serializer, model_validator

if TYPE_CHECKING:
    from ._systemic_results import SystemicImpact

Goal = Annotated[int, Field(ge=1, le=17, description="SDG number, 1 to 17.")]
Probability = Annotated[float, Field(ge=0.0, le=1.0)]
# Lone surrogates (from bytes decoded with errors="surrogateescape") have no UTF-8 form.
_SURROGATE = re.compile("[\ud800-\udfff]")


class _Result(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


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
    sdgs: list[Goal] = Field(description="Goals asserted at the operating point, strongest first.")
    goals: list[GoalScore] = Field(description="All 17 goals, sorted by score, highest first.")
    targets: list[TargetScore] = Field(default_factory=list, description="Likely targets of the asserted goals.")
    evidence: list[Evidence] = Field(default_factory=list, description="Phrases and sentences behind each asserted goal.")
    operating_point: str = Field(description="Name of the thresholds used to assert goals.")
    truncated: bool = Field(default=False, description="True when only the first `max_length` characters were read.")
    systemic: Optional["SystemicImpact"] = Field(  # noqa: UP007 (resolved in _systemic_results)
        default=None, description="How systemic the initiative reads, when asked for (`systemic=True`)."
    )

    @model_validator(mode="after")
    def _consistent(self) -> Classification:
        scores = [g.score for g in self.goals]
        if len(self.goals) != 17 or len({g.goal for g in self.goals}) != 17:
            raise ValueError("goals must list each of the 17 goals once")
        if scores != sorted(scores, reverse=True):
            raise ValueError("goals must be sorted by score, highest first")
        if self.sdgs != [g.goal for g in self.goals if g.selected]:
            raise ValueError("sdgs must be the selected goals, strongest first")
        return self

    def score(self, goal: int) -> float:
        """Score of one goal."""
        for item in self.goals:
            if item.goal == goal:
                return item.score
        raise ValueError(f"Unknown goal {goal!r}: goals are numbered 1 to 17.")
