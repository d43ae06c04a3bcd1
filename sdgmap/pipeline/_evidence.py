"""Evidence: the words and sentences of a text that raise a goal's score, with exact offsets.

Candidates come from the model's own contributions (weight × feature value of each n-gram
and lexicon hit, spread over its tokens). Each candidate is then checked the honest way:
the text is scored again without it, and its weight is the drop in the goal's log-odds. Only
spans whose removal lowers the score are reported.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left
from collections import Counter

import numpy as np

from ..results import Evidence, TargetScore
from ._features import N_GOALS, FeatureSpace, ngrams, word_grams
from ._scoring import LinearScorer
from ._targets import TargetIndex
from ._text import ProcessedText

# Candidate spans checked per goal, whatever the text's length (the strongest by push).
_MAX_CANDIDATES = 12

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
        sentences = _strongest(doc.sentences, probe.push(goal), _MAX_CANDIDATES)
        drops = [(probe.drop(goal, first, end), first, end) for first, end in sentences]
        drop, first, end = max(drops)
        return [self._evidence(doc, goal, "sentence", first, end, drop)] if drop > 0 else []

    def _phrases(self, doc: ProcessedText, goal: int, probe: _Probe) -> list[Evidence]:
        candidates: dict[tuple[int, int], str | None] = {}
        for first, end in self._positive_runs(doc, goal, probe):
            candidates[(first, end)] = None
        hits = [(first, end, entry) for entry, first, end in doc.matches
                if entry < len(self.space.entry_goals) and self.space.entry_goals[entry] == goal]
        for first, end, entry in _strongest(hits, probe.push(goal), _MAX_CANDIDATES):
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
        push = probe.push(goal)
        runs: list[tuple[int, int]] = []
        start, last = -1, -1  # the current run (none while start is -1)
        for sentence_first, sentence_end in doc.sentences:
            for i in range(sentence_first, sentence_end):
                # A run goes on over stop words, but stops at punctuation or a gap of 3 tokens.
                if start >= 0 and (i - last > 3 or not _WORDLIKE.search(doc.lemmas[i])):
                    runs.append((start, last + 1))
                    start = -1
                if doc.content[i] and push[i] > 0:
                    if start < 0:
                        start = i
                    last = i
            if start >= 0:
                runs.append((start, last + 1))
                start = -1
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
        self.counts = Counter(c for first, last in doc.sentences
                              for c in self._local_grams([i for i in range(first, last) if doc.content[i]]))
        self.lexicon = Counter(self._lexicon_columns(doc.matches))
        self.values = {c: math.log1p(n) * space.idf[c] for c, n in self.counts.items()}
        self.token_grams = self._token_grams()
        self.content_index = [i for i, keep in enumerate(doc.content) if keep]
        self._push: dict[int, np.ndarray] = {}
        self.norm2 = sum(v * v for v in self.values.values())
        self._dense_init()
        self._base: dict[int, tuple[float, float]] = {}
        self._changes: dict[tuple[int, int], tuple] = {}

    def _token_grams(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """For each (known n-gram occurrence, token in it): column, token, 1 / n-gram length."""
        columns: list[int] = []
        tokens: list[int] = []
        shares: list[float] = []
        vocabulary = self.space.vocabulary
        for gram, first, end in ngrams(self.doc, self.space.ngram_max):
            column = vocabulary.get(gram)
            if column is not None:
                columns += [column] * (end - first)
                tokens += range(first, end)
                shares += [1.0 / (end - first)] * (end - first)
        return np.array(columns, dtype=np.int64), np.array(tokens, dtype=np.int64), np.array(shares)

    def _dense_init(self) -> None:
        """The word-vector part: which tokens carry a vector, and the text's summed vector."""
        doc, space = self.doc, self.space
        vectors = space.vectors(doc.language) if space.vector_languages else None
        self.dense_tokens = np.zeros(0, dtype=np.int64)
        self.dense_vectors = np.zeros((0, space.vector_width))
        self.dense_sum = np.zeros(space.vector_width)
        if vectors is None:
            return
        rows = space.dense_rows(doc)
        known = rows >= 0
        self.dense_tokens = np.array([i for i, keep in enumerate(doc.content) if keep], dtype=np.int64)[known]
        self.dense_vectors = vectors.vectors(rows[known]).astype(np.float64)
        self.dense_sum = self.dense_vectors.sum(axis=0)
        offset = space.vector_offset(doc.language)
        self.dense_columns = slice(offset, offset + space.vector_width)

    def _dense_part(self, goal: int, total: np.ndarray) -> float:
        norm = float(np.sqrt(total @ total))
        if len(self.dense_tokens) == 0 or norm <= 1e-12:
            return 0.0
        weights = self.scorer.coef[goal - 1, self.dense_columns].astype(np.float64)
        return self.space.vector_weight * float(weights @ total) / norm

    def push(self, goal: int) -> np.ndarray:
        """Per token, the positive weight its n-grams give the goal (to rank candidate spans)."""
        if goal not in self._push:
            columns, tokens, shares = self.token_grams
            contribution = self.scorer.coef[goal - 1, columns] * self.space.idf[columns] * shares
            push = np.bincount(tokens, weights=np.clip(contribution, 0.0, None), minlength=len(self.doc)).astype(np.float64)
            norm = float(np.sqrt(self.dense_sum @ self.dense_sum))
            if len(self.dense_tokens) and norm > 1e-12:
                weights = self.scorer.coef[goal - 1, self.dense_columns].astype(np.float64)
                dense = self.space.vector_weight * (self.dense_vectors @ weights) / norm
                push += np.bincount(self.dense_tokens, weights=np.clip(dense, 0.0, None), minlength=len(self.doc))
            self._push[goal] = push
        return self._push[goal]

    def _local_grams(self, tokens: list[int]) -> list[int]:
        """Vocabulary columns of the n-grams of these (consecutive content) tokens."""
        vocabulary = self.space.vocabulary
        grams = word_grams([self.doc.lemmas[i] for i in tokens], self.space.ngram_max)
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
            self._base[goal] = (dot, self._lexicon_part(weights, self.lexicon) + self._dense_part(goal, self.dense_sum))
        return self._base[goal]

    def _change(self, first: int, end: int) -> tuple[np.ndarray, np.ndarray, float, list]:
        """Per removed span, shared by all goals: changed n-gram columns, their value change,
        the new squared norm, and the lexicon hits removed."""
        if (first, end) not in self._changes:
            # Only n-grams that touch the span change: re-gram a window of n - 1 content
            # tokens on each side, with and without the span (linear in the span, not the text).
            delta: Counter = Counter()
            reach = self.space.ngram_max - 1
            content = self.content_index
            for s_first, s_last in self.doc.sentences:
                if s_first < end and first < s_last:
                    lo, hi = bisect_left(content, s_first), bisect_left(content, s_last)
                    a, b = bisect_left(content, max(first, s_first)), bisect_left(content, min(end, s_last))
                    before, after = content[max(lo, a - reach) : a], content[b : min(hi, b + reach)]
                    delta.update(self._local_grams(before + after))
                    delta.subtract(self._local_grams(before + content[a:b] + after))
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
        inside = (self.dense_tokens >= first) & (self.dense_tokens < end)
        if removed or inside.any():
            remaining = self.lexicon.copy()
            remaining.subtract(self._lexicon_columns(removed))
            left = self.dense_sum - self.dense_vectors[inside].sum(axis=0) if inside.any() else self.dense_sum
            new_lexicon_part = self._lexicon_part(weights, remaining) + self._dense_part(goal, left)
        before = (dot / math.sqrt(self.norm2) if self.norm2 > 0 else 0.0) + lexicon_part
        after = (new_dot / math.sqrt(new_norm2) if new_norm2 > 1e-12 else 0.0) + new_lexicon_part
        return before - after


def _strongest(spans, push: np.ndarray, limit: int):
    """At most ``limit`` spans (first, end, ...), those whose tokens push the goal most."""
    if len(spans) <= limit:
        return list(spans)
    cumulative = np.concatenate([[0.0], np.cumsum(push)])
    return sorted(spans, key=lambda span: -(cumulative[span[1]] - cumulative[span[0]]))[:limit]
