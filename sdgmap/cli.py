"""The ``sdgmap`` command: thin wrappers over the library (each command calls one function)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ._report_cli import report
from ._serve_cli import serve
from .about import __version__

_FILE_SUFFIXES = {".csv", ".jsonl", ".ndjson", ".json"}


class _State:
    """Shared options, with the model loaded once, on first use."""

    def __init__(self, model_path: str | None, trust: bool) -> None:
        self.model_path = model_path
        self.trust = trust
        self._model = None

    @property
    def model(self):
        if self._model is None:
            from ._model import load

            try:
                self._model = load(self.model_path, trust=self.trust)
            except (OSError, ValueError) as error:  # missing, untrusted or tampered model
                raise click.ClickException(str(error)) from None
        return self._model


pass_state = click.make_pass_decorator(_State)


@click.group()
@click.version_option(__version__, prog_name="sdgmap")
@click.option("--model", "model_path", metavar="DIR", envvar="SDGMAP_MODEL", default=None,
              help="Model directory (default: the bundled model).")
@click.option("--trust", is_flag=True, help="Load a model from DIR without a trusted manifest (only one you built).")
@click.pass_context
def cli(ctx: click.Context, model_path: str | None, trust: bool) -> None:
    """Map citizen initiatives to the UN Sustainable Development Goals, offline."""
    ctx.obj = _State(model_path, trust)


@cli.command()
@click.argument("source", metavar="TEXT_OR_FILE")
@click.option("--text-column", default="text", show_default=True, metavar="NAME", help="Column or field holding the text.")
@click.option("--id-column", default="id", show_default=True, metavar="NAME", help="Column or field holding the row id (row number if absent).")
@click.option("-o", "--output", metavar="FILE", default=None, help="Output file (.jsonl or .csv); default: standard output.")
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv"]), default=None, help="Output format (default: from --output, else jsonl).")
@click.option("--language", type=click.Choice(["en", "fr"]), default=None, help="Force the language instead of detecting it.")
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
    """Classify a TEXT, or every row of a CSV / JSON Lines FILE (one output row per input row)."""
    from . import _batch

    path = Path(source)
    if source == "-" or path.suffix.lower() in _FILE_SUFFIXES:
        if source != "-" and not path.is_file():
            raise click.UsageError(f"No such file: {source}")
        try:
            summary = _batch.classify_file(
                state.model, source, output, text_column=text_column, id_column=id_column, output_format=fmt,
                language=language, operating_point=operating_point, targets=targets, evidence=bool(evidence),
                jobs=jobs, model_path=state.model_path, trust=state.trust, progress=progress, resume=resume,
            )
        except ValueError as error:
            raise click.ClickException(str(error)) from None
        click.echo(summary.describe(), err=True)
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


@cli.command()
@click.argument("corpus", metavar="CORPUS_DIR", type=click.Path(exists=True, file_okay=False))
@click.option("-o", "--output", metavar="DIR", required=True, help="Where to write the model.")
@click.option("--card", metavar="FILE", default=None, help="Write the model card here (default: next to DIR, README.md).")
@click.option("--official-texts", metavar="DIR", default=None,
              help="Folder of official target/indicator YAML texts (default: CORPUS_DIR/../taxonomy if present).")
@click.option("--seed", default=0, show_default=True, help="Random seed (training is deterministic given it).")
def train(corpus: str, output: str, card: str | None, official_texts: str | None, seed: int) -> None:
    """Train a model on CORPUS_DIR (sdg_corpus.jsonl, undp_fr_translated.jsonl)."""
    from ._card import write_card
    from ._train import TrainConfig
    from ._train import train as run

    if official_texts is None and (Path(corpus).parent / "taxonomy").is_dir():
        official_texts = str(Path(corpus).parent / "taxonomy")
    model, _ = run(corpus, output, TrainConfig(seed=seed), official_texts=official_texts, verbose=True)
    card_path = Path(card) if card else Path(output).resolve().parent / "README.md"
    write_card(model.meta, card_path, Path(output).name)
    click.echo(f"model written to {output}; card to {card_path}", err=True)


cli.add_command(serve)
cli.add_command(report)


def main() -> None:
    cli(prog_name="sdgmap")


if __name__ == "__main__":
    sys.exit(main())
