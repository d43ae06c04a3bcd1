"""``sdgmap report``: map a file of initiatives and write the HTML report (a thin wrapper)."""

from __future__ import annotations

import shutil
from pathlib import Path

import click

from ..lang import registered_languages


@click.command("report")
@click.argument("sources", metavar="INPUT...", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("-o", "--output", metavar="DIR", required=True, help="Folder to write the report and its data into.")
@click.option("--lang", "report_language", type=click.Choice(registered_languages()), default="en", show_default=True,
              envvar="SDGMAP_REPORT_LANG", help="Language of the report's labels.")
@click.option("--group-by", "group_by", multiple=True, metavar="FIELD",
              help="Break the corpus down by FIELD (repeatable). Default: region, year and category, when present.")
@click.option("--text-column", default="text", show_default=True, metavar="NAME", help="Column or field holding the text.")
@click.option("--id-column", default="id", show_default=True, metavar="NAME", help="Column or field holding the id.")
@click.option("--name-column", default="name", show_default=True, metavar="NAME",
              help="Column holding the initiative's name (the table's Name column).")
@click.option("--place-column", default="place", show_default=True, metavar="NAME", help="Column holding its place.")
@click.option("--year-column", default="year", show_default=True, metavar="NAME", help="Column holding its year.")
@click.option("--language", type=click.Choice(registered_languages()), default=None, help="Force the language of the texts instead of detecting it.")
@click.option("--operating-point", "-p", default=None, metavar="NAME", help="balanced (default), f1, precision or recall.")
@click.option("--evidence/--no-evidence", default=False, show_default=True,
              help="Show the words behind each goal in the table (about 4-6x slower).")
@click.option("--title", default=None, metavar="TEXT", help="Title of the report.")
@click.option("--max-rows", default=1000, show_default=True, metavar="N", type=click.IntRange(min=0),
              help="Initiatives listed in the page's table (all are in the data files).")
@click.option("--png", is_flag=True, help="Also render each chart as PNG (needs Chromium installed).")
@click.option("--progress/--no-progress", default=True, show_default=True, help="Progress line on stderr (drawn only on a terminal).")
@click.option("--unit", type=click.Choice(["document", "section"]), default="document", show_default=True,
              help="For documents: one initiative per document, or one per section.")
@click.option("--strip", "strip", default=None, metavar="FILE_NAME",
              help="For documents: the one whose page-by-goal strip the page shows (default: the first).")
@click.pass_context
def report(ctx: click.Context, sources: tuple[str, ...], output: str, report_language: str, group_by: tuple[str, ...],
           text_column: str, id_column: str, name_column: str, place_column: str, year_column: str, language: str | None, operating_point: str | None, evidence: bool,
           title: str | None, max_rows: int, png: bool, progress: bool, unit: str, strip: str | None) -> None:
    """Map the initiatives of INPUT (CSV or JSON Lines) to the SDGs and write an HTML report to DIR.

    INPUT may also be the output of ``sdgmap classify`` or the initiatives.csv / .jsonl of an earlier
    report: its readings are reused as they are.
    It may also be documents (PDF, DOCX, HTML, Markdown, text) or folders of them: one initiative
    per document or per section (--unit), a file that cannot be read is an error row, and the page
    shows the page-by-goal strip of one document.
    """
    source = sources[0]
    if len(sources) > 1 or Path(source).is_dir() or Path(source).suffix.lower() not in (".csv", ".jsonl", ".ndjson", ".json"):
        from ..documents._commands import write_documents_report

        try:
            impact, page = write_documents_report(
                ctx.obj.model, sources, output, unit=unit, report_language=report_language,
                title=title, strip=strip, group_by=group_by, progress=progress, max_rows=max_rows, png=png,
                language=language, operating_point=operating_point, evidence=evidence,
            )
        except ValueError as error:
            raise click.ClickException(str(error)) from None
        skipped = f", {impact.skipped} could not be read" if impact.skipped else ""
        click.echo(f"{impact.count} {unit}s mapped{skipped}; report written to {page}", err=True)
        return
    from ..io import read_initiatives
    from ..mapping import DEFAULT_GROUP_BY, map_corpus
    from ..report import find_browser, write_report
    from ..results import ClassifyOptions

    if png and find_browser() is None:
        click.echo("warning: --png needs Chromium (or Chrome) on the PATH; none found, so only SVG charts are written.",
                   err=True)
    folder = Path(output)
    created = not folder.exists()
    columns = {"text": text_column, "id": id_column, "name": name_column, "place": place_column, "year": year_column}
    try:
        folder.mkdir(parents=True, exist_ok=True)
        impact = map_corpus(
            read_initiatives(source, columns=columns), ctx.obj.source,
            options=ClassifyOptions(language=language, operating_point=operating_point, evidence=evidence),
            group_by=group_by or DEFAULT_GROUP_BY, results=folder / "initiatives.jsonl", progress=progress,
        )
        if impact.count == 0:
            raise click.ClickException(f"0 initiatives mapped from {source} ({impact.skipped} could not be read"
                                       f"{_first_reason(impact)}): no report written.")
        page = write_report(impact, folder, results=folder / "initiatives.jsonl", language=report_language,
                            title=title, max_rows=max_rows, png=png)
    except BaseException as error:
        if created:
            shutil.rmtree(folder, ignore_errors=True)  # no half-written report left behind
        if isinstance(error, ValueError):
            raise click.ClickException(str(error)) from None
        raise
    for note in _notes(impact, group_by):
        click.echo(f"warning: {note}", err=True)
    skipped = f", {impact.skipped} skipped" if impact.skipped else ""
    click.echo(f"{impact.count} initiatives mapped{skipped}; report written to {page}", err=True)


def _first_reason(impact) -> str:
    return f"; row {impact.skipped_examples[0].id}: {impact.skipped_examples[0].error}" if impact.skipped_examples else ""


def _notes(impact, group_by: tuple[str, ...]) -> list[str]:
    """What the page would otherwise leave unsaid: fields not found, values missing or dropped."""
    found = {breakdown.field: breakdown for breakdown in impact.breakdowns}
    notes = [f"--group-by {field}: no initiative has this field, so there is no breakdown by it"
             for field in group_by if field not in found]
    for breakdown in impact.breakdowns:
        if breakdown.missing:
            notes.append(f"{breakdown.missing} initiative(s) have no {breakdown.field} and are in no {breakdown.field} group")
        if breakdown.overflow:
            notes.append(f"{breakdown.overflow} initiative(s) have a {breakdown.field} beyond the first {len(breakdown.groups)} "
                         "values and are in no group")
    for field, count in impact.dropped_values.items():
        notes.append(f"{count} unreadable {field} value(s) were left out (the initiatives are kept)")
    return notes
