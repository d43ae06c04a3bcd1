"""The ``sdgmap`` group: shared options, and the model loaded once, on first use."""

from __future__ import annotations

import click

from ..about import __version__


class _State:
    """Shared options, with the model loaded once, on first use."""

    def __init__(self, model_path: str | None, trust: bool) -> None:
        self.model_path = model_path
        self.trust = trust
        self._model = None

    @property
    def model(self):
        if self._model is None:
            from ..pipeline._model import load

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


def main() -> None:
    cli(prog_name="sdgmap")

