"""Documents as a corpus for :func:`sdgmap.map_corpus`: one initiative per document or per
section. A file that cannot be read becomes an error row; the others go on."""

from __future__ import annotations

import os
import warnings
from collections.abc import Iterable, Iterator
from pathlib import Path

from ._classify import classify_document
from ._formats import load_builtin
from ._registry import readers

EXCERPT = 400


def document_paths(sources: Iterable[str | os.PathLike]) -> list[Path]:
    """Files given, and the files of folders given (recursively, with a document suffix), sorted."""
    load_builtin()
    suffixes = {suffix for reader in readers.values() for suffix in reader.suffixes}
    found: list[Path] = []
    for source in sources:
        path = Path(source)
        if path.is_dir():
            found += sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in suffixes
                            and not any(part.startswith(".") for part in p.relative_to(path).parts))
        else:
            found.append(path)
    return found


def document_items(model, paths: Iterable[Path], *, unit: str = "document", unreadable=None, readings: list | None = None,
                   **options) -> Iterator:
    """For each file, ``(initiative, classification)`` pairs, one per document or per section;
    ``unreadable(id, message)`` makes the item for a file that fails (an error row).
    ``readings``, if given, receives the first document's reading (for the page strip)."""
    if unit not in ("document", "section"):
        raise ValueError(f"unit must be 'document' or 'section', got {unit!r}.")
    from ..mapping import Initiative

    for path in paths:
        try:
            with warnings.catch_warnings(record=True):
                warnings.simplefilter("always")
                reading = classify_document(model, path, **options)
        except (OSError, ValueError, ImportError) as error:
            yield unreadable(path.name, str(error))
            continue
        if readings is not None and not readings and reading.sections:
            readings.append(reading)
        name = reading.title or path.stem
        if unit == "document":
            yield Initiative(id=path.name, name=name, text=reading.text[:EXCERPT], format=reading.format,
                             pages=reading.pages, sections=len(reading.sections)), reading.as_classification()
            continue
        for section in reading.sections:
            where = f"p{section.page}-" if section.page is not None else ""
            yield Initiative(id=f"{path.name}#{where}{section.index + 1}", name=section.heading or name,
                             text=section.text, document=path.name, page=section.page), section.result
