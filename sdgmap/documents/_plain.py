"""Plain text: paragraphs are separated by blank lines; form feeds (``\\f``) separate pages."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from ._registry import Block, ReadContext, register_reader

_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")


def decode(data: bytes) -> str:
    """UTF-8 (with or without BOM), else UTF-16 with a BOM, else Windows-1252."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def looks_like_text(head: bytes) -> bool:
    if not head:
        return True
    if head.startswith((b"\xff\xfe", b"\xfe\xff", b"\xef\xbb\xbf")):
        return True
    if b"\x00" in head:
        return False
    controls = sum(1 for byte in head if byte < 32 and byte not in (9, 10, 12, 13))
    return controls <= len(head) // 100


def paragraphs(text: str) -> Iterator[str]:
    for part in _PARAGRAPH_BREAK.split(text.replace("\r\n", "\n").replace("\r", "\n")):
        part = part.strip()
        if part:
            yield part


@register_reader("text", suffixes=(".txt", ".text"), sniff=lambda head, path: looks_like_text(head), order=100)
def read_text(path: Path, context: ReadContext) -> Iterator[Block]:
    text = decode(path.read_bytes())
    pages = text.split("\f")
    paged = len(pages) > 1
    context.pages = len(pages) if paged else None
    for number, page in enumerate(pages, 1):
        found = False
        for paragraph in paragraphs(page):
            found = True
            yield Block(paragraph, number if paged else None)
        if paged and not found:
            yield Block("", number, "empty_page")
