"""PDF text layers, page by page, with pypdf (BSD, pure Python).

Pages are read one at a time and their parsed objects dropped, so memory follows the page,
not the document. The outline (bookmarks) gives the headings: a bookmark's title is looked
for at the start of a line on its page, and starts a section there. A page with no text
and an image is marked as scanned (OCR is not done); a page with neither, as empty.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from pathlib import Path

from ._messages import DocumentErrors, DocumentWarnings
from ._plain import paragraphs
from ._registry import Block, ReadContext, register_reader

_SPACES = re.compile(r"\s+")


def _import_pypdf():
    try:
        import pypdf
    except ImportError:  # pragma: no cover - depends on the installation
        raise ImportError(DocumentErrors.E064.format(format="PDF", package="pypdf")) from None
    return pypdf


def _sniff(head: bytes, path: Path) -> bool:
    return b"%PDF-" in head[:1024]


@register_reader("pdf", suffixes=(".pdf",), sniff=_sniff, binary=True)
def read_pdf(path: Path, context: ReadContext) -> Iterator[Block]:
    pypdf = _import_pypdf()
    logger = logging.getLogger("pypdf")
    level = logger.level
    logger.setLevel(logging.ERROR)  # its repair notes ("EOF marker not found") would go to stderr
    try:
        yield from _read(pypdf, path, context)
    finally:
        logger.setLevel(level)


def _read(pypdf, path: Path, context: ReadContext) -> Iterator[Block]:
    from pypdf.errors import PyPdfError

    name = path.name
    try:
        reader = pypdf.PdfReader(path)
        if reader.is_encrypted and not _decrypt(reader):
            raise ValueError(DocumentErrors.E062.format(path=path))
        count = len(reader.pages)
        outline = _outline(reader)
        context.title = _title(reader)
    except ValueError as error:
        if str(error).startswith("[E062]"):
            raise
        raise ValueError(DocumentErrors.E061.format(path=path, format="PDF", reason=_reason(error))) from None
    except (PyPdfError, OSError, KeyError, TypeError, AttributeError, IndexError, RecursionError, AssertionError) as error:
        raise ValueError(DocumentErrors.E061.format(path=path, format="PDF", reason=_reason(error))) from None
    context.pages = count
    for index in range(count):
        number = index + 1
        try:
            page = reader.pages[index]
            text = page.extract_text() or ""
            has_image = not text.strip() and _has_images(page)
        except Exception as error:  # noqa: BLE001 - any damage on one page must not stop the others
            context.warnings.append(DocumentWarnings.W062.format(path=name, page=number, reason=_reason(error)))
            continue
        finally:
            _forget(reader)
        text = text.replace("\x00", "").replace("\r\n", "\n").replace("\r", "\n")
        if not text.strip():  # reported by the stream: W060 (scanned), W061 (empty), E063 (all scanned)
            yield Block("", number, "image_page" if has_image else "empty_page")
            continue
        yield from _page_blocks(text, number, outline.get(index, ()))


def _decrypt(reader) -> bool:
    # Many PDFs are "encrypted" with an empty user password (only printing or copying is
    # restricted): those open; a real password does not.
    try:
        return bool(reader.decrypt(""))
    except Exception:  # noqa: BLE001 - an unsupported cipher is as closed as a password
        return False


def _outline(reader) -> dict[int, tuple[str, ...]]:
    """Page index → bookmark titles on that page, in outline order."""
    found: dict[int, list[str]] = {}

    def walk(items) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item)
                continue
            try:
                index = reader.get_destination_page_number(item)
                title = _SPACES.sub(" ", str(item.title or "")).strip()
            except Exception:  # noqa: BLE001 - a broken bookmark is only a missing heading
                continue
            if title and index is not None and index >= 0:
                found.setdefault(index, []).append(title[:300])

    try:
        walk(reader.outline)
    except Exception:  # noqa: BLE001
        return {}
    return {index: tuple(titles) for index, titles in found.items()}


def _title(reader) -> str | None:
    try:
        title = reader.metadata.title if reader.metadata else None
    except Exception:  # noqa: BLE001
        return None
    title = _SPACES.sub(" ", str(title)).strip() if title else ""
    return title or None


def _page_blocks(text: str, number: int, titles: tuple[str, ...]) -> Iterator[Block]:
    """The page's paragraphs, with each bookmark title found at a line start made a heading."""
    cuts: list[tuple[int, int, str]] = []  # (start, end, title) of headings found in the text
    position = 0
    for title in titles:
        found = _find_line(text, title, position)
        if found is None:
            cuts.append((position, position, title))  # not in the text: starts a section here
        else:
            cuts.append((found[0], found[1], title))
            position = found[1]
    position = 0
    for start, end, title in cuts:
        for paragraph in paragraphs(text[position:start]):
            yield Block(paragraph, number)
        # A title not found in the text still starts a section (an empty heading block).
        yield Block(text[start:end].strip(), number, "heading", title)
        position = max(position, end)
    for paragraph in paragraphs(text[position:]):
        yield Block(paragraph, number)


def _find_line(text: str, title: str, start: int) -> tuple[int, int] | None:
    """Span of the line(s) at or after ``start`` that begin with ``title`` (spaces loose)."""
    words = [re.escape(word) for word in title.split()]
    if not words:
        return None
    pattern = re.compile(r"(?im)^[ \t]*(" + r"\s+".join(words) + r")[^\n]*")
    match = pattern.search(text, start)
    if match is None:
        return None
    return match.start(1), match.end()


def _has_images(page) -> bool:
    try:
        resources = page.get("/Resources") or {}
        resources = resources.get_object() if hasattr(resources, "get_object") else resources
        objects = resources.get("/XObject") or {}
        objects = objects.get_object() if hasattr(objects, "get_object") else objects
        return any(objects[key].get_object().get("/Subtype") == "/Image" for key in objects)
    except Exception:  # noqa: BLE001
        return False


def _forget(reader) -> None:
    # pypdf keeps every object it has parsed (content streams included) for the reader's
    # life: drop them after each page so a long document streams.
    cache = getattr(reader, "resolved_objects", None)
    if isinstance(cache, dict):
        cache.clear()


def _reason(error: BaseException) -> str:
    return (str(error) or type(error).__name__).splitlines()[0][:200]
