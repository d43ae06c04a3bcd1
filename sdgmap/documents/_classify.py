"""Reading a document for the SDGs: each section as a text, then the whole as a profile.

Only the model's public API is used (``model.classify_many``), so any object with that
method works. Sections stream through in batches: memory follows the batch, plus what the
result keeps (the text and one reading per section).
"""

from __future__ import annotations

import heapq
import os
from collections.abc import Iterator
from itertools import islice

from ._messages import DocumentErrors
from ._models import Document, DocumentClassification, DocumentGoal, Section, SectionClassification
from ._read import MAX_CHARS, open_document

MIN_SHARE = 0.05  # a goal carried by under 1/20 of the text is a passing mention, not the document's
TOP = 5
BATCH_SIZE = 32


def iter_section_results(
    model,
    source,
    *,
    language: str | None = None,
    operating_point: str | None = None,
    targets: bool = True,
    evidence: bool = False,
    max_chars: int = MAX_CHARS,
    batch_size: int = BATCH_SIZE,
    info: dict | None = None,
) -> Iterator[tuple[str, SectionClassification]]:
    """Stream ``(separator, SectionClassification)`` pairs in reading order; the separator is
    the document text between the previous section and this one. ``info``, if given, is
    filled with the document's ``source``, ``format``, ``title``, ``pages`` and ``warnings``
    once the stream is exhausted."""
    if isinstance(source, Document):
        sections = _document_sections(source)
        details = {"source": source.source, "format": source.format, "title": source.title,
                   "pages": source.pages, "warnings": source.warnings}
        stream = None
    elif isinstance(source, (str, os.PathLike)):
        stream = open_document(source, max_chars=max_chars)
        sections = iter(stream)
        details = {}
    else:
        raise TypeError(DocumentErrors.E065.format(type=type(source).__name__))
    while batch := list(islice(sections, batch_size)):
        results = model.classify_many([section.text for _, section in batch], language=language,
                                      operating_point=operating_point, targets=targets, evidence=evidence)
        for (separator, section), result in zip(batch, results):
            yield separator, SectionClassification(**section.model_dump(exclude={"text"}), text=section.text, result=result)
    if stream is not None:
        details = {"source": stream.path.name, "format": stream.format, "title": stream.title,
                   "pages": stream.pages, "warnings": stream.warnings}
    if info is not None:
        info.update(details)


def classify_document(
    model,
    source,
    *,
    language: str | None = None,
    operating_point: str | None = None,
    targets: bool = True,
    evidence: bool = False,
    systemic: bool = True,
    min_share: float = MIN_SHARE,
    top: int = TOP,
    max_chars: int = MAX_CHARS,
    batch_size: int = BATCH_SIZE,
) -> DocumentClassification:
    """Map a document to the SDGs, section by section and as a whole.

    Parameters
    ----------
    model : SDGModel
        Reads each section (``model.classify_many``).
    source : path or Document
        A file (PDF, DOCX, HTML, Markdown, plain text; read as a stream, see
        :func:`sdgmap.read_document`) or a :class:`Document` already read.
    language, operating_point, targets, evidence
        Passed to ``model.classify_many`` for each section; evidence offsets are relative
        to the section's text.
    systemic : bool, default True
        Add the systemic reading of the whole document, from the goals' length-weighted scores.
    min_share : float, default 0.05
        A goal is asserted for the document when the sections asserting it hold at least this
        share of the text.
    top : int, default 5
        How many pages (and sections) to list per goal, strongest first.
    max_chars : int, default 4000
        Longest section when reading a file.

    Returns
    -------
    DocumentClassification
    """
    if not 0.0 <= min_share <= 1.0:
        raise ValueError(f"min_share must be between 0 and 1, got {min_share!r}.")
    info: dict = {}
    parts: list[str] = []
    sections: list[SectionClassification] = []
    profile = _Profile(top)
    for separator, section in iter_section_results(model, source, language=language, operating_point=operating_point,
                                                   targets=targets, evidence=evidence, max_chars=max_chars,
                                                   batch_size=batch_size, info=info):
        parts += (separator, section.text)
        sections.append(section)
        profile.add(section)
    point = sections[0].result.operating_point if sections else (operating_point or model.operating_point)
    goals = profile.goals(min_share)
    impact = None
    if systemic:
        from ..systemic import systemic_impact  # numpy: only when asked for

        impact = systemic_impact({g.goal: g.score for g in goals}, language=profile.language() or None)
    return DocumentClassification(
        **info, text="".join(parts), sections=tuple(sections), language=profile.language(), operating_point=point,
        min_share=min_share, sdgs=tuple(g.goal for g in goals if g.selected), goals=tuple(goals), systemic=impact,
    )


def _document_sections(document: Document) -> Iterator[tuple[str, Section]]:
    end = 0
    for section in document.sections:
        yield document.text[end:section.start], section
        end = section.end


class _Profile:
    """Running sums over sections: length-weighted scores, asserted length, strongest places."""

    def __init__(self, top: int) -> None:
        self.top = top
        self.total = 0
        self.weighted = [0.0] * 18
        self.asserted = [0] * 18
        self.maximum = [0.0] * 18
        self.strongest: list[list[tuple[float, int, int | None]]] = [[] for _ in range(18)]
        self.languages: dict[str, int] = {}

    def add(self, section: SectionClassification) -> None:
        length = len(section.text)
        self.total += length
        language = section.result.language
        self.languages[language] = self.languages.get(language, 0) + length
        for item in section.result.goals:
            g = item.goal
            self.weighted[g] += length * item.score
            self.maximum[g] = max(self.maximum[g], item.score)
            if item.selected:
                self.asserted[g] += length
                entry = (item.score, -section.index, section.page)
                if len(self.strongest[g]) < self.top * 4:
                    heapq.heappush(self.strongest[g], entry)
                else:
                    heapq.heappushpop(self.strongest[g], entry)

    def language(self) -> str | None:
        return max(sorted(self.languages), key=self.languages.get) if self.languages else None

    def goals(self, min_share: float) -> list[DocumentGoal]:
        found = []
        for g in range(1, 18):
            share = self.asserted[g] / self.total if self.total else 0.0
            places = sorted(self.strongest[g], reverse=True)
            pages: list[int] = []
            for _, _, page in places:
                if page is not None and page not in pages and len(pages) < self.top:
                    pages.append(page)
            found.append(DocumentGoal(
                goal=g,
                share=round(share, 6),
                score=round(min(self.weighted[g] / self.total, 1.0), 6) if self.total else 0.0,
                max_score=self.maximum[g],
                pages=tuple(pages),
                sections=tuple(-index for _, index, _ in places[: self.top]),
                selected=share > 0 and share >= min_share,
            ))
        found.sort(key=lambda item: (-item.score, item.goal))
        return found
