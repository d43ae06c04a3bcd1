"""Word documents (DOCX) with python-docx (MIT): paragraphs and tables in body order.

Headings are paragraphs whose style is a heading or title (any language: the built-in
style ids are "Heading1"... and "Title" whatever the display name) or that carry an outline
level. DOCX has no fixed pages, so sections carry no page number.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from pathlib import Path

from ._messages import DocumentErrors
from ._registry import Block, ReadContext, register_reader

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_HEADING_STYLE = re.compile(r"^(heading|titre|title|berschrift|t[ií]tulo)\s*\d*$", re.IGNORECASE)
_SPACES = re.compile(r"[ \t]+")


def _sniff(head: bytes, path: Path) -> bool:
    if not head.startswith(b"PK\x03\x04"):
        return False
    try:
        with zipfile.ZipFile(path) as archive:
            return "word/document.xml" in archive.namelist()
    except (zipfile.BadZipFile, OSError):
        return False


@register_reader("docx", suffixes=(".docx",), sniff=_sniff, binary=True)
def read_docx(path: Path, context: ReadContext) -> Iterator[Block]:
    try:
        import docx
    except ImportError:  # pragma: no cover - depends on the installation
        raise ImportError(DocumentErrors.E064.format(format="DOCX", package="python-docx")) from None
    try:
        document = docx.Document(str(path))
        context.title = (document.core_properties.title or "").strip() or None
        body = document.element.body
    except Exception as error:  # noqa: BLE001 - zip, XML and package errors all mean "not readable"
        reason = (str(error) or type(error).__name__).splitlines()[0][:200]
        raise ValueError(DocumentErrors.E061.format(path=path, format="DOCX", reason=reason)) from None
    styles = _heading_styles(document)
    for element in body.iterchildren():
        if element.tag == _W + "p":
            text = _paragraph_text(element).strip()
            if text:
                yield Block(text, None, "heading" if _is_heading(element, styles) else "paragraph")
        elif element.tag == _W + "tbl":
            for row in element.iter(_W + "tr"):
                cells = [" ".join(_paragraph_text(p).strip() for p in cell.iter(_W + "p")).strip()
                         for cell in row.iter(_W + "tc")]
                line = " | ".join(cell for cell in cells if cell)
                if line:
                    yield Block(line, None)


def _heading_styles(document) -> set[str]:
    """Style ids that are headings: by id or name, or by an outline level in the style."""
    found = set()
    for style in document.styles:
        try:
            names = (style.style_id or "", style.name or "")
            level = style.element.find(f"{_W}pPr/{_W}outlineLvl")
        except Exception:  # noqa: BLE001
            continue
        if any(_HEADING_STYLE.match(name) for name in names) or level is not None:
            found.add(style.style_id)
    return found


def _is_heading(paragraph, styles: set[str]) -> bool:
    style = paragraph.find(f"{_W}pPr/{_W}pStyle")
    if style is not None and style.get(_W + "val") in styles:
        return True
    return paragraph.find(f"{_W}pPr/{_W}outlineLvl") is not None


def _paragraph_text(paragraph) -> str:
    parts = []
    for node in paragraph.iter(_W + "t", _W + "tab", _W + "br", _W + "cr"):
        if node.tag == _W + "t":
            parts.append(node.text or "")
        elif node.tag == _W + "tab":
            parts.append(" ")
        else:
            parts.append("\n")
    return _SPACES.sub(" ", "".join(parts))
