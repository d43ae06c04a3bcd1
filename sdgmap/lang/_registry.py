"""The language registry: the only list of languages the library knows."""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from functools import cached_property

from ..errors import Errors


@dataclass(frozen=True)
class LanguageDefaults:
    """What the text pipeline needs to know about one language."""

    code: str
    spacy_lang: str
    # Short, frequent words that tell this language apart from the others (detection).
    function_words: frozenset[str]
    # (ending, English ending) pairs tried, accents removed, on a word the model does not
    # know, to reach an English cognate it does know ("mobilité" → "mobility").
    cognate_endings: tuple[tuple[str, str], ...] = ()
    # Letters frequent in this language and rare in the others: half a vote in detection.
    hint_letters: str = ""
    # Import name of an installed spaCy package whose word vectors give the model a dense
    # reading of this language (None: sparse features only).
    vectors: str | None = None

    @cached_property
    def stop_words(self) -> frozenset[str]:
        """Words that carry no topic (dropped from features, kept in offsets): spaCy's list.

        Read on first use: importing ``spacy.lang.fr`` takes seconds, which ``import sdgmap``
        and ``sdgmap --help`` should not pay.
        """
        return frozenset(importlib.import_module(f"spacy.lang.{self.spacy_lang}.stop_words").STOP_WORDS)


_REGISTRY: dict[str, LanguageDefaults] = {}


def register_language(defaults: LanguageDefaults) -> LanguageDefaults:
    _REGISTRY[defaults.code] = defaults
    return defaults


def get_language(code: str) -> LanguageDefaults:
    try:
        return _REGISTRY[code]
    except (KeyError, TypeError):  # unknown, or not even a string (a list, a dict)
        raise ValueError(Errors.E003.format(lang=code, options=sorted(_REGISTRY))) from None


def registered_languages() -> tuple[str, ...]:
    return tuple(_REGISTRY)
