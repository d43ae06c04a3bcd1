"""Evidence: the words and sentences of a text that raise a goal's score, with exact offsets.

Candidates come from the model's own contributions (weight × feature value of each n-gram
and lexicon hit, spread over its tokens). Each candidate is then checked the honest way:
the text is scored again without it, and its weight is the drop in the goal's log-odds. Only
spans whose removal lowers the score are reported.
"""

from __future__ import annotations

import dataclasses
import re

import numpy as np

from ._features import FeatureSpace, ngrams
from ._results import Evidence, TargetScore
from ._scoring import LinearScorer
from ._targets import TargetIndex
from ._text import ProcessedText

_WORDLIKE = re.compile(r"\w")


class Explainer:
    """Targets and evidence for the asserted goals of one processed text."""

    def __init__(
        self,
        space: FeatureSpace,
        scorer: LinearScorer,
        targets: TargetIndex | None,
        entry_targets: list[str | None],
        max_phrases: int = 3,
        max_targets: int = 3,
    ) -> None:
        self.space = space
        self.scorer = scorer
        self.targets = targets
        self.entry_targets = entry_targets
        self.max_phrases = max_phrases
        self.max_targets = max_targets

    def targets_for(self, similarities: np.ndarray, goals: list[int]) -> list[TargetScore]:
        if self.targets is None:
            return []
        return [
            TargetScore(target=target, goal=goal, score=round(share, 6))
            for goal in goals
            for target, share in self.targets.rank(similarities, goal, self.max_targets)
        ]

    def evidence_for(self, doc: ProcessedText, goals: list[int]) -> list[Evidence]:
        found: list[Evidence] = []
        for goal in goals:
            base = self._margin(doc, goal)
            found.extend(self._sentences(doc, goal, base))
            found.extend(self._phrases(doc, goal, base))
        return found

    # -- scoring a text with some tokens removed --------------------------------------------

    def _margin(self, doc: ProcessedText, goal: int) -> float:
        columns, values = self.space.row(doc)
        return float(self.scorer.coef[goal - 1, columns] @ values + self.scorer.intercept[goal - 1])

    def _drop(self, doc: ProcessedText, goal: int, base: float, first: int, end: int) -> float:
        content = list(doc.content)
        content[first:end] = [False] * (end - first)
        matches = tuple(m for m in doc.matches if m[2] <= first or m[1] >= end)
        return base - self._margin(dataclasses.replace(doc, content=tuple(content), matches=matches), goal)

    def _evidence(self, doc, goal, kind, first, end, weight, target=None) -> Evidence:
        start, stop = doc.starts[first], doc.ends[end - 1]
        return Evidence(goal=goal, target=target, kind=kind, start=start, end=stop,
                                        text=doc.text[start:stop], weight=round(weight, 6))

    def _sentences(self, doc: ProcessedText, goal: int, base: float) -> list[Evidence]:
        if len(doc.sentences) < 2:
            return []
        drops = [(self._drop(doc, goal, base, first, end), first, end) for first, end in doc.sentences]
        drop, first, end = max(drops)
        return [self._evidence(doc, goal, "sentence", first, end, drop)] if drop > 0 else []

    def _phrases(self, doc: ProcessedText, goal: int, base: float) -> list[Evidence]:
        candidates = {}
        for first, end in self._positive_runs(doc, goal):
            candidates[(first, end)] = None
        for entry, first, end in doc.matches:
            if entry < len(self.space.entry_goals) and self.space.entry_goals[entry] == goal:
                candidates[(first, end)] = self.entry_targets[entry]
        scored = []
        for (first, end), target in candidates.items():
            drop = self._drop(doc, goal, base, first, end)
            if drop > 0:
                if target is None:
                    target = self._target_of_span(doc, goal, first, end)
                scored.append((drop, first, end, target))
        scored.sort(key=lambda item: (-item[0], item[1]))
        kept: list[tuple[float, int, int, str | None]] = []
        for item in scored:
            if len(kept) == self.max_phrases:
                break
            if all(item[2] <= other[1] or item[1] >= other[2] for other in kept):  # no overlap
                kept.append(item)
        return [self._evidence(doc, goal, "phrase", first, end, drop, target) for drop, first, end, target in kept]

    def _positive_runs(self, doc: ProcessedText, goal: int) -> list[tuple[int, int]]:
        """Runs of content tokens whose n-grams push the goal up (stop words may sit inside)."""
        weights = self.scorer.coef[goal - 1]
        vocabulary = self.space.vocabulary
        push = np.zeros(len(doc))
        for gram, first, end in ngrams(doc, self.space.ngram_max):
            column = vocabulary.get(gram)
            if column is not None and weights[column] > 0:
                push[first:end] += weights[column] * self.space.idf[column] / (end - first)
        runs, start, last = [], None, None
        for sentence_first, sentence_end in doc.sentences:
            for i in range(sentence_first, sentence_end):
                # A run goes on over stop words, but stops at punctuation or a gap of 3 tokens.
                if start is not None and (i - last > 3 or not _WORDLIKE.search(doc.lemmas[i])):
                    runs.append((start, last + 1))
                    start = None
                if doc.content[i] and push[i] > 0:
                    if start is None:
                        start = i
                    last = i
            if start is not None:
                runs.append((start, last + 1))
                start = None
        runs.sort(key=lambda run: -push[run[0] : run[1]].sum())
        return runs[: self.max_phrases * 2]

    def _target_of_span(self, doc: ProcessedText, goal: int, first: int, end: int) -> str | None:
        for entry, m_first, m_end in doc.matches:
            if m_first < end and m_end > first and self.space.entry_goals[entry] == goal and self.entry_targets[entry]:
                return self.entry_targets[entry]
        return None
