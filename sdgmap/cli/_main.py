"""The ``sdgmap`` group: shared options, and the model loaded once, on first use."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from ..about import __version__

if TYPE_CHECKING:
    from ..loading import ModelSource
    from ..pipeline._model import SDGModel


class _State:
    """Shared options: where the model comes from. It is loaded on first use, once."""

    def __init__(self, model_path: str | None, trust: bool) -> None:
        self.model_path = model_path
        self.trust = trust

    @property
    def source(self) -> ModelSource:
        from ..loading import ModelSource

        return ModelSource(self.model_path, self.trust)

    @property
    def model(self) -> SDGModel:
        try:
            return self.source.load()
        except (OSError, ValueError) as error:  # missing, untrusted or tampered model
            raise click.ClickException(str(error)) from None


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


def main() -> None:
    cli(prog_name="sdgmap")

