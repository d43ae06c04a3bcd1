"""Features: TF-IDF over lemma n-grams, plus lexicon hits shared by both languages.

A :class:`FeatureSpace` is plain fitted state (a vocabulary and arrays), so the runtime
needs neither scikit-learn nor pickle; :class:`sdgmap.SDGVectorizer` fits one.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import numpy as np
from scipy import sparse

from ._text import ProcessedText

N_GOALS = 17


def ngrams(doc: ProcessedText, ngram_max: int = 2) -> Iterator[tuple[str, int, int]]:
    """Content-word n-grams as (feature, first token, one past last token).

    Stop words and punctuation are skipped, so "économie sociale et solidaire" gives the
    bigrams "économie social" and "social solidaire"; n-grams stay within a sentence.
    """
    lemmas, content = doc.lemmas, doc.content
    for first, last in doc.sentences:
        index = [i for i in range(first, last) if content[i]]
        words = [lemmas[i] for i in index]
        for k, word in enumerate(words):
            yield word, index[k], index[k] + 1
        for n in range(2, ngram_max + 1):
            for k in range(len(words) - n + 1):
                yield " ".join(words[k : k + n]), index[k], index[k + n - 1] + 1


def grams(doc: ProcessedText, ngram_max: int = 2) -> list[str]:
    """The n-gram strings of :func:`ngrams` alone (the fast path for features)."""
    lemmas, content = doc.lemmas, doc.content
    found: list[str] = []
    for first, last in doc.sentences:
        words = [lemmas[i] for i in range(first, last) if content[i]]
        found += words
        for n in range(2, ngram_max + 1):
            found += [" ".join(words[k : k + n]) for k in range(len(words) - n + 1)]
    return found


class FeatureSpace:
    """Fitted feature state: n-gram vocabulary with IDF weights, then lexicon columns."""

    def __init__(
        self,
        vocabulary: dict[str, int],
        idf: np.ndarray,
        entry_goals: Sequence[int],
        ngram_max: int = 2,
        lexicon_weight: float = 0.5,
    ) -> None:
        self.vocabulary = vocabulary
        self.idf = np.asarray(idf, dtype=np.float64)
        self.entry_goals = np.asarray(entry_goals, dtype=np.int64)
        self.ngram_max = ngram_max
        self.lexicon_weight = lexicon_weight

    @property
    def n_terms(self) -> int:
        return len(self.vocabulary)

    @property
    def n_features(self) -> int:
        # n-grams, then one column per goal (any lexicon hit for it), then one per entry.
        return self.n_terms + N_GOALS + len(self.entry_goals)

    def row(self, doc: ProcessedText) -> tuple[np.ndarray, np.ndarray]:
        """Column indices and values of one document's feature vector."""
        counts: dict[int, int] = {}
        vocabulary = self.vocabulary
        for gram in grams(doc, self.ngram_max):
            column = vocabulary.get(gram)
            if column is not None:
                counts[column] = counts.get(column, 0) + 1
        columns = np.fromiter(counts, dtype=np.int64, count=len(counts))
        values = np.log1p(np.fromiter(counts.values(), dtype=np.float64, count=len(counts)))
        values *= self.idf[columns]
        norm = np.sqrt(values @ values)
        if norm > 0:
            values /= norm
        lexicon = self._lexicon_counts(doc)
        if lexicon:
            lex_columns = np.fromiter(lexicon, dtype=np.int64, count=len(lexicon))
            lex_values = self.lexicon_weight * np.log1p(np.fromiter(lexicon.values(), dtype=np.float64))
            columns = np.concatenate([columns, lex_columns])
            values = np.concatenate([values, lex_values])
        return columns, values

    def _lexicon_counts(self, doc: ProcessedText) -> dict[int, int]:
        counts: dict[int, int] = {}
        goal_offset = self.n_terms
        entry_offset = self.n_terms + N_GOALS
        for entry, _, _ in doc.matches:
            if entry >= len(self.entry_goals):
                continue
            for column in (goal_offset + int(self.entry_goals[entry]) - 1, entry_offset + entry):
                counts[column] = counts.get(column, 0) + 1
        return counts

    def transform(self, docs: Sequence[ProcessedText]) -> sparse.csr_matrix:
        indptr = [0]
        indices = []
        data = []
        for doc in docs:
            columns, values = self.row(doc)
            indices.append(columns)
            data.append(values)
            indptr.append(indptr[-1] + len(columns))
        return sparse.csr_matrix(
            (
                np.concatenate(data) if data else np.zeros(0),
                np.concatenate(indices) if indices else np.zeros(0, dtype=np.int64),
                np.asarray(indptr),
            ),
            shape=(len(docs), self.n_features),
        )

    def feature_names(self) -> list[str]:
        names = [""] * self.n_terms
        for gram, column in self.vocabulary.items():
            names[column] = gram
        names += [f"lexicon:goal:{g}" for g in range(1, N_GOALS + 1)]
        names += [f"lexicon:entry:{i}" for i in range(len(self.entry_goals))]
        return names
