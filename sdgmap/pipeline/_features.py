"""Features: TF-IDF over lemma n-grams, lexicon hits shared by both languages, word vectors.

A :class:`FeatureSpace` is plain fitted state (a vocabulary and arrays), so the runtime
needs neither scikit-learn nor pickle; :class:`sdgmap.SDGVectorizer` fits one.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path

import numpy as np
from scipy import sparse

from ..lang import get_language
from ._persistence import write_json
from ._text import ProcessedText
from ._vectors import WordVectors

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


def word_grams(words: Sequence[str], ngram_max: int = 2) -> list[str]:
    """The 1- to ``ngram_max``-grams of consecutive words."""
    found = list(words)
    for n in range(2, ngram_max + 1):
        found += [" ".join(words[k : k + n]) for k in range(len(words) - n + 1)]
    return found


def grams(doc: ProcessedText, ngram_max: int = 2) -> list[str]:
    """The n-gram strings of :func:`ngrams` alone (the fast path for features)."""
    lemmas, content = doc.lemmas, doc.content
    found: list[str] = []
    for first, last in doc.sentences:
        found += word_grams([lemmas[i] for i in range(first, last) if content[i]], ngram_max)
    return found


class FeatureSpace:
    """Fitted feature state: n-gram vocabulary with IDF weights, lexicon columns, then one
    block of word-vector columns per language that has vectors (``vector_languages``)."""

    def __init__(
        self,
        vocabulary: dict[str, int],
        idf: np.ndarray,
        entry_goals: Sequence[int] | np.ndarray,
        ngram_max: int = 2,
        lexicon_weight: float = 0.5,
        vector_languages: Sequence[str] = (),
        vector_weight: float = 1.0,
        vector_width: int = 300,
    ) -> None:
        self.vocabulary = vocabulary
        self.idf = np.asarray(idf, dtype=np.float64)
        self.entry_goals = np.asarray(entry_goals, dtype=np.int64)
        self.ngram_max = ngram_max
        self.lexicon_weight = lexicon_weight
        self.vector_languages = tuple(vector_languages)
        self.vector_weight = vector_weight
        self.vector_width = vector_width
        self._vectors: dict[str, WordVectors] = {}

    # -- files: the vocabulary in its own JSON file, arrays and settings in the model's shared ones

    def to_disk(self, folder: Path) -> tuple[dict[str, np.ndarray], dict]:
        """Write ``vocabulary.json``; return the arrays and settings the model stores for it."""
        vocabulary = [""] * self.n_terms
        for gram, column in self.vocabulary.items():
            vocabulary[column] = gram
        write_json(folder / "vocabulary.json", vocabulary)
        settings = {"ngram_max": self.ngram_max, "lexicon_weight": self.lexicon_weight,
                    "vector_languages": list(self.vector_languages), "vector_weight": self.vector_weight,
                    "vector_width": self.vector_width}
        return {"idf": self.idf, "entry_goals": self.entry_goals}, settings

    @classmethod
    def from_disk(cls, folder: Path, arrays: Mapping[str, np.ndarray], settings: Mapping) -> FeatureSpace:
        vocabulary = json.loads((folder / "vocabulary.json").read_text(encoding="utf-8"))
        return cls(
            {gram: i for i, gram in enumerate(vocabulary)}, arrays["idf"], arrays["entry_goals"],
            ngram_max=settings["ngram_max"], lexicon_weight=settings["lexicon_weight"],
            vector_languages=settings.get("vector_languages", ()), vector_weight=settings.get("vector_weight", 1.0),
            vector_width=settings.get("vector_width", 300),
        )

    @property
    def n_terms(self) -> int:
        return len(self.vocabulary)

    @property
    def n_sparse(self) -> int:
        # n-grams, then one column per goal (any lexicon hit for it), then one per entry.
        return self.n_terms + N_GOALS + len(self.entry_goals)

    @property
    def n_features(self) -> int:
        return self.n_sparse + self.vector_width * len(self.vector_languages)

    def vectors(self, language: str) -> WordVectors | None:
        """The word vectors of a language this space reads densely, else None."""
        if language not in self.vector_languages:
            return None
        if language not in self._vectors:
            package = get_language(language).vectors
            if package is None:
                return None
            self._vectors[language] = WordVectors(package)
        return self._vectors[language]

    def vector_offset(self, language: str) -> int:
        """First column of a language's word-vector block."""
        return self.n_sparse + self.vector_width * self.vector_languages.index(language)

    def dense_rows(self, doc: ProcessedText) -> np.ndarray:
        """Vector-table rows of the text's content words (-1: unknown), empty without vectors."""
        vectors = self.vectors(doc.language)
        if vectors is None or not doc.forms:
            return np.zeros(0, dtype=np.int64)
        return vectors.rows([form for form, keep in zip(doc.forms, doc.content) if keep])

    def _counts(self, doc: ProcessedText) -> tuple[dict[int, int], dict[int, int]]:
        """How often each n-gram column and each lexicon column occurs in a document."""
        terms: dict[int, int] = {}
        vocabulary = self.vocabulary
        for gram in grams(doc, self.ngram_max):
            column = vocabulary.get(gram)
            if column is not None:
                terms[column] = terms.get(column, 0) + 1
        lexicon: dict[int, int] = {}
        goal_offset = self.n_terms - 1
        entry_offset = self.n_terms + N_GOALS
        for entry, _, _ in doc.matches:
            if entry < len(self.entry_goals):
                for column in (goal_offset + int(self.entry_goals[entry]), entry_offset + entry):
                    lexicon[column] = lexicon.get(column, 0) + 1
        return terms, lexicon

    def transform(self, docs: Sequence[ProcessedText]) -> sparse.csr_matrix:
        """Rows: sublinear TF-IDF of the n-grams (L2-normalised), then weighted lexicon counts."""
        term_rows, lexicon_rows = [], []
        for doc in docs:
            terms, lexicon = self._counts(doc)
            term_rows.append(terms)
            lexicon_rows.append(lexicon)
        terms = _csr(term_rows, self.n_features)
        terms.data = np.log1p(terms.data) * self.idf[terms.indices]
        norms = np.sqrt(np.asarray(terms.multiply(terms).sum(axis=1)).ravel())
        terms = sparse.diags(np.divide(1.0, norms, out=np.zeros_like(norms), where=norms > 0)) @ terms
        lexicon = _csr(lexicon_rows, self.n_features)
        lexicon.data = self.lexicon_weight * np.log1p(lexicon.data)
        features = terms + lexicon
        if self.vector_languages:
            features = features + self._dense(docs)
        return features.tocsr()

    def _dense(self, docs: Sequence[ProcessedText]) -> sparse.csr_matrix:
        """The word-vector blocks: the unit direction of a text's summed content-word vectors."""
        rows, columns, values = [], [], []
        for i, doc in enumerate(docs):
            vectors = self.vectors(doc.language)
            found = self.dense_rows(doc)
            found = found[found >= 0]
            if vectors is None or len(found) == 0:
                continue
            direction = vectors.direction(found)
            offset = self.vector_offset(doc.language)
            rows.append(np.full(self.vector_width, i))
            columns.append(np.arange(offset, offset + self.vector_width))
            values.append(self.vector_weight * direction)
        if not rows:
            return sparse.csr_matrix((len(docs), self.n_features))
        return sparse.csr_matrix(
            (np.concatenate(values), (np.concatenate(rows), np.concatenate(columns))), shape=(len(docs), self.n_features)
        )

    def feature_names(self) -> list[str]:
        names = [""] * self.n_terms
        for gram, column in self.vocabulary.items():
            names[column] = gram
        names += [f"lexicon:goal:{g}" for g in range(1, N_GOALS + 1)]
        names += [f"lexicon:entry:{i}" for i in range(len(self.entry_goals))]
        names += [f"vector:{lang}:{k}" for lang in self.vector_languages for k in range(self.vector_width)]
        return names


def _csr(rows: list[dict[int, int]], n_columns: int) -> sparse.csr_matrix:
    indptr = np.cumsum([0] + [len(row) for row in rows])
    indices = np.fromiter((c for row in rows for c in row), dtype=np.int64, count=int(indptr[-1]))
    data = np.fromiter((v for row in rows for v in row.values()), dtype=np.float64, count=int(indptr[-1]))
    return sparse.csr_matrix((data, indices, indptr), shape=(len(rows), n_columns))
