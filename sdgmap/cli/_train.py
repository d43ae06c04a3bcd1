"""``sdgmap train``: rebuild the model from a corpus (the only command that imports ``training``)."""

from __future__ import annotations

from pathlib import Path

import click


@click.command()
@click.argument("corpus", metavar="CORPUS_DIR", type=click.Path(exists=True, file_okay=False))
@click.option("-o", "--output", metavar="DIR", required=True, help="Where to write the model.")
@click.option("--card", metavar="FILE", default=None, help="Write the model card here (default: next to DIR, README.md).")
@click.option("--official-texts", metavar="DIR", default=None,
              help="Folder of official target/indicator YAML texts (default: CORPUS_DIR/../taxonomy if present).")
@click.option("--seed", default=0, show_default=True, help="Random seed (training is deterministic given it).")
def train(corpus: str, output: str, card: str | None, official_texts: str | None, seed: int) -> None:
    """Train a model on CORPUS_DIR (sdg_corpus.jsonl, undp_fr_translated.jsonl)."""
    try:
        from ..training._card import write_card
        from ..training._train import TrainConfig
        from ..training._train import train as run
    except ImportError as error:
        raise click.ClickException(f'Training needs its extra: pip install "sdgmap[train]" ({error}).') from None

    if official_texts is None and (Path(corpus).parent / "taxonomy").is_dir():
        official_texts = str(Path(corpus).parent / "taxonomy")
    try:
        model, _ = run(corpus, output, TrainConfig(seed=seed), official_texts=official_texts, verbose=True)
    except ImportError as error:  # a training library imported on first use
        raise click.ClickException(f'Training needs its extra: pip install "sdgmap[train]" ({error}).') from None
    except (OSError, ValueError) as error:  # no corpus file in the folder, bad labels
        raise click.ClickException(str(error)) from None
    card_path = Path(card) if card else Path(output).resolve().parent / "README.md"
    write_card(model.meta, card_path, Path(output).name)
    click.echo(f"model written to {output}; card to {card_path}", err=True)
