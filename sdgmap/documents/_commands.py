"""What the ``sdgmap classify FILE`` and ``sdgmap report DIR`` commands do with documents,
as plain functions (the commands only parse arguments and call these)."""

from __future__ import annotations

import os
import warnings
from html import escape
from pathlib import Path

from ._classify import classify_document, iter_section_results
from ._corpus import document_items, document_paths
from ._views import SectionWriter, error_record, page_strip_svg, render_profile, section_record

SECTION_FORMATS = {".csv": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl"}
DOCUMENT_SUFFIXES = {".pdf", ".docx", ".html", ".htm", ".xhtml", ".md", ".markdown", ".txt"}


def is_document(source: str) -> bool:
    """True for an existing file the classify command should read as a document (not a
    CSV / JSON Lines table of initiatives, and not a text to classify)."""
    if source == "-" or "\n" in source or len(source) > 4096:
        return False
    path = Path(source)
    try:
        return path.suffix.lower() not in SECTION_FORMATS and path.is_file()
    except (OSError, ValueError):  # not a possible path (NUL byte, too long): a text
        return False


def classify_to_output(model, path: str | os.PathLike, output: str | None, *, fmt: str | None = None,
                       as_json: bool = False, **options) -> tuple[str, str]:
    """Classify one document; returns ``(stdout text, stderr summary)``.

    With ``output``, one row per section is streamed to it (CSV or JSON Lines, from its suffix
    or ``fmt``), written to a temporary file renamed when complete; else the goal profile, or
    the whole :class:`DocumentClassification` as JSON.
    """
    if output is None:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # they are in reading.warnings, shown by the view
            reading = classify_document(model, path, **options)
        text = reading.model_dump_json(indent=1) if as_json else render_profile(reading)
        return text, ""
    fmt = fmt or SECTION_FORMATS.get(Path(output).suffix.lower(), "jsonl")
    info: dict = {}
    count = 0
    target = Path(output)
    partial = target.with_name(f".{target.name}.partial")
    options = {k: v for k, v in options.items() if k not in ("systemic", "min_share", "top")}
    try:
        with warnings.catch_warnings(), partial.open("w", encoding="utf-8", newline="") as handle:
            warnings.simplefilter("ignore")
            writer = SectionWriter(handle, fmt)
            for _, section in iter_section_results(model, path, info=info, **options):
                writer.write(section_record(info.get("source") or Path(path).name, section))
                count += 1
        os.replace(partial, target)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    notes = "".join(f"\n{message}" for message in info.get("warnings", ()))
    return "", f"{count} sections of {Path(path).name} written to {output}{notes}"


def write_documents_report(model, sources, folder: str | os.PathLike, *, unit: str = "document",
                           report_language: str = "en", title: str | None = None, strip: str | None = None,
                           group_by=(), progress: bool = False, max_rows: int = 1000, png: bool = False, **options):
    """Map a folder (or files) of documents and write the HTML report, with the page-by-goal
    strip of one document (``strip``: its file name; default the first readable one)."""
    from ..mapping import UnreadableRow, map_corpus
    from ..report import write_report

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    paths = document_paths(sources)
    if strip is not None:
        paths.sort(key=lambda p: p.name != strip)  # read it first, so its reading is kept
    readings: list = []
    impact = map_corpus(
        document_items(model, paths, unit=unit, unreadable=UnreadableRow, readings=readings, **options), model,
        group_by=group_by, results=folder / "initiatives.jsonl", progress=progress,
    )
    page = write_report(impact, folder, results=folder / "initiatives.jsonl", language=report_language, title=title,
                        max_rows=max_rows, png=png)
    if readings:
        _add_strip(page, readings[0], report_language)
    return impact, page


_STRIP_TEXT = {
    "en": ("Page by goal: {name}", "One column per {unit}, one row per goal asserted somewhere; the deeper the colour, "
           "the stronger the goal there; outlined where it is asserted. Hover a cell for its score."),
    "fr": ("Pages et objectifs : {name}", "Une colonne par {unit}, une ligne par objectif retenu quelque part ; plus la "
           "couleur est soutenue, plus l'objectif y est fort ; cadre là où il est retenu. Survolez une case pour son score."),
}


def _add_strip(page: Path, reading, language: str) -> None:
    svg = page_strip_svg(reading, "fr" if language == "fr" else "en")
    (page.parent / "figures" / "document-strip.svg").write_text('<?xml version="1.0" encoding="UTF-8"?>\n' + svg + "\n",
                                                                 encoding="utf-8")
    heading, caption = _STRIP_TEXT["fr" if language == "fr" else "en"]
    unit = ("page" if language != "fr" else "page") if reading.pages is not None else "section"
    block = (f'<section id="document-strip-section"><h2>{escape(heading.format(name=reading.source or ""))}</h2>'
             f"<p>{escape(caption.format(unit=unit))}</p><div style=\"overflow-x:auto\">{svg}</div></section>")
    html = page.read_text(encoding="utf-8")
    html = html.replace("</main>", block + "</main>", 1) if "</main>" in html else html.replace("</body>", block + "</body>", 1)
    page.write_text(html, encoding="utf-8")


__all__ = ["classify_to_output", "error_record", "is_document", "write_documents_report"]
