"""Evidence: the words and sentences of a text that raise a goal's score, with exact offsets.

Candidates come from the model's own contributions (weight × feature value of each n-gram
and lexicon hit, spread over its tokens). Each candidate is then checked the honest way:
the text is scored again without it, and its weight is the drop in the goal's log-odds. Only
spans whose removal lowers the score are reported.
"""

from __future__ import annotations

import math
import re
from collections import Counter

import numpy as np

from ._features import N_GOALS, FeatureSpace, ngrams
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
        probe = _Probe(doc, self.space, self.scorer)
        for goal in goals:
            found.extend(self._sentences(doc, goal, probe))
            found.extend(self._phrases(doc, goal, probe))
        return found

    def _evidence(self, doc, goal, kind, first, end, weight, target=None) -> Evidence:
        start, stop = doc.starts[first], doc.ends[end - 1]
        return Evidence(goal=goal, target=target, kind=kind, start=start, end=stop,
                                        text=doc.text[start:stop], weight=round(weight, 6))

    def _sentences(self, doc: ProcessedText, goal: int, probe: _Probe) -> list[Evidence]:
        if len(doc.sentences) < 2:
            return []
        drops = [(probe.drop(goal, first, end), first, end) for first, end in doc.sentences]
        drop, first, end = max(drops)
        return [self._evidence(doc, goal, "sentence", first, end, drop)] if drop > 0 else []

    def _phrases(self, doc: ProcessedText, goal: int, probe: _Probe) -> list[Evidence]:
        candidates = {}
        for first, end in self._positive_runs(doc, goal, probe):
            candidates[(first, end)] = None
        for entry, first, end in doc.matches:
            if entry < len(self.space.entry_goals) and self.space.entry_goals[entry] == goal:
                candidates[(first, end)] = self.entry_targets[entry]
        scored = []
        for (first, end), target in candidates.items():
            drop = probe.drop(goal, first, end)
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

    def _positive_runs(self, doc: ProcessedText, goal: int, probe: _Probe) -> list[tuple[int, int]]:
        """Runs of content tokens whose n-grams push the goal up (stop words may sit inside)."""
        columns, tokens, shares = probe.token_grams
        contribution = self.scorer.coef[goal - 1, columns] * self.space.idf[columns] * shares
        push = np.bincount(tokens, weights=np.clip(contribution, 0.0, None), minlength=len(doc))
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


class _Probe:
    """A text's margins with a span of tokens removed, updated from its counts, not rescored.

    Removing tokens changes the n-grams of the sentences they sit in (including the
    n-grams that now bridge the gap, as a real deletion would) and drops the lexicon hits
    they overlap; the TF-IDF norm and each goal's margin are corrected for those columns only.
    """

    def __init__(self, doc: ProcessedText, space: FeatureSpace, scorer: LinearScorer) -> None:
        self.doc, self.space, self.scorer = doc, space, scorer
        self.sentence_columns = [self._columns(first, last, None) for first, last in doc.sentences]
        self.counts = Counter(c for columns in self.sentence_columns for c in columns)
        self.lexicon = Counter(self._lexicon_columns(doc.matches))
        self.values = {c: math.log1p(n) * space.idf[c] for c, n in self.counts.items()}
        self.token_grams = self._token_grams()
        self.norm2 = sum(v * v for v in self.values.values())
        self._base: dict[int, tuple[float, float]] = {}
        self._changes: dict[tuple[int, int], tuple] = {}

    def _token_grams(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """For each (known n-gram occurrence, token in it): column, token, 1 / n-gram length."""
        columns, tokens, shares = [], [], []
        vocabulary = self.space.vocabulary
        for gram, first, end in ngrams(self.doc, self.space.ngram_max):
            column = vocabulary.get(gram)
            if column is not None:
                columns += [column] * (end - first)
                tokens += range(first, end)
                shares += [1.0 / (end - first)] * (end - first)
        return np.array(columns, dtype=np.int64), np.array(tokens, dtype=np.int64), np.array(shares)

    def _columns(self, first: int, last: int, hole: tuple[int, int] | None) -> list[int]:
        doc, vocabulary, n_max = self.doc, self.space.vocabulary, self.space.ngram_max
        words = [doc.lemmas[i] for i in range(first, last)
                 if doc.content[i] and (hole is None or not hole[0] <= i < hole[1])]
        grams = list(words)
        for n in range(2, n_max + 1):
            grams += [" ".join(words[k : k + n]) for k in range(len(words) - n + 1)]
        return [vocabulary[g] for g in grams if g in vocabulary]

    def _lexicon_columns(self, matches) -> list[int]:
        columns = []
        goal_offset, entry_offset = self.space.n_terms - 1, self.space.n_terms + N_GOALS
        for entry, _, _ in matches:
            if entry < len(self.space.entry_goals):
                columns += [goal_offset + int(self.space.entry_goals[entry]), entry_offset + entry]
        return columns

    def _lexicon_part(self, weights, counts: Counter) -> float:
        return sum(float(weights[c]) * self.space.lexicon_weight * math.log1p(n) for c, n in counts.items() if n > 0)

    def base(self, goal: int) -> tuple[float, float]:
        """(Σ w·v over n-grams, lexicon part) of the whole text for one goal."""
        if goal not in self._base:
            weights = self.scorer.coef[goal - 1]
            dot = sum(float(weights[c]) * v for c, v in self.values.items())
            self._base[goal] = (dot, self._lexicon_part(weights, self.lexicon))
        return self._base[goal]

    def _change(self, first: int, end: int) -> tuple[np.ndarray, np.ndarray, float, list]:
        """Per removed span, shared by all goals: changed n-gram columns, their value change,
        the new squared norm, and the lexicon hits removed."""
        if (first, end) not in self._changes:
            delta: Counter = Counter()
            for index, (s_first, s_last) in enumerate(self.doc.sentences):
                if s_first < end and first < s_last:
                    delta.update(self._columns(s_first, s_last, (first, end)))
                    delta.subtract(self.sentence_columns[index])
            columns = np.array([c for c, n in delta.items() if n], dtype=np.int64)
            old = np.array([self.values.get(c, 0.0) for c in columns.tolist()])
            new = np.log1p(np.array([self.counts.get(c, 0) + delta[c] for c in columns.tolist()])) * self.space.idf[columns]
            norm2 = self.norm2 + float(new @ new - old @ old)
            removed = [m for m in self.doc.matches if m[1] < end and first < m[2]]
            self._changes[(first, end)] = (columns, new - old, norm2, removed)
        return self._changes[(first, end)]

    def drop(self, goal: int, first: int, end: int) -> float:
        """Fall of the goal's log-odds when tokens [first, end) are removed."""
        weights = self.scorer.coef[goal - 1]
        dot, lexicon_part = self.base(goal)
        columns, change, new_norm2, removed = self._change(first, end)
        new_dot = dot + float(weights[columns] @ change)
        new_lexicon_part = lexicon_part
        if removed:
            remaining = self.lexicon.copy()
            remaining.subtract(self._lexicon_columns(removed))
            new_lexicon_part = self._lexicon_part(weights, remaining)
        before = (dot / math.sqrt(self.norm2) if self.norm2 > 0 else 0.0) + lexicon_part
        after = (new_dot / math.sqrt(new_norm2) if new_norm2 > 1e-12 else 0.0) + new_lexicon_part
        return before - after
