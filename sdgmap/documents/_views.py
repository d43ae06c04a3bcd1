"""Ways to show a document's reading: a terminal profile, one row per section (CSV or
JSON Lines, streamed), and a page-by-goal strip (SVG) for the HTML report."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from html import escape

from ._models import DocumentClassification, SectionClassification

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
SECTION_COLUMNS = ["source", "section", "page", "heading", "start", "end", "language", "sdgs", "error"] + [
    f"score_{g}" for g in range(1, 18)
]


def _bar(value: float, width: int = 20) -> str:
    filled = round(value * width)
    return "█" * filled + "·" * (width - filled)


def _pages(pages: Iterable[int]) -> str:
    return ", ".join(str(p) for p in pages)


def render_profile(reading: DocumentClassification, top: int = 8) -> str:
    """The goal profile for a terminal: each goal's share of the text, strongest score, and
    the pages (or sections) that carry it."""
    from .._taxonomy import taxonomy

    tax = taxonomy()
    language = reading.language if reading.language in ("en", "fr") else "en"
    where = f"{reading.pages} pages, " if reading.pages is not None else ""
    lines = [f"{reading.source or 'document'} ({reading.format}): {where}{len(reading.sections)} sections, "
             f"language {reading.language or '-'}, operating point {reading.operating_point}"]
    lines += [f"warning: {message}" for message in reading.warnings]
    if not reading.sdgs:
        lines.append("no goal asserted for the document")
    lines.append("      goal   share of text          strongest  " + ("pages" if reading.pages is not None else "sections"))
    shown = [g for g in reading.goals if g.selected] + [g for g in reading.goals if not g.selected and g.share > 0]
    for item in shown[:top]:
        mark = "✔" if item.selected else " "
        places = _pages(item.pages) if reading.pages is not None else _pages(i + 1 for i in item.sections)
        lines.append(f" {mark} SDG {item.goal:>2} {_bar(item.share)} {item.share:4.0%}   {item.max_score:4.2f}    "
                     f"{places:<18} {tax.goal(item.goal).short(language)}")
    if reading.systemic is not None:
        lines.append(f"systemic score of the document: {reading.systemic.score:.2f}")
    return "\n".join(lines)


def section_record(source: str | None, section: SectionClassification, error: str | None = None) -> dict:
    """One output row: where the section is, its text and its reading."""
    record = {"source": source, "section": section.index, "page": section.page, "heading": section.heading,
              "start": section.start, "end": section.end, "text": section.text}
    record.update(section.result.model_dump(mode="json"))
    record["error"] = error
    return record


def error_record(source: str | None, error: str) -> dict:
    return {"source": source, "section": None, "page": None, "heading": None, "error": error}


class SectionWriter:
    """Writes one row per section, as JSON Lines or CSV (scores of the 17 goals as columns)."""

    def __init__(self, handle, fmt: str) -> None:
        self.handle, self.fmt = handle, fmt
        self._csv = csv.writer(handle) if fmt == "csv" else None
        if self._csv is not None:
            self._csv.writerow(SECTION_COLUMNS)

    def write(self, record: dict) -> None:
        if self._csv is None:
            self.handle.write(json.dumps(record, ensure_ascii=False) + "\n")
            return
        scores = {g["goal"]: g["score"] for g in record.get("goals", [])}
        values = [record.get(k) for k in SECTION_COLUMNS[:7]] + [
            ";".join(str(g) for g in record.get("sdgs", [])), record.get("error") or ""
        ] + [f"{scores[g]:.4f}" if g in scores else "" for g in range(1, 18)]
        cells = ["" if v is None else str(v) for v in values]
        # Spreadsheets run cells that start like a formula: quote them (as the batch CSV does).
        self._csv.writerow(["'" + c if c.startswith(_FORMULA_START) else c for c in cells])


def page_strip_svg(reading: DocumentClassification, language: str = "en", width: int = 880) -> str:
    """A page-by-goal strip: one column per page (per section when not paged), one row per goal
    asserted somewhere; a cell is the goal's colour, as strong as its best score on that page,
    and outlined where the goal is asserted."""
    from .._taxonomy import taxonomy

    tax = taxonomy()
    paged = reading.pages is not None
    columns = reading.pages if paged else len(reading.sections)
    cells: dict[tuple[int, int], tuple[float, bool]] = {}
    for section in reading.sections:
        column = (section.page - 1) if paged and section.page else section.index
        for item in section.result.goals:
            if item.score >= 0.05:
                best, asserted = cells.get((item.goal, column), (0.0, False))
                cells[(item.goal, column)] = (max(best, item.score), asserted or item.selected)
    goals = [g.goal for g in reading.goals if any(cells.get((g.goal, c), (0, False))[1] for c in range(columns or 0))]
    goals.sort()
    label_width, row_height = 190, 16
    cell = max((width - label_width) / max(columns or 1, 1), 1.0)
    height = 24 + row_height * max(len(goals), 1)
    unit = "p." if paged else "§"
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" id="document-strip" width="{width}" height="{height}" '
             f'viewBox="0 0 {width} {height}" role="img"><title>{escape(reading.source or "document")}</title>']
    step = max(1, round(columns / 10)) if columns else 1
    for column in range(0, columns or 0, step):
        parts.append(f'<text x="{label_width + column * cell:.1f}" y="12" font-size="10" fill="#555">{unit}{column + 1}</text>')
    for row, goal in enumerate(goals):
        y = 20 + row * row_height
        name = f"{goal} {tax.goal(goal).short(language)}"
        parts.append(f'<text x="0" y="{y + 12}" font-size="11">{escape(name[:30])}</text>')
        colour = tax.goal(goal).colour
        for column in range(columns or 0):
            score, asserted = cells.get((goal, column), (0.0, False))
            if score <= 0:
                continue
            stroke = ' stroke="#222" stroke-width="0.6"' if asserted and cell >= 4 else ""
            parts.append(f'<rect x="{label_width + column * cell:.1f}" y="{y}" width="{max(cell - 0.5, 0.8):.1f}" '
                         f'height="{row_height - 3}" fill="{colour}" fill-opacity="{score:.2f}"{stroke}>'
                         f'<title>{unit}{column + 1}, SDG {goal}: {score:.2f}{" ✔" if asserted else ""}</title></rect>')
    if not goals:
        parts.append('<text x="0" y="32" font-size="12">no goal asserted</text>')
    parts.append("</svg>")
    return "".join(parts)
