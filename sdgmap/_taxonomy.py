"""The 17 goals, the 169 targets and the goal groupings, as typed, documented objects.

Everything comes from our own files in ``data/taxonomy/`` (labels written for sdgmap,
official colours, groupings with their sources); load it once with :func:`taxonomy`.
"""

from __future__ import annotations

import json
from functools import lru_cache

from pydantic import BaseModel, ConfigDict, Field

from .errors import Errors
from .util import Goal
from .util._resources import data_dir


class _Item(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    def label(self, language: str = "en") -> str:
        return getattr(self, f"label_{language}")


class GoalInfo(_Item):
    """One of the 17 Sustainable Development Goals."""

    goal: Goal
    short_en: str = Field(description="Usual short name in English.")
    short_fr: str = Field(description="Usual short name in French.")
    label_en: str = Field(description="What the goal covers, in one line (our wording).")
    label_fr: str = Field(description="Ce que couvre l'objectif, en une ligne (notre formulation).")
    colour: str = Field(pattern=r"^#[0-9A-F]{6}$", description="Official colour (UN SDG logo guidelines).")

    def short(self, language: str = "en") -> str:
        return getattr(self, f"short_{language}")


class TargetInfo(_Item):
    """One of the 169 targets, with a short label of our own (not the official sentence)."""

    id: str = Field(description='Official number, e.g. "7.2" or "14.c".')
    goal: Goal
    label_en: str
    label_fr: str


class Grouping(_Item):
    """A way to sort the goals into a few dimensions (e.g. biosphere / society / economy)."""

    name: str
    title_en: str
    title_fr: str
    source: str = Field(description="Where the grouping comes from.")
    groups: dict[str, tuple[int, ...]] = Field(description="Group name → its goals.")
    group_labels: dict[str, dict[str, str]] = Field(description="Group name → label per language.")
    across_all: tuple[int, ...] = Field(default=(), description="Goals that belong to every group (e.g. 17).")

    def group_of(self, goal: int) -> str | None:
        for name, goals in self.groups.items():
            if goal in goals:
                return name
        return None


class Taxonomy(_Item):
    """Goals, targets and groupings in one place."""

    goals: tuple[GoalInfo, ...]
    targets: tuple[TargetInfo, ...]
    groupings: dict[str, Grouping]

    def goal(self, number: int) -> GoalInfo:
        if not isinstance(number, int) or not 1 <= number <= 17:
            raise ValueError(Errors.E012.format(goal=number))
        return self.goals[number - 1]

    def target(self, target_id: str) -> TargetInfo:
        for item in self.targets:
            if item.id == target_id:
                return item
        raise ValueError(Errors.E013.format(target=target_id))

    def targets_of(self, goal: int) -> tuple[TargetInfo, ...]:
        self.goal(goal)
        return tuple(t for t in self.targets if t.goal == goal)

    def grouping(self, name: str = "wedding_cake") -> Grouping:
        return self.groupings[name]


@lru_cache(maxsize=1)
def taxonomy() -> Taxonomy:
    """The bundled taxonomy (cached)."""
    folder = data_dir() / "taxonomy"
    colours = json.loads((folder / "colours.json").read_text(encoding="utf-8"))["hex"]
    goals = tuple(
        GoalInfo(colour=colours[str(item["goal"])], **item)
        for item in json.loads((folder / "goals.json").read_text(encoding="utf-8"))
    )
    targets = tuple(TargetInfo(**item) for item in json.loads((folder / "targets.json").read_text(encoding="utf-8")))
    groupings = {}
    for name, item in json.loads((folder / "groupings.json").read_text(encoding="utf-8")).items():
        groupings[name] = Grouping(
            name=name,
            title_en=item["title_en"],
            title_fr=item["title_fr"],
            source=item["source"],
            groups={group: tuple(v["goals"]) for group, v in item["groups"].items()},
            group_labels={group: {"en": v["en"], "fr": v["fr"]} for group, v in item["groups"].items()},
            across_all=tuple(item.get("across_all", ())),
        )
    return Taxonomy(goals=goals, targets=targets, groupings=groupings)
