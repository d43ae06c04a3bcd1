"""Picking the reader of a file: by name, or by what its bytes prove, its suffix, then its content.

The bundled readers register themselves when their modules are imported (on first use here);
they import on ``_registry`` only, so the readers never import this module back.
"""

from __future__ import annotations

from pathlib import Path

from ._messages import DocumentErrors, DocumentWarnings
from ._registry import Reader, readers

HEAD_BYTES = 4096


def get_reader(name: str) -> Reader:
    load_builtin()
    if name not in readers:
        raise ValueError(DocumentErrors.E066.format(name=name, options=sorted(readers)))
    return readers[name]


def detect_format(path: Path, warnings: list[str] | None = None) -> str:
    """The format of ``path``: a format its bytes prove (PDF, DOCX) wins over the suffix; then
    the suffix; then a text format its content looks like; else ``ValueError`` (E060)."""
    load_builtin()
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


def load_builtin() -> None:
    # Importing the modules registers the bundled readers; their libraries load only when used.
    from . import _docx, _html, _markdown, _pdf, _plain  # noqa: F401
