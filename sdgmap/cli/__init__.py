"""The ``sdgmap`` command: one module per command, each a thin wrapper over one library call."""

from ._adapt import adapt, suggest
from ._classify import classify
from ._main import cli, main
from ._report import report
from ._serve import serve
from ._train import train

cli.add_command(classify)
cli.add_command(train)
cli.add_command(serve)
cli.add_command(report)
cli.add_command(adapt)
cli.add_command(suggest)

__all__ = ["cli", "main"]
