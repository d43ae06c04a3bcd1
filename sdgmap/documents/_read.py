"""From a reader's blocks to a :class:`Document`: plain text and sections with exact offsets.

Sections follow the document's headings; within a heading, paragraphs are gathered into
blocks of at most ``max_chars`` characters (a longer paragraph is cut at a sentence end or
a space); a section never spans two pages. Blocks are joined by a blank line. Everything
is a stream: :func:`iter_sections` holds one section at a time.
"""

from __future__ import annotations

import os
import re
import warnings
from collections.abc import Iterator
from pathlib import Path

from ._formats import detect_format, get_reader
from ._messages import DocumentErrors, DocumentWarnings
from ._models import Document, Section
from ._registry import Block, ReadContext

MAX_CHARS = 4000
SEPARATOR = "\n\n"
_SPACES = re.compile(r"\s+")
_SENTENCE_END = re.compile(r"[.!?;:…»)\]]\s")


class DocumentStream:
    """The sections of one document as they are read: iterate over ``(separator, Section)``
    pairs; ``format``, ``pages``, ``title`` and ``warnings`` are complete once it is exhausted."""

    def __init__(self, path: Path, format: str, max_chars: int) -> None:
        self.path = path
        self.format = format
        self.max_chars = max_chars
        self.context = ReadContext(path, format)

    @property
    def pages(self) -> int | None:
        return self.context.pages

    @property
    def title(self) -> str | None:
        return self.context.title

    @property
    def warnings(self) -> tuple[str, ...]:
        return tuple(self.context.warnings)

    def __iter__(self) -> Iterator[tuple[str, Section]]:
        reader = get_reader(self.format)
        assembler = _Assembler(self.max_chars)
        blank: dict[str, list[int]] = {"image_page": [], "empty_page": []}
        for block in reader.read(self.path, self.context):
            if block.kind in blank and block.page is not None:
                blank[block.kind].append(block.page)
            yield from assembler.feed(block)
        yield from assembler.flush()
        name, scanned, empty = self.path.name, blank["image_page"], blank["empty_page"]
        if assembler.index == 0 and scanned:
            raise ValueError(DocumentErrors.E063.format(path=self.path, pages=self.pages or len(scanned) + len(empty)))
        if scanned:
            self.context.warnings.append(DocumentWarnings.W060.format(path=name, pages=_ranges(scanned)))
        if empty:
            self.context.warnings.append(DocumentWarnings.W061.format(path=name, pages=_ranges(empty)))
        if assembler.index == 0:
            self.context.warnings.append(DocumentWarnings.W063.format(path=name))
        for message in self.context.warnings:
            warnings.warn(message, UserWarning, stacklevel=3)


def open_document(path: str | os.PathLike, *, format: str | None = None, max_chars: int = MAX_CHARS) -> DocumentStream:
    """Open a document for streaming (the format is found now; nothing else is read yet)."""
    if isinstance(path, (bytes, bytearray)) or not isinstance(path, (str, os.PathLike)):
        raise TypeError(DocumentErrors.E065.format(type=type(path).__name__))
    if not 200 <= max_chars <= 100_000:
        raise ValueError(f"max_chars must be between 200 and 100,000 characters, got {max_chars!r}.")
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(DocumentErrors.E061.format(path=path, format="document", reason="no such file"))
    notes: list[str] = []
    chosen = get_reader(format).name if format is not None else detect_format(path, notes)
    stream = DocumentStream(path, chosen, max_chars)
    stream.context.warnings.extend(notes)
    return stream


def read_document(path: str | os.PathLike, *, format: str | None = None, max_chars: int = MAX_CHARS) -> Document:
    """Read a PDF (text layer), DOCX, HTML, Markdown or plain-text file into a :class:`Document`.

    Parameters
    ----------
    path : str or path-like
        The file. Its format is told by its content (PDF and DOCX signatures, HTML tags,
        Markdown headings) as well as its suffix.
    format : str, optional
        Force a registered format ("pdf", "docx", "html", "markdown", "text").
    max_chars : int, default 4000
        Longest section: paragraphs under one heading and on one page are gathered into
        blocks of at most this many characters.

    Returns
    -------
    Document
        ``text``, and ``sections`` with ``page`` (1-based; paged formats only), ``heading``
        and ``start``/``end`` such that ``text[start:end] == section.text``.

    Raises
    ------
    ValueError
        E060 unknown format, E061 corrupt or truncated file, E062 encrypted, E063 a PDF with
        no text layer at all (scanned: OCR is not done). Pages with no text and empty pages
        are warnings (W060, W061), kept in ``Document.warnings``.

    Examples
    --------
    >>> import sdgmap, pathlib, tempfile
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "note.md"
    >>> _ = path.write_text("# Solar\\n\\nA citizen solar cooperative.\\n", encoding="utf-8")
    >>> doc = sdgmap.read_document(path)
    >>> [(s.heading, s.text) for s in doc.sections]
    [('Solar', 'Solar\\n\\nA citizen solar cooperative.')]
    """
    stream = open_document(path, format=format, max_chars=max_chars)
    parts: list[str] = []
    sections: list[Section] = []
    for separator, section in stream:
        parts += (separator, section.text)
        sections.append(section)
    return Document(source=stream.path.name, format=stream.format, title=stream.title, pages=stream.pages,
                    text="".join(parts), sections=tuple(sections), warnings=stream.warnings)


class _Assembler:
    """Gathers blocks into sections and numbers them; yields ``(separator, Section)``."""

    def __init__(self, max_chars: int) -> None:
        self.max_chars = max_chars
        self.offset = 0  # length of the document text so far
        self.index = 0
        self.heading: str | None = None
        self.page: int | None = None
        self.parts: list[str] = []
        self.only_headings = True
        self.gap = ""  # what goes between the previous section and the next one

    def feed(self, block: Block) -> Iterator[tuple[str, Section]]:
        if block.page != self.page:
            yield from self.flush()
            self.page = block.page
        if block.kind in ("empty_page", "image_page"):
            return
        if block.kind == "heading":
            if not self.only_headings:
                yield from self.flush()
            title = _SPACES.sub(" ", block.label or block.text).strip()[:300]
            self.heading = title or self.heading
            if block.text:
                self.parts.append(block.text)
            return
        text = block.text
        while text:
            used = self._length() + (len(SEPARATOR) if self.parts else 0)
            if used + len(text) <= self.max_chars:
                self.parts.append(text)
                self.only_headings = False
                return
            if not self.only_headings or self.max_chars - used < self.max_chars // 4:
                yield from self.flush()  # start afresh (headings that leave no room stand alone)
                continue
            # Too long even for a section of its own: cut it, keeping the cut's spaces between.
            head = text[: _cut(text, self.max_chars - used)].rstrip()
            rest = text[len(head):].lstrip()
            self.parts.append(head)
            self.only_headings = False
            yield from self.flush(gap=text[len(head): len(text) - len(rest)])
            text = rest

    def flush(self, gap: str | None = None) -> Iterator[tuple[str, Section]]:
        if self.parts:
            text = SEPARATOR.join(self.parts)
            separator = self.gap if self.index else ""
            start = self.offset + len(separator)
            yield separator, Section(index=self.index, page=self.page, heading=self.heading, start=start,
                                     end=start + len(text), text=text)
            self.offset = start + len(text)
            self.index += 1
            self.gap = SEPARATOR if gap is None else gap
        self.parts = []
        self.only_headings = True

    def _length(self) -> int:
        return sum(len(part) for part in self.parts) + len(SEPARATOR) * max(len(self.parts) - 1, 0)


def _cut(text: str, limit: int) -> int:
    """Where to cut ``text`` to keep at most ``limit`` characters: after the last sentence end,
    else at the last space, else at ``limit``."""
    window = text[: limit + 1]
    ends = [m.end() - 1 for m in _SENTENCE_END.finditer(window)]
    if ends and ends[-1] > limit // 3:
        return ends[-1]
    space = window.rfind(" ")
    return space if space > limit // 3 else limit


def _ranges(numbers: list[int]) -> str:
    """[1, 2, 3, 7] → "1-3, 7"."""
    parts: list[str] = []
    first = last = numbers[0]
    for number in [*numbers[1:], None]:
        if number is not None and number == last + 1:
            last = number
            continue
        parts.append(str(first) if first == last else f"{first}-{last}")
        if number is not None:
            first = last = number
    return ", ".join(parts)
