"""``sdgmap adapt`` and ``sdgmap suggest``: follow a platform's tagging conventions (thin wrappers
over :func:`sdgmap.adapt`, :func:`sdgmap.save_adapted` and :func:`sdgmap.suggest`)."""

from __future__ import annotations

import json
import warnings
from pathlib import Path

import click

from ..lang import registered_languages
from ._main import _State, pass_state


@click.command("adapt")
@click.argument("curated", metavar="CURATED.csv|jsonl", type=click.Path(exists=True, dir_okay=False))
@click.option("-o", "--output", metavar="DIR", required=True, help="Where to write the adapted model folder.")
@click.option("--text-column", default="text", show_default=True, metavar="NAME", help="Column or field holding the text.")
@click.option("--labels-column", default="sdgs", show_default=True, metavar="NAME",
              help="Column or field holding the goals: numbers separated by spaces, commas, semicolons or '|' (or a JSON list).")
@click.option("--id-column", default="id", show_default=True, metavar="NAME", help="Column or field holding the row id (row number if absent).")
@click.option("--label-kind", type=click.Choice(["main", "complete"]), default="main", show_default=True,
              help="main: the first goal is the main one, unlisted goals are unknown; complete: every goal served is listed.")
@click.option("--language", type=click.Choice(registered_languages()), default=None, help="Force the language instead of detecting it.")
@click.option("--head", type=click.Choice(["full", "diagonal", "bias"]), default="full", show_default=True,
              help="What each goal's head reads: all 17 base logits, its own, or nothing (bias shift only).")
@click.option("--min-examples", default=5, show_default=True, metavar="N", type=click.IntRange(1),
              help="Curated rows a goal needs to be adapted; goals with fewer keep the base score.")
@click.option("--report", "report_path", metavar="FILE", default=None, help="Also write the report as JSON here.")
@pass_state
def adapt(state: _State, curated: str, output: str, text_column: str, labels_column: str, id_column: str,
          label_kind: str, language: str | None, head: str, min_examples: int, report_path: str | None) -> None:
    """Adapt the model (--model, default the bundled one) to a platform's CURATED tags and write
    the adapted model folder to DIR, with its cross-validated before/after report and card.
    Load it with --model DIR --trust."""
    from ..adaptation import adapt as run
    from ..adaptation import read_curated, save_adapted

    try:
        texts, labels, ids = read_curated(curated, text_column=text_column, labels_column=labels_column, id_column=id_column)
        with warnings.catch_warnings(record=True) as caught:  # shown once, in the report below
            warnings.simplefilter("always")
            model, report = run(state.model, texts, _labels(labels), label_kind=label_kind, ids=ids, language=language,
                                head=head, min_examples=min_examples)
        save_adapted(model, output, report)
        if report_path:
            Path(report_path).write_text(report.model_dump_json(indent=1) + "\n", encoding="utf-8")
    except (ValueError, TypeError, OSError) as error:
        raise click.ClickException(str(error)) from None
    for warning in caught:
        if str(warning.message) not in report.warnings:
            click.echo(f"warning: {warning.message}", err=True)
    click.echo(report.describe(), err=True)
    click.echo(f"adapted model written to {output} (load it with --model {output} --trust)", err=True)


def _labels(values: list) -> list:
    # A JSON list in a CSV cell ("[10, 1]") reads as goal numbers too.
    return [value.strip("[]") if isinstance(value, str) else value for value in values]


@click.command("suggest")
@click.argument("uncurated", metavar="UNCURATED.csv|jsonl", type=click.Path(exists=True, dir_okay=False))
@click.option("-n", "count", default=50, show_default=True, metavar="N", type=click.IntRange(1), help="How many rows to suggest.")
@click.option("--text-column", default="text", show_default=True, metavar="NAME", help="Column or field holding the text.")
@click.option("--id-column", default="id", show_default=True, metavar="NAME", help="Column or field holding the row id (row number if absent).")
@click.option("--language", type=click.Choice(registered_languages()), default=None, help="Force the language instead of detecting it.")
@click.option("-o", "--output", metavar="FILE", default=None, help="Write the suggestions here (.jsonl or .csv); default: standard output, JSON Lines.")
@pass_state
def suggest(state: _State, uncurated: str, count: int, text_column: str, id_column: str, language: str | None,
            output: str | None) -> None:
    """The N rows of UNCURATED whose curation would teach the model (--model, usually an adapted
    one) most: uncertain, moved by the platform's conventions, or about rarely curated goals."""
    from ..adaptation import read_table
    from ..adaptation import suggest as run
    from ..util import atomic_writer

    try:
        rows, ids = read_table(uncurated, (text_column,), id_column)
        texts = [row[text_column] for row in rows]
        if not all(isinstance(text, str) for text in texts):
            raise ValueError(f"{text_column!r} must hold text in every row")
        found = run(state.model, texts, n=count, ids=ids, language=language)
        as_csv = output is not None and Path(output).suffix.lower() == ".csv"
        with atomic_writer(output) as handle:
            if as_csv:
                import csv

                writer = csv.writer(handle)
                writer.writerow(["rank", "id", "score", "top_goals", "uncertainty", "disagreement", "rarity", "reasons"])
                for s in found:
                    writer.writerow([s.rank, _safe(s.id), f"{s.score:.4f}", ";".join(map(str, s.top_goals)),
                                     f"{s.uncertainty:.3f}", f"{s.disagreement:.3f}", f"{s.rarity:.3f}", "; ".join(s.reasons)])
            else:
                for s in found:
                    handle.write(json.dumps(s.model_dump(mode="json"), ensure_ascii=False) + "\n")
    except (ValueError, TypeError, OSError) as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"{len(found)} of {len(texts)} rows suggested for curation", err=True)


def _safe(value: str) -> str:
    # Spreadsheets run cells that start like a formula: quote them.
    return "'" + value if value.startswith(("=", "+", "-", "@", "\t", "\r")) else value
