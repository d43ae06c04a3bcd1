"""HTML with the standard library's parser: block elements make paragraphs, h1-h6 headings.

Scripts, styles and other non-text elements are skipped; whitespace is collapsed as a
browser would, except in ``<pre>``. HTML has no pages.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

from ._plain import decode
from ._registry import Block, ReadContext, register_reader

_SKIP = {"script", "style", "noscript", "template", "svg", "math", "head", "iframe", "object", "canvas", "select"}
_BLOCK = {
    "p", "div", "section", "article", "main", "header", "footer", "aside", "nav", "li", "ul", "ol", "dl", "dt",
    "dd", "table", "tr", "td", "th", "caption", "blockquote", "pre", "figure", "figcaption", "form", "fieldset",
    "address", "details", "summary", "hr", "body", "html",
}
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_VOID = {"br", "hr", "img", "input", "meta", "link", "area", "base", "col", "embed", "source", "track", "wbr"}
_SPACES = re.compile(r"\s+")
_SNIFF = re.compile(rb"^\s*(<\?xml[^>]*>\s*)?(<!--.*?-->\s*)*<(!doctype\s+html|html|head|body|p|div|h[1-6])\b",
                    re.IGNORECASE | re.DOTALL)


def _sniff(head: bytes, path: Path) -> bool:
    return bool(_SNIFF.match(head.lstrip(b"\xef\xbb\xbf")))


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self.title: str | None = None
        self._parts: list[str] = []
        self._skip = 0
        self._pre = 0
        self._heading = False
        self._in_title = False
        self._title_parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "title":
            self._in_title = True
        if tag in _SKIP and tag not in _VOID:
            self._skip += 1
        elif tag in _HEADINGS:
            self._flush()
            self._heading = True
        elif tag in _BLOCK:
            self._flush()
            self._pre += tag == "pre"
        elif tag == "br":
            self._parts.append("\n")

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False
        if tag in _SKIP and tag not in _VOID:
            self._skip = max(self._skip - 1, 0)
        elif tag in _HEADINGS:
            self._flush()
        elif tag in _BLOCK:
            self._flush()
            self._pre = max(self._pre - (tag == "pre"), 0)

    def handle_data(self, data):
        if self._in_title:
            self._title_parts.append(data)
        elif not self._skip:
            self._parts.append(data if self._pre else _SPACES.sub(" ", data))

    def _flush(self) -> None:
        raw = "".join(self._parts)
        self._parts = []
        text = raw.strip() if self._pre else "\n".join(line.strip() for line in raw.split("\n")).strip()
        if text:
            self.blocks.append(Block(text, None, "heading" if self._heading else "paragraph"))
        self._heading = False

    def close(self):
        super().close()
        self._flush()
        self.title = _SPACES.sub(" ", "".join(self._title_parts)).strip() or None


@register_reader("html", suffixes=(".html", ".htm", ".xhtml"), sniff=_sniff)
def read_html(path: Path, context: ReadContext) -> Iterator[Block]:
    collector = _Collector()
    collector.feed(decode(path.read_bytes()))
    collector.close()
    context.title = collector.title
    yield from collector.blocks
