"""HTTP service for platforms: ``POST /v1/classify`` and friends, one model per worker process.

Run it with ``sdgmap serve`` (uvicorn), or build the app with :func:`create_app`. It needs
the ``service`` extra (``pip install "sdgmap[service]"``). Limits are enforced before any
work is done, and bad input always gets a 4xx JSON answer (:class:`ErrorAnswer`).

>>> from sdgmap.service import ServiceSettings, create_app     # doctest: +SKIP
>>> app = create_app(settings=ServiceSettings(max_batch=64))    # doctest: +SKIP
"""

from ._app import SETTINGS_ENV, app_from_environment, create_app, run
from ._protocol import JSONErrorsH11Protocol
from ._schemas import ErrorAnswer, ServiceSettings, classify_request_model

__all__ = [
    "SETTINGS_ENV", "ErrorAnswer", "JSONErrorsH11Protocol", "ServiceSettings", "app_from_environment",
    "classify_request_model", "create_app", "run",
]
