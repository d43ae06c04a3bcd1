"""``sdgmap classify``: one text, or every row of a file (a thin wrapper over the library)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from ..lang import registered_languages
from ._main import _State, pass_state

if TYPE_CHECKING:
    from ..results import ClassifyOptions

_FILE_SUFFIXES = {".csv", ".jsonl", ".ndjson", ".json"}


@click.command()
@click.argument("source", metavar="TEXT_OR_FILE")
@click.option("--text-column", default="text", show_default=True, metavar="NAME", help="Column or field holding the text.")
@click.option("--id-column", default="id", show_default=True, metavar="NAME", help="Column or field holding the row id (row number if absent).")
@click.option("-o", "--output", metavar="FILE", default=None, help="Output file (.jsonl or .csv); default: standard output.")
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv"]), default=None, help="Output format (default: from --output, else jsonl).")
@click.option("--language", type=click.Choice(registered_languages()), default=None, help="Force the language instead of detecting it.")
@click.option("--operating-point", "-p", default=None, metavar="NAME", help="balanced (default), f1, precision or recall.")
@click.option("--json", "as_json", is_flag=True, help="For a single text: print the JSON result.")
@click.option("--evidence/--no-evidence", default=None,
              help="Add the words behind each goal (default: on for one text, off for files: ~4-6x slower).")
@click.option("--targets/--no-targets", default=True, show_default=True, help="Add the likely targets of each goal.")
@click.option("--jobs", "-j", default=1, show_default=True, metavar="N", type=click.IntRange(1), envvar="SDGMAP_JOBS",
              help="For files: worker processes, each loading the model once (same output, same order).")
@click.option("--progress/--no-progress", default=True, show_default=True,
              help="For files: show the rows done on stderr (only when it is a terminal).")
@click.option("--resume", is_flag=True,
              help="For files: keep the partial output if the run stops; run again with --resume to go on from it.")
@pass_state
def classify(state: _State, source: str, text_column: str, id_column: str, output: str | None, fmt: str | None,
             language: str | None, operating_point: str | None, as_json: bool, evidence: bool | None,
             targets: bool, jobs: int, progress: bool, resume: bool) -> None:
    """Classify a TEXT, every row of a CSV / JSON Lines FILE (one output row per input row), or a
    document (PDF, DOCX, HTML, Markdown, text): its goal profile and the pages that carry each
    goal, or with -o one row per section (.csv or .jsonl) with its page."""
    from ..results import ClassifyOptions

    path = Path(source)
    from ..documents._commands import DOCUMENT_SUFFIXES, classify_to_output, is_document

    if is_document(source) or path.suffix.lower() in DOCUMENT_SUFFIXES:  # PDF, DOCX, HTML, Markdown, text
        if not path.is_file():
            raise click.UsageError(f"No such file: {source}")
        try:
            shown, summary = classify_to_output(state.model, path, output, fmt=fmt, as_json=as_json, language=language,
                                                operating_point=operating_point, targets=targets,
                                                evidence=bool(evidence))
        except (ValueError, OSError, ImportError) as error:
            raise click.ClickException(str(error)) from None
        if shown:
            click.echo(shown)
        if summary:
            click.echo(summary, err=True)
        return
    if source == "-" or path.suffix.lower() in _FILE_SUFFIXES:
        if source != "-" and not path.is_file():
            raise click.UsageError(f"No such file: {source}")
        _classify_file(state, source, output, fmt, text_column, id_column, jobs, progress, resume,
                       ClassifyOptions(language=language, operating_point=operating_point, targets=targets,
                                       evidence=bool(evidence)))
        return
    try:
        result = state.model.classify(source, language=language, operating_point=operating_point, targets=targets,
                                      evidence=evidence is not False)
    except ValueError as error:
        raise click.ClickException(str(error)) from None
    if as_json:
        click.echo(result.model_dump_json(indent=1))
    else:
        from ._display import render

        click.echo(render(result, source))


def _classify_file(state: _State, source: str, output: str | None, fmt: str | None, text_column: str, id_column: str,
                   jobs: int, progress: bool, resume: bool, options: ClassifyOptions) -> None:
    from ..io import classify_file

    out_format = fmt or (Path(output).suffix.lower().lstrip(".") if output not in (None, "-") else "jsonl")
    if options.evidence and out_format == "csv":
        click.echo("warning: --evidence is not written to CSV (it has no column for it); use a .jsonl output.",
                   err=True)
    try:
        summary = classify_file(state.source, source, output, options=options, text_column=text_column,
                                id_column=id_column, output_format=fmt, jobs=jobs, progress=progress, resume=resume)
    except KeyboardInterrupt:
        hint = ("the rows done so far are saved: run the same command again (with --resume) to go on from them"
                if resume else "nothing was written; run with --resume to keep the rows done if it stops")
        click.echo(f"\nstopped: {hint}.", err=True)
        raise SystemExit(130) from None
    except (OSError, ValueError) as error:
        raise click.ClickException(str(error)) from None
    click.echo(summary.describe(), err=True)
