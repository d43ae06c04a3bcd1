"""Readers per format, registered by name (as spaCy's registries), and picking one for a file.

A reader is a generator ``read(path, context) -> Iterator[Block]`` over the document in
reading order. It is registered with the suffixes it claims and a ``sniff`` test on the
file's first bytes, so the format is chosen by content as well as by suffix.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from ._messages import DocumentErrors, DocumentWarnings

HEAD_BYTES = 4096

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


def get_reader(name: str) -> Reader:
    _load_builtin()
    if name not in readers:
        raise ValueError(DocumentErrors.E066.format(name=name, options=sorted(readers)))
    return readers[name]


def detect_format(path: Path, warnings: list[str] | None = None) -> str:
    """The format of ``path``: a format its bytes prove (PDF, DOCX) wins over the suffix; then
    the suffix; then a text format its content looks like; else ``ValueError`` (E060)."""
    _load_builtin()
    with path.open("rb") as handle:
        head = handle.read(HEAD_BYTES)
    suffix = path.suffix.lower()
    claimed = next((r.name for r in readers.values() if suffix in r.suffixes), None)
    proven = next((r.name for r in readers.values() if r.binary and r.sniff(head, path)), None)
    if proven is not None:
        if claimed is not None and claimed != proven and warnings is not None:
            warnings.append(DocumentWarnings.W064.format(path=path.name, suffix=suffix, claimed=claimed, format=proven))
        return proven
    if claimed is not None:
        return claimed  # a damaged PDF or DOCX fails in its own reader, with its own message
    for reader in sorted(readers.values(), key=lambda r: r.order):
        if not reader.binary and reader.sniff(head, path):
            return reader.name
    found = "binary content" if b"\x00" in head else "an unknown kind of content"
    raise ValueError(DocumentErrors.E060.format(path=path, found=found))


def _load_builtin() -> None:
    # Importing the modules registers the bundled readers; their libraries load only when used.
    from . import _docx, _html, _markdown, _pdf, _plain  # noqa: F401
