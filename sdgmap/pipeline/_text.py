"""Text processing: language detection, tokens with exact offsets, lemmas, sentences.

spaCy's rule-based tokenizer does the splitting (it knows French elisions and English
contractions); lemmas come from a lookup table bundled with the model, so the pipeline
needs no tagger, no parser and no download. Offsets always point into the caller's text.
"""

from __future__ import annotations

import re
import unicodedata
import warnings
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..errors import Errors, Warnings
from ..lang import get_language, registered_languages
from ..util import DEFAULT_MAX_LENGTH
from ._clean import CleanText, clean

if TYPE_CHECKING:
    from ..lexicon import Lexicon

_MAX_CACHED_WORDS = 200_000
_WORD_TOKEN, _SENTENCE_BREAK, _SPACE = 0, 1, 2
_SENTENCE_END = frozenset(".!?…;")
_WORD = re.compile(r"[^\W\d_]", re.UNICODE)
_DETECT_TOKENS = re.compile(r"[^\W\d_]+'?|'", re.UNICODE)
# Lone surrogates ("\udcff" from errors="surrogateescape") cannot be encoded as UTF-8,
# which the tokenizer needs: it reads U+FFFD in their place (same length, same offsets).
_SURROGATE = re.compile("[\ud800-\udfff]")
# spaCy strips prefixes and suffixes one at a time, so its time grows with the square of a
# chunk's length: 8,000 brackets or emoji without a space take seconds, 100,000 a quarter
# of an hour. Longer runs without whitespace are tokenized in pieces of this many
# characters (no word is this long; a longer URL is cut in two, each piece unknown anyway).
_MAX_CHUNK = 100
_LONG_CHUNK = re.compile(rf"\S{{{_MAX_CHUNK + 1},}}")


@dataclass(frozen=True, slots=True)
class ProcessedText:
    """A text as the model sees it. Token ``i`` spans ``text[starts[i]:ends[i]]``."""

    text: str
    language: str
    starts: tuple[int, ...]
    ends: tuple[int, ...]
    lemmas: tuple[str, ...]
    # True for tokens that carry topic (not stop words, not punctuation or numbers).
    content: tuple[bool, ...]
    # (first token, one past last token) for each sentence.
    sentences: tuple[tuple[int, int], ...]
    truncated: bool = False
    # Lexicon hits as (entry index, first token, one past last token).
    matches: tuple[tuple[int, int, int], ...] = ()
    # Each token as the word vectors look it up (lower-case, HTML entities decoded).
    forms: tuple[str, ...] = ()

    def __len__(self) -> int:
        return len(self.lemmas)

    def sentence_span(self, index: int) -> tuple[int, int]:
        first, last = self.sentences[index]
        return self.starts[first], self.ends[last - 1]


def check_text(text: object) -> str:
    if not isinstance(text, str):
        raise TypeError(Errors.E001.format(type=type(text).__name__))
    return text


def detect_language(text: str, default: str = "en") -> str:
    """Guess the language from its function words; accents break ties.

    Function words are frequent even in one sentence, which makes this both fast and
    reliable on the short descriptions platforms publish. Unknown or empty text gets
    ``default``.
    """
    sample = text[:2000].lower()
    words = Counter(_DETECT_TOKENS.findall(sample.replace("’", "'")))
    counts: dict[str, float] = {code: sum(n for word, n in words.items() if word in get_language(code).function_words)
              for code in registered_languages()}
    for code in counts:
        letters = get_language(code).hint_letters
        if letters and any(letter in sample for letter in letters):
            counts[code] += 0.5
    best = max(counts.items(), key=lambda item: (item[1], item[0] == default))
    return best[0] if best[1] > 0 else default


class TextProcessor:
    """Turns raw text into :class:`ProcessedText`, one spaCy tokenizer per language.

    Tokenizers are built on first use of a language, so loading stays fast when a
    corpus is all one language.
    """

    def __init__(
        self,
        lemma_tables: Mapping[str, Mapping[str, str]] | None = None,
        lexicon: Lexicon | None = None,
        max_length: int = DEFAULT_MAX_LENGTH,
        known_lemmas: frozenset[str] | None = None,
    ) -> None:
        self.lemma_tables = dict(lemma_tables or {})
        self.lexicon = lexicon
        self.max_length = max_length
        # The model's vocabulary: unknown words of a language with cognate endings are
        # mapped to a known cognate (None: no mapping, as when training).
        self.known_lemmas = known_lemmas
        self._words: dict[str, dict[str, tuple[str, bool, int, str]]] = {}
        self._patterns: dict[str, dict] = {}
        self._tokenizers: dict[str, Any] = {}

    def use_vocabulary(self, known_lemmas: frozenset[str] | None) -> None:
        """Map unknown words to known cognates from now on (lexicon terms included)."""
        self.known_lemmas = known_lemmas
        self._words.clear()
        self._patterns.clear()

    def _tokenizer(self, language: str):
        tokenizer = self._tokenizers.get(language)
        # spaCy's vocabulary keeps every string it has seen, so new words (typos, URLs, any
        # text from the public) grow it for ever: start a fresh tokenizer past the bound.
        # Tokens do not depend on what the vocabulary holds, so results stay the same.
        if tokenizer is not None and len(tokenizer.vocab.strings) > _MAX_CACHED_WORDS:
            del self._tokenizers[language]
        if language not in self._tokenizers:
            import spacy

            self._tokenizers[language] = spacy.blank(get_language(language).spacy_lang).tokenizer
        return self._tokenizers[language]

    def process(self, text: str, language: str | None = None) -> ProcessedText:
        check_text(text)
        if type(text) is not str:  # a str subclass (numpy.str_, Markup...): its plain characters
            text = str.__str__(text)
        truncated = len(text) > self.max_length
        if truncated:
            warnings.warn(Warnings.W001.format(length=len(text), limit=self.max_length), stacklevel=3)
            text = text[: self.max_length]
        cleaned = clean(text)
        if language is None:
            language = detect_language(cleaned.text)
        else:
            get_language(language)
        return self._analyse(text, language, truncated, with_lexicon=True, cleaned=cleaned)

    def lemmatise(self, text: str, language: str) -> tuple[str, ...]:
        """Lemmas of a short phrase (how lexicon terms are compared with texts)."""
        return self._analyse(text, language, False, with_lexicon=False).lemmas

    def pipe(self, texts: Iterable[str], language: str | None = None) -> Iterator[ProcessedText]:
        for text in texts:
            yield self.process(text, language)

    def _analyse(
        self, text: str, language: str, truncated: bool, with_lexicon: bool, cleaned: CleanText | None = None
    ) -> ProcessedText:
        words = self._words.setdefault(language, {})
        if len(words) > _MAX_CACHED_WORDS:  # bounded, whatever the input
            words.clear()
        starts: list[int] = []
        ends: list[int] = []
        lemmas: list[str] = []
        forms: list[str] = []
        content: list[bool] = []
        sentences: list[tuple[int, int]] = []
        sentence_start = 0
        cleaned = cleaned or clean(text)
        readable = cleaned.text if cleaned.text.isascii() else _SURROGATE.sub("\ufffd", cleaned.text)
        # Offsets in the cleaned text map back to the caller's (only when cleaning changed it).
        mapped_starts, mapped_ends = cleaned.starts, cleaned.ends
        mapped = mapped_starts is not None
        for start, length in self._tokens(readable, language):
            raw = readable[start : start + length]
            word = words.get(raw)
            if word is None:
                word = words[raw] = self._word(raw, language)
            lemma, is_content, kind, form = word
            if kind == _SPACE:
                if "\n" in raw and len(lemmas) > sentence_start:
                    sentences.append((sentence_start, len(lemmas)))
                    sentence_start = len(lemmas)
                continue
            if mapped:
                assert mapped_starts is not None and mapped_ends is not None
                start, length = mapped_starts[start], mapped_ends[start + length - 1] - mapped_starts[start]
            starts.append(start)
            ends.append(start + length)
            lemmas.append(lemma)
            forms.append(form)
            content.append(is_content)
            if kind == _SENTENCE_BREAK:
                sentences.append((sentence_start, len(lemmas)))
                sentence_start = len(lemmas)
        if len(lemmas) > sentence_start:
            sentences.append((sentence_start, len(lemmas)))
        matches: tuple[tuple[int, int, int], ...] = ()
        if with_lexicon and self.lexicon is not None:
            if language not in self._patterns:
                self._patterns[language] = self.lexicon.compile(language, self.lemmatise)
            matches = tuple(self.lexicon.match(lemmas, self._patterns[language]))
        return ProcessedText(
            text=text,
            language=language,
            starts=tuple(starts),
            ends=tuple(ends),
            lemmas=tuple(lemmas),
            content=tuple(content),
            sentences=tuple(sentences),
            truncated=truncated,
            matches=matches,
            forms=tuple(forms),
        )

    def _tokens(self, text: str, language: str) -> list[list[int]]:
        """[offset, length] of spaCy's tokens, long runs without whitespace cut in pieces."""
        from spacy.attrs import IDX, LENGTH

        tokenizer = self._tokenizer(language)
        cuts = [
            cut for run in _LONG_CHUNK.finditer(text) for cut in range(run.start() + _MAX_CHUNK, run.end(), _MAX_CHUNK)
        ]
        if not cuts:  # the usual case: one call, no per-token Python work
            doc = tokenizer(text)
            return doc.to_array([IDX, LENGTH]).tolist() if len(doc) else []
        bounds = [0, *cuts, len(text)]
        tokens = []
        for first, last in zip(bounds, bounds[1:]):
            doc = tokenizer(text[first:last])
            if len(doc):
                tokens += [[first + start, length] for start, length in doc.to_array([IDX, LENGTH]).tolist()]
        return tokens

    def _word(self, raw: str, language: str) -> tuple[str, bool, int, str]:
        """(lemma, carries topic, kind, normalised form) of one token text, cached per language."""
        if raw.isspace():
            return raw, False, _SPACE, raw
        defaults = get_language(language)
        norm = _normalise(raw)
        lemma = self.lemma_tables.get(language, {}).get(norm, norm)
        if self.known_lemmas is not None and defaults.cognate_endings and lemma not in self.known_lemmas:
            lemma = _cognate(lemma, self.known_lemmas, defaults.cognate_endings)
        stop_words = defaults.stop_words
        is_content = len(norm) > 1 and _WORD.search(norm) is not None and norm not in stop_words and lemma not in stop_words
        kind = _SENTENCE_BREAK if set(raw) <= _SENTENCE_END else _WORD_TOKEN
        return lemma, is_content, kind, norm


def _cognate(lemma: str, known: frozenset[str], endings) -> str:
    bare = _strip_accents(lemma)
    for ending, english in endings:
        if bare.endswith(ending) and len(bare) - len(ending) >= 3:
            candidate = bare[: len(bare) - len(ending)] + english
            if len(candidate) >= 5 and candidate in known:  # short stems make false friends
                return candidate
    return lemma


def _strip_accents(word: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c))


def _normalise(token: str) -> str:
    # Lower-case, one apostrophe, composed accents: the key shape of the lemma tables.
    token = token.lower().replace("’", "'")
    return token if token.isascii() else unicodedata.normalize("NFC", token)
