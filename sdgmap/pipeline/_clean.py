"""Web-page noise out of a text before tokenizing, with a map back to the caller's offsets.

Descriptions copied from platforms carry HTML entities (``&amp;``, ``&eacute;``, often escaped
twice) and stray tags. Read as they are, "&amp;" becomes the word "amp" and "d&eacute;chets"
two unknown words. Entities are decoded and tags become spaces; every character of the
cleaned text remembers the span of the original it came from, so evidence offsets still
point into the text the caller gave.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

# An entity (possibly escaped twice, "&amp;eacute;"), a tag-like run "<...>" without a
# newline or another "<" inside (a lone "<" in "a < b" is left alone), or an invisible
# character glued to a word (zero-width spaces and joiners, word joiner, BOM, NUL).
_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\x00"
_NOISE = re.compile(
    r"&(?:amp;)?(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});|<[A-Za-z/!][^<>\n]{0,300}>"
    f"|[{_INVISIBLE}]+"
)
_ANY_NOISE = re.compile(f"[&<{_INVISIBLE}]")
_SPACES = str.maketrans({"\xa0": " ", "\u202f": " ", "\u2009": " "})


@dataclass(frozen=True, slots=True)
class CleanText:
    """Cleaned text; character ``j`` of it comes from ``original[starts[j]:ends[j]]``.

    ``starts`` and ``ends`` are None when nothing changed (the usual case: no copy, no map).
    """

    text: str
    starts: tuple[int, ...] | None = None
    ends: tuple[int, ...] | None = None


def clean(text: str) -> CleanText:
    """Decode HTML entities, blank out tags, drop invisible characters; keep a map to the
    original offsets."""
    if not _ANY_NOISE.search(text):
        return CleanText(text.translate(_SPACES) if "\xa0" in text or "\u202f" in text else text)
    pieces: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    last = 0
    for match in _NOISE.finditer(text):
        first, stop = match.span()
        if first > last:
            pieces.append(text[last:first])
            starts.extend(range(last, first))
            ends.extend(range(last + 1, first + 1))
        raw = match.group()
        if raw[0] in _INVISIBLE:
            replacement = ""
        elif raw.startswith("<"):
            replacement = " "
        else:
            replacement = html.unescape(html.unescape(raw))
        if replacement == raw:  # an unknown entity name: keep it as written
            replacement = raw
            starts.extend(range(first, stop))
            ends.extend(range(first + 1, stop + 1))
        else:
            starts.extend([first] * len(replacement))
            ends.extend([stop] * len(replacement))
        pieces.append(replacement)
        last = stop
    if last < len(text):
        pieces.append(text[last:])
        starts.extend(range(last, len(text)))
        ends.extend(range(last + 1, len(text) + 1))
    cleaned = "".join(pieces).translate(_SPACES)
    return CleanText(cleaned, tuple(starts), tuple(ends))
