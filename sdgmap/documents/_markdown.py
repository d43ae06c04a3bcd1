"""Markdown (CommonMark) with markdown-it-py (MIT, pure Python): headings, paragraphs, lists,
quotes, tables and code, as plain text (emphasis marks and link targets dropped)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from ._messages import DocumentErrors
from ._plain import decode, looks_like_text
from ._registry import Block, ReadContext, register_reader

_ATX = re.compile(rb"(?m)^#{1,6}[ \t]+\S")
_FRONT_MATTER = re.compile(r"\A---\n.*?\n(---|\.\.\.)\n", re.DOTALL)


def _sniff(head: bytes, path: Path) -> bool:
    return looks_like_text(head) and bool(_ATX.search(head))


def _inline_text(token) -> str:
    parts = []
    for child in token.children or ():
        if child.type in ("text", "code_inline", "html_inline"):
            parts.append(child.content if child.type != "html_inline" else "")
        elif child.type == "softbreak":
            parts.append("\n")
        elif child.type == "hardbreak":
            parts.append("\n")
        elif child.type == "image":
            parts.append(child.content)
    return "".join(parts)


@register_reader("markdown", suffixes=(".md", ".markdown", ".mdown", ".mkd"), sniff=_sniff)
def read_markdown(path: Path, context: ReadContext) -> Iterator[Block]:
    try:
        from markdown_it import MarkdownIt
    except ImportError:  # pragma: no cover - depends on the installation
        raise ImportError(DocumentErrors.E064.format(format="Markdown", package="markdown-it-py")) from None
    source = _FRONT_MATTER.sub("", decode(path.read_bytes()).replace("\r\n", "\n"), count=1)
    tokens = MarkdownIt("commonmark").enable("table").parse(source)
    heading = cell = False
    row: list[str] = []
    for token in tokens:
        if token.type == "heading_open":
            heading = True
        elif token.type == "heading_close":
            heading = False
        elif token.type in ("th_open", "td_open"):
            cell = True
        elif token.type in ("th_close", "td_close"):
            cell = False
        elif token.type == "tr_open":
            row = []
        elif token.type == "tr_close" and any(row):
            yield Block(" | ".join(text for text in row if text), None)
        elif token.type == "inline":
            text = _inline_text(token).strip()
            if cell:
                row.append(text)
            elif text:
                if heading and context.title is None and token.map is not None:
                    context.title = text  # the first heading names the document
                yield Block(text, None, "heading" if heading else "paragraph")
        elif token.type in ("fence", "code_block"):
            text = token.content.strip()
            if text:
                yield Block(text, None)
