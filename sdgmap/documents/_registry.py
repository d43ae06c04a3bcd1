"""Readers per format, registered by name (as spaCy's registries); ``_formats`` picks one for a file.

A reader is a generator ``read(path, context) -> Iterator[Block]`` over the document in
reading order. It is registered with the suffixes it claims and a ``sniff`` test on the
file's first bytes, so the format is chosen by content as well as by suffix.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

BlockKind = Literal["paragraph", "heading", "empty_page", "image_page"]


@dataclass(frozen=True, slots=True)
class Block:
    """A unit of text in reading order: a paragraph, a heading, or a page with no text."""

    text: str
    page: int | None = None
    kind: BlockKind = "paragraph"
    label: str | None = None  # a heading's title when it differs from its text (e.g. not in the text)


@dataclass
class ReadContext:
    """What a reader learns besides blocks: page count, title, and coded warnings."""

    path: Path
    format: str
    pages: int | None = None
    title: str | None = None
    warnings: list[str] = field(default_factory=list)


Read = Callable[[Path, ReadContext], Iterator[Block]]
Sniff = Callable[[bytes, Path], bool]


@dataclass(frozen=True, slots=True)
class Reader:
    name: str
    read: Read
    suffixes: tuple[str, ...]
    sniff: Sniff
    binary: bool  # True when content alone can tell the format for sure (a magic number)
    order: int  # text formats are sniffed in this order (plain text, which takes anything, last)


readers: dict[str, Reader] = {}


def register_reader(name: str, *, suffixes: tuple[str, ...], sniff: Sniff, binary: bool = False, order: int = 50):
    """Register ``read`` as the reader of format ``name`` (a decorator)."""

    def decorate(read: Read) -> Read:
        readers[name] = Reader(name, read, tuple(s.lower() for s in suffixes), sniff, binary, order)
        return read

    return decorate
