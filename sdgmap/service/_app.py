"""The FastAPI app: one model per worker process, limits enforced before any work."""

import os
import threading
from pathlib import Path

from fastapi import FastAPI
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

from .._taxonomy import Taxonomy, taxonomy
from ..about import __version__
from ..lang import registered_languages
from ..loading import ModelSource
from ..pipeline._model import SDGModel
from ..results import Classification
from ._limits import BodyLimit, install_error_answers
from ._schemas import (
    SETTINGS_ENV,
    ClassifiedItem,
    ClassifyBatchAnswer,
    ErrorAnswer,
    HealthAnswer,
    ServiceSettings,
    VersionAnswer,
    classify_request_model,
)

# Swagger UI's files ship in the package, so /docs works with no network (FastAPI's default loads them from a CDN).
SWAGGER_UI = Path(__file__).parent / "static" / "swagger-ui"
DOCS_ASSETS = "/docs-assets"
_ERROR_ANSWERS = {
    400: {"model": ErrorAnswer, "description": "The body is not valid JSON (E041) or its length is unreadable (E044)."},
    413: {"model": ErrorAnswer, "description": "The body is over `max_body_bytes` (E040)."},
    422: {"model": ErrorAnswer, "description": "The JSON does not match the request schema (E042, E043)."},
}


def create_app(model: SDGModel | None = None, settings: ServiceSettings | None = None) -> FastAPI:
    """The service as a FastAPI app; loads the model of ``settings`` unless ``model`` is given.
    Without ``settings``, they come from the environment (see :class:`ServiceSettings`)."""
    if settings is None:
        settings = ServiceSettings()
    if model is None:
        model = ModelSource(settings.model_path, settings.trust).load()
    # The model's word caches are not made for threads, and a worker uses one CPU anyway.
    model_lock = threading.Lock()
    ClassifyRequest = classify_request_model(settings, model.operating_points, registered_languages())
    app = FastAPI(
        title="sdgmap",
        version=__version__,
        summary="Map descriptions of citizen initiatives to the 17 UN Sustainable Development Goals (en/fr).",
        docs_url=None,
        redoc_url=None,
    )
    app.mount(DOCS_ASSETS, StaticFiles(directory=SWAGGER_UI), name="docs-assets")

    @app.get("/docs", include_in_schema=False, response_class=HTMLResponse)
    def docs():
        return get_swagger_ui_html(openapi_url=app.openapi_url, title="sdgmap: API",
                                   swagger_js_url=f"{DOCS_ASSETS}/swagger-ui-bundle.js",
                                   swagger_css_url=f"{DOCS_ASSETS}/swagger-ui.css",
                                   swagger_favicon_url=f"{DOCS_ASSETS}/favicon-32x32.png")

    app.add_middleware(BodyLimit, max_bytes=settings.max_body_bytes)
    install_error_answers(app)
    app.state.model, app.state.settings = model, settings
    version = VersionAnswer(
        sdgmap=__version__,
        model=str(model.meta.get("name", "")),
        model_version=str(model.meta.get("version", "")),
        model_sha256=str(model.meta.get("sha256", "")),
        model_sdgmap_version=model.meta.get("sdgmap_version"),
    )

    @app.post("/v1/classify", response_model=Classification | ClassifyBatchAnswer, responses=_ERROR_ANSWERS)
    def classify(request: ClassifyRequest):
        """Classify one `text` (answer: a Classification) or a batch of `texts` / `items` (answer: `results`)."""
        options = request.options().kwargs()
        if request.text is not None:
            with model_lock:
                return model.classify(request.text, **options)
        if request.items is not None:
            ids, texts = [item.id for item in request.items], [item.text for item in request.items]
        else:
            ids, texts = [None] * len(request.texts), request.texts
        with model_lock:
            results = model.classify_many(texts, **options)
        return ClassifyBatchAnswer(results=[ClassifiedItem(id=i, **dict(r)) for i, r in zip(ids, results)])

    @app.get("/v1/taxonomy", response_model=Taxonomy)
    def get_taxonomy():
        """The 17 goals, the 169 targets and the goal groupings, labelled in English and French."""
        return taxonomy()

    @app.get("/health", response_model=HealthAnswer)
    def health():
        """Answers once this worker has loaded its model."""
        return HealthAnswer()

    @app.get("/version", response_model=VersionAnswer)
    def get_version():
        """Library version, model version and the SHA-256 of the model's files."""
        return version

    return app


def app_from_environment() -> FastAPI:
    """App factory for uvicorn workers: each worker process builds its app (and loads its model) once,
    with the settings the environment gives (see :class:`ServiceSettings`)."""
    return create_app(settings=ServiceSettings())


def run(
    settings: ServiceSettings | None = None,
    *,
    host: str = "127.0.0.1",
    port: int = 8000,
    workers: int = 1,
    log_level: str = "info",
) -> None:
    """Serve with uvicorn until stopped; ``workers`` processes, each with its own model."""
    import uvicorn

    from ._protocol import JSONErrorsH11Protocol

    if settings is None:
        settings = ServiceSettings()
    os.environ[SETTINGS_ENV] = settings.model_dump_json()
    uvicorn.run(
        "sdgmap.service:app_from_environment",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_level=log_level,
        proxy_headers=True,
        http=JSONErrorsH11Protocol,
    )
