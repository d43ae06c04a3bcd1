"""The bilingual SDG lexicon: terms that signal each goal and target, in English and French.

The lexicon is our own data (``data/lexicon/goal_XX.json``), usable on its own
(:meth:`Lexicon.match`) and as language-independent features for the classifier: a French
"jardin partagé" and an English "shared garden" fire the same entry.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from .lang import registered_languages
from .util._resources import data_dir

Lemmatise = Callable[[str, str], tuple[str, ...]]
Patterns = dict[str, list[tuple[tuple[str, ...], int]]]


@dataclass(frozen=True, slots=True)
class LexiconEntry:
    """A group of terms for one goal, or for one target of it (``target`` is None at goal level)."""

    goal: int
    target: str | None
    terms: dict[str, tuple[str, ...]]


class Lexicon:
    """All lexicon entries, with a matcher that works on lemmas (so plurals and inflections match)."""

    def __init__(self, entries: list[LexiconEntry], version: str) -> None:
        self.entries = tuple(entries)
        self.version = version

    @classmethod
    def load(cls, path: str | Path | None = None) -> Lexicon:
        folder = Path(path) if path is not None else data_dir() / "lexicon"
        files = sorted(folder.glob("goal_*.json"))
        digest = hashlib.sha256()
        entries = []
        for file in files:
            raw = file.read_bytes()
            digest.update(raw)
            data = json.loads(raw)
            for item in data["entries"]:
                terms = {lang: tuple(item.get(lang, ())) for lang in registered_languages()}
                entries.append(LexiconEntry(goal=int(data["goal"]), target=item.get("target"), terms=terms))
        return cls(entries, version=digest.hexdigest()[:12])

    def __len__(self) -> int:
        return len(self.entries)

    def terms(self, goal: int | None = None, target: str | None = None, language: str | None = None) -> list[str]:
        """Terms for a goal and/or target, in one language or all."""
        found: list[str] = []
        for entry in self.entries:
            if goal is not None and entry.goal != goal:
                continue
            if target is not None and entry.target != target:
                continue
            for lang, words in entry.terms.items():
                if language is None or lang == language:
                    found.extend(words)
        return found

    def compile(self, language: str, lemmatise: Lemmatise) -> Patterns:
        """The terms of one language as lemma sequences, indexed by their first lemma."""
        by_first: Patterns = {}
        for index, entry in enumerate(self.entries):
            for term in entry.terms.get(language, ()):
                lemmas = lemmatise(term, language)
                if lemmas:
                    by_first.setdefault(lemmas[0], []).append((lemmas, index))
        return by_first

    @staticmethod
    def match(lemmas: Sequence[str], patterns: Patterns) -> list[tuple[int, int, int]]:
        """Longest non-overlapping matches as (entry index, first token, one past last token)."""
        lemmas = tuple(lemmas)
        matches = []
        free_from = 0  # matches do not overlap: the next one starts at or after this token
        for i in [i for i, lemma in enumerate(lemmas) if lemma in patterns]:
            if i < free_from:
                continue
            best = None
            for sequence, entry in patterns[lemmas[i]]:
                n = len(sequence)
                if lemmas[i : i + n] == sequence and (best is None or n > len(best[0])):
                    best = (sequence, entry)
            if best is not None:
                matches.append((best[1], i, i + len(best[0])))
                free_from = i + len(best[0])
        return matches

    def lemmas(self, lemmatise: Lemmatise) -> Iterator[str]:
        """Every lemma the lexicon's terms use (the model keeps their lemma-table entries)."""
        for language in registered_languages():
            for patterns in self.compile(language, lemmatise).values():
                for sequence, _ in patterns:
                    yield from sequence
