"""``sdgmap serve``: the HTTP service from the command line (needs the ``service`` extra)."""

from __future__ import annotations

import click

from ..util import DEFAULT_MAX_LENGTH


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, metavar="ADDRESS", envvar="SDGMAP_HOST",
              help="Address to listen on (keep 127.0.0.1 behind a reverse proxy).")
@click.option("--port", default=8000, show_default=True, metavar="PORT", envvar="SDGMAP_PORT", type=click.IntRange(0, 65535),
              help="Port to listen on.")
@click.option("--workers", default=1, show_default=True, metavar="N", envvar="SDGMAP_WORKERS", type=click.IntRange(1),
              help="Worker processes, each with its own model (about one per CPU core).")
@click.option("--max-batch", default=256, show_default=True, metavar="N", envvar="SDGMAP_MAX_BATCH", type=click.IntRange(1),
              help="Most texts in one request (else 422).")
@click.option("--max-body-bytes", default=2 * 1024 * 1024, show_default=True, metavar="BYTES", envvar="SDGMAP_MAX_BODY_BYTES",
              type=click.IntRange(1), help="Largest request body (else 413).")
@click.option("--max-text-chars", default=DEFAULT_MAX_LENGTH, show_default=True, metavar="N", envvar="SDGMAP_MAX_TEXT_CHARS",
              type=click.IntRange(1), help="Longest text, in characters (else 422).")
@click.option("--log-level", default="info", show_default=True, type=click.Choice(["critical", "error", "warning", "info", "debug"]),
              help="uvicorn's log level.")
@click.pass_context
def serve(ctx: click.Context, host: str, port: int, workers: int, max_batch: int, max_body_bytes: int,
          max_text_chars: int, log_level: str) -> None:
    """Serve POST /v1/classify, GET /v1/taxonomy, /health, /version and the OpenAPI docs (/docs)."""
    try:
        from ..service import ServiceSettings, run
    except ImportError as error:
        raise click.ClickException(f'The service needs its extra: pip install "sdgmap[service]" ({error}).') from None
    settings = ServiceSettings(
        model_path=getattr(ctx.obj, "model_path", None),
        trust=getattr(ctx.obj, "trust", False),
        max_batch=max_batch,
        max_body_bytes=max_body_bytes,
        max_text_chars=max_text_chars,
    )
    run(settings, host=host, port=port, workers=workers, log_level=log_level)
