"""What the HTTP service accepts and answers: the wire contract, published in its OpenAPI.

Answers reuse the library's own result models (:class:`~sdgmap.Classification`), so a
platform reads the same JSON from the service, the CLI and Python. Requests are strict
(no type coercion, no unknown fields) because a silently ignored misspelt option would
give answers the caller did not ask for.
"""

import json
import os
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator, model_validator
from pydantic_settings import BaseSettings, EnvSettingsSource, PydanticBaseSettingsSource, SettingsConfigDict

from ..errors import Errors
from ..results import Classification, ClassifyOptions
from ..util import DEFAULT_MAX_LENGTH

ItemId = Annotated[str, StringConstraints(max_length=256)] | int


SETTINGS_ENV = "SDGMAP_SERVICE_SETTINGS"
MODEL_ENV = "SDGMAP_MODEL"


class ServiceSettings(BaseSettings):
    """Which model a service runs and the limits it enforces on every request.

    Each value comes from the first of: the arguments; ``SDGMAP_SERVICE_SETTINGS``, a JSON
    object of these fields (what ``sdgmap serve`` hands its workers); the variable of the
    ``sdgmap`` option that sets it (``SDGMAP_MODEL``, ``SDGMAP_MAX_BODY_BYTES``,
    ``SDGMAP_MAX_BATCH``, ``SDGMAP_MAX_TEXT_CHARS``); the default. ``trust`` has no variable
    of its own, as ``--trust`` has none.
    """

    model_config = SettingsConfigDict(frozen=True, extra="forbid", env_prefix="SDGMAP_")

    model_path: str | None = Field(default=None, description="Model directory (default: the bundled model).")
    trust: bool = Field(default=False, description="Load `model_path` without a trusted manifest (a model you built).")
    max_body_bytes: int = Field(default=2 * 1024 * 1024, ge=1, description="Largest request body, in bytes (else 413).")
    max_batch: int = Field(default=256, ge=1, description="Most texts or items in one request (else 422).")
    max_text_chars: int = Field(default=DEFAULT_MAX_LENGTH, ge=1, description="Longest text, in characters (else 422).")

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        return init_settings, _SettingsVariable(settings_cls), _OptionVariables(settings_cls)


class _SettingsVariable(PydanticBaseSettingsSource):
    """``SDGMAP_SERVICE_SETTINGS``: the whole settings as one JSON object."""

    def get_field_value(self, field: Any, field_name: str) -> tuple[Any, str, bool]:
        return None, field_name, False  # unused: __call__ reads the object at once

    def __call__(self) -> dict[str, Any]:
        raw = os.environ.get(SETTINGS_ENV)
        if not raw:
            return {}
        try:
            values = json.loads(raw)
        except json.JSONDecodeError as error:
            raise ValueError(f"{SETTINGS_ENV} is not a JSON object: {error}") from None
        if not isinstance(values, dict):
            raise ValueError(f"{SETTINGS_ENV} is not a JSON object of settings.")
        return values


class _OptionVariables(EnvSettingsSource):
    """One variable per limit, ``SDGMAP_<FIELD>`` as ``sdgmap serve``'s options read them, and
    ``SDGMAP_MODEL`` for the model, as ``sdgmap --model`` reads it."""

    def __call__(self) -> dict[str, Any]:
        values = {k: v for k, v in super().__call__().items() if k not in ("model_path", "trust")}
        model = self.env_vars.get(MODEL_ENV.lower())
        if model:
            values["model_path"] = model
        return values


class _Request(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", strict=True)


def classify_request_model(settings: ServiceSettings, operating_points: tuple[str, ...], languages: tuple[str, ...]):
    """The request model of ``POST /v1/classify``, with this service's limits and options in its schema."""
    Text = Annotated[str, StringConstraints(max_length=settings.max_text_chars)]

    class ClassifyItem(_Request):
        """One text to classify, with the caller's id (given back in the answer)."""

        id: ItemId = Field(description="Caller's id of the text, returned with its result.")
        text: Text = Field(description="Description of the initiative.")

    class ClassifyRequest(_Request):
        """Give exactly one of `text`, `texts` or `items`, and any options."""

        text: Text | None = Field(default=None, description="One text: the answer is one Classification.")
        texts: Annotated[list[Text], Field(min_length=1, max_length=settings.max_batch)] | None = Field(
            default=None, description="Several texts: the answer lists their results in the same order."
        )
        items: Annotated[list[ClassifyItem], Field(min_length=1, max_length=settings.max_batch)] | None = Field(
            default=None, description="Several texts with ids: each result carries its id, in the same order."
        )
        language: Literal[languages] | None = Field(default=None, description="Force the language (default: detect).")
        operating_point: Literal[operating_points] | None = Field(
            default=None, description="Decision thresholds (default: the model's, 'balanced')."
        )
        targets: bool = Field(default=True, description="Add the likely targets of each asserted goal.")
        evidence: bool = Field(default=False, description="Add the words behind each goal (about 4-6x slower).")
        systemic: bool = Field(default=False, description="Add how systemic the initiative reads.")

        @field_validator("items")
        @classmethod
        def _unique_ids(cls, items):
            # Ids are how a caller matches results to texts: a repeated id would make that ambiguous.
            seen: dict = {}
            for position, item in enumerate(items or ()):
                key = (type(item.id).__name__, item.id)
                if key in seen:
                    raise ValueError(f"id {item.id!r} is used by items {seen[key]} and {position}: give each item its own id")
                seen[key] = position
            return items

        @model_validator(mode="after")
        def _exactly_one_input(self):
            given = [name for name in ("text", "texts", "items") if getattr(self, name) is not None]
            if len(given) != 1:
                raise ValueError(Errors.E043.format(given=", ".join(given) or "none"))
            return self

        def options(self) -> ClassifyOptions:
            """The request's one options object (what every front-end hands the model)."""
            return ClassifyOptions(**self.model_dump(include=set(ClassifyOptions.model_fields)))

    return ClassifyRequest


class ClassifiedItem(Classification):
    """One result of a batch, with the id it was sent with (null for `texts`)."""

    id: ItemId | None = Field(default=None, description="The id sent with the text; null for `texts`.")


class _Answer(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class ClassifyBatchAnswer(_Answer):
    """Results of a batch, in the order the texts were sent."""

    results: list[ClassifiedItem]


class HealthAnswer(_Answer):
    """The worker is up and its model is loaded."""

    status: Literal["ok"] = "ok"


class VersionAnswer(_Answer):
    """What is running: the library, and the model with the digest of its files."""

    sdgmap: str = Field(description="Library version.")
    model: str = Field(description="Model name.")
    model_version: str = Field(description="Model version.")
    model_sha256: str = Field(description="SHA-256 of the model's file manifest: which exact model answers.")
    model_sdgmap_version: str | None = Field(default=None, description="Library version the model was trained with.")


class Problem(_Answer):
    """One thing wrong with a request."""

    loc: list[str | int] = Field(description="Where in the body, e.g. ['texts', 3].")
    msg: str


class ErrorAnswer(_Answer):
    """Every 4xx answer: a readable message with a stable code, and the problems found."""

    status: int
    code: str | None = Field(default=None, description="Stable error code, e.g. 'E040'.")
    detail: str = Field(description="What is wrong and how to fix it.")
    errors: list[Problem] = Field(default_factory=list)
