"""Typed documents and their SDG readings: frozen, documented, JSON-serialisable.

Offsets are exact: ``document.text[s.start:s.end] == s.text`` for every section, and a
section's evidence offsets are relative to the section's own text.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, model_validator

from ..results import Classification, GoalScore, SystemicImpact

Goal = Annotated[int, Field(ge=1, le=17, description="SDG number, 1 to 17.")]
Page = Annotated[int, Field(ge=1, description="Page number, 1-based.")]
Fraction = Annotated[float, Field(ge=0.0, le=1.0)]


class _Record(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class _Span(_Record):
    index: int = Field(ge=0, description="Position of the section in the document, 0-based.")
    page: Page | None = Field(default=None, description="Page the section is on (paged formats: PDF, text with form feeds); None otherwise. A section never spans two pages.")
    heading: str | None = Field(default=None, description="Heading the section falls under (its own, or the last one before it), when the document has headings.")
    start: int = Field(ge=0, description="Offset of the section's first character in the document text.")
    end: int = Field(ge=0, description="Offset one past the section's last character in the document text.")
    text: str = Field(description="The section's text: exactly ``document.text[start:end]``.")

    @model_validator(mode="after")
    def _span(self):
        if self.end - self.start != len(self.text):
            raise ValueError("section offsets do not match its text")
        return self


class Section(_Span):
    """A part of a document: one heading's text, or a block of paragraphs, within one page."""


class _Sectioned(_Record):
    source: str | None = Field(default=None, description="File name the document was read from.")
    format: str = Field(description='Format it was read as: "pdf", "docx", "html", "markdown" or "text".')
    title: str | None = Field(default=None, description="Title from the document's metadata, when it has one.")
    pages: int | None = Field(default=None, ge=0, description="Number of pages (paged formats), None otherwise.")
    text: str = Field(description="Plain text of the document: its sections, separated by blank lines.")
    warnings: tuple[str, ...] = Field(default=(), description="Coded warnings raised while reading (pages with no text layer, empty pages...).")

    @model_validator(mode="after")
    def _sections_fit(self):
        end = 0
        for position, section in enumerate(self.sections):
            if section.index != position or section.start < end:
                raise ValueError("sections must be numbered in order and must not overlap")
            if self.text[section.start:section.end] != section.text:
                raise ValueError(f"section {position} does not match the document text at its offsets")
            end = section.end
        return self


class Document(_Sectioned):
    """A document read as plain text and cut into sections (see :func:`sdgmap.read_document`)."""

    sections: tuple[Section, ...] = Field(description="Sections in reading order.")


class SectionClassification(_Span):
    """One section and its SDG reading; evidence offsets in ``result`` are relative to ``text``."""

    result: Classification = Field(description="The section's reading, as for any text.")


class DocumentGoal(_Record):
    """How one goal runs through a document."""

    goal: Goal
    share: Fraction = Field(description="Share of the document's text (in characters) in sections that assert the goal.")
    score: Fraction = Field(description="Mean of the sections' scores for the goal, weighted by their length: the probability that a passage picked at random serves it.")
    max_score: Fraction = Field(description="Strongest score of the goal in any section.")
    pages: tuple[Page, ...] = Field(default=(), description="Pages of the sections that assert the goal, strongest first (at most `top`).")
    sections: tuple[int, ...] = Field(default=(), description="Indices of the sections that assert the goal, strongest first (at most `top`).")
    selected: bool = Field(description="True when `share` reaches the document threshold `min_share`.")


class DocumentClassification(_Sectioned):
    """The SDG reading of a document: per section, and for the whole (see :func:`classify_document`)."""

    sections: tuple[SectionClassification, ...] = Field(description="Sections in reading order, each with its reading.")
    language: str | None = Field(default=None, description="Language of most of the text (by characters), None when there is no text.")
    operating_point: str = Field(description="Operating point the sections were read at.")
    min_share: Fraction = Field(description="A goal is asserted for the document when sections asserting it hold at least this share of its text.")
    sdgs: tuple[Goal, ...] = Field(description="Goals asserted for the document, by `score`, highest first.")
    goals: tuple[DocumentGoal, ...] = Field(description="All 17 goals, sorted by `score`, highest first.")
    systemic: SystemicImpact | None = Field(default=None, description="Systemic reading of the document, from the goals' `score` (when asked for).")

    @model_validator(mode="after")
    def _goals_consistent(self):
        if len(self.goals) != 17 or len({g.goal for g in self.goals}) != 17:
            raise ValueError("goals must list each of the 17 goals once")
        scores = [g.score for g in self.goals]
        if scores != sorted(scores, reverse=True):
            raise ValueError("goals must be sorted by score, highest first")
        if list(self.sdgs) != [g.goal for g in self.goals if g.selected]:
            raise ValueError("sdgs must be the selected goals, highest score first")
        return self

    def goal(self, goal: int) -> DocumentGoal:
        """The profile of one goal."""
        for item in self.goals:
            if item.goal == goal:
                return item
        raise ValueError(f"Unknown goal {goal!r}: goals are numbered 1 to 17.")

    def as_classification(self) -> Classification:
        """The document as one :class:`~sdgmap.Classification`: goal scores are the length-weighted
        means (`score`), asserted goals are `sdgs` (for :func:`sdgmap.map_corpus` and reports)."""
        return Classification(
            language=self.language or "en",
            sdgs=list(self.sdgs),
            goals=[GoalScore(goal=g.goal, score=g.score, selected=g.selected) for g in self.goals],
            operating_point=self.operating_point,
            systemic=self.systemic,
        )
