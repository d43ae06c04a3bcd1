"""Documents: read PDF, DOCX, HTML, Markdown and plain-text files, and map them to the SDGs
section by section.

>>> import sdgmap
>>> doc = sdgmap.read_document("report.pdf")                       # doctest: +SKIP
>>> reading = sdgmap.load().classify_document(doc)                 # doctest: +SKIP
>>> [(g.goal, g.pages) for g in reading.goals if g.selected]       # doctest: +SKIP

The parsing libraries (pypdf, python-docx; markdown-it-py) are imported only when a file
of their format is read: ``pip install 'sdgmap[documents]'``.
"""

from ._classify import classify_document, iter_section_results
from ._formats import detect_format
from ._models import Document, DocumentClassification, DocumentGoal, Section, SectionClassification
from ._read import MAX_CHARS, DocumentStream, open_document, read_document
from ._registry import Block, ReadContext, readers, register_reader

__all__ = [
    "MAX_CHARS",
    "Block",
    "Document",
    "DocumentClassification",
    "DocumentGoal",
    "DocumentStream",
    "ReadContext",
    "Section",
    "SectionClassification",
    "classify_document",
    "detect_format",
    "iter_section_results",
    "open_document",
    "read_document",
    "readers",
    "register_reader",
]
