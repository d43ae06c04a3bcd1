"""``sdgmap report``: map a file of initiatives and write the HTML report (a thin wrapper)."""

from __future__ import annotations

from pathlib import Path

import click

from ..lang import registered_languages


class _DeferredModel:
    """Loads the group's model on first use: re-rendering saved results needs no model."""

    def __init__(self, state) -> None:
        self._state = state

    def classify_many(self, texts, **options):
        return self._model().classify_many(texts, **options)

    def classify(self, text, **options):
        return self._model().classify(text, **options)

    def _model(self):
        if self._state is not None and hasattr(self._state, "model"):
            return self._state.model
        from ..pipeline._model import load

        self._state = type("_Loaded", (), {"model": load()})()
        return self._state.model


@click.command("report")
@click.argument("sources", metavar="INPUT...", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("-o", "--output", metavar="DIR", required=True, help="Folder to write the report and its data into.")
@click.option("--lang", "report_language", type=click.Choice(registered_languages()), default="en", show_default=True,
              envvar="SDGMAP_REPORT_LANG", help="Language of the report's labels.")
@click.option("--group-by", "group_by", multiple=True, metavar="FIELD",
              help="Break the corpus down by FIELD (repeatable). Default: region, year and category, when present.")
@click.option("--text-column", default="text", show_default=True, metavar="NAME", help="Column or field holding the text.")
@click.option("--id-column", default="id", show_default=True, metavar="NAME", help="Column or field holding the id.")
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
           text_column: str, id_column: str, language: str | None, operating_point: str | None, evidence: bool,
           title: str | None, max_rows: int, png: bool, progress: bool, unit: str, strip: str | None) -> None:
    """Map the initiatives of INPUT (CSV or JSON Lines) to the SDGs and write an HTML report to DIR.

    INPUT may also be the initiatives.jsonl of an earlier report: its results are reused as they are.
    It may also be documents (PDF, DOCX, HTML, Markdown, text) or folders of them: one initiative
    per document or per section (--unit), a file that cannot be read is an error row, and the page
    shows the page-by-goal strip of one document.
    """
    source = sources[0]
    if len(sources) > 1 or Path(source).is_dir() or Path(source).suffix.lower() not in (".csv", ".jsonl", ".ndjson", ".json"):
        from ..documents._commands import write_documents_report

        try:
            impact, page = write_documents_report(
                _DeferredModel(ctx.obj)._model(), sources, output, unit=unit, report_language=report_language,
                title=title, strip=strip, group_by=group_by, progress=progress, max_rows=max_rows, png=png,
                language=language, operating_point=operating_point, evidence=evidence,
            )
        except ValueError as error:
            raise click.ClickException(str(error)) from None
        skipped = f", {impact.skipped} could not be read" if impact.skipped else ""
        click.echo(f"{impact.count} {unit}s mapped{skipped}; report written to {page}", err=True)
        return
    from ..io._initiatives import read_initiatives
    from ..mapping._map import DEFAULT_GROUP_BY, map_corpus
    from ..report._report import write_report

    folder = Path(output)
    folder.mkdir(parents=True, exist_ok=True)
    try:
        impact = map_corpus(
            read_initiatives(source, text_column=text_column, id_column=id_column), _DeferredModel(ctx.obj),
            group_by=group_by or DEFAULT_GROUP_BY, operating_point=operating_point, language=language,
            evidence=evidence, results=folder / "initiatives.jsonl", progress=progress,
        )
        page = write_report(impact, folder, results=folder / "initiatives.jsonl", language=report_language,
                            title=title, max_rows=max_rows, png=png)
    except ValueError as error:
        raise click.ClickException(str(error)) from None
    skipped = f", {impact.skipped} skipped" if impact.skipped else ""
    click.echo(f"{impact.count} initiatives mapped{skipped}; report written to {page}", err=True)
