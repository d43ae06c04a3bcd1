"""The one way every front-end gets a model: a :class:`ModelSource`, loaded once per process.

The CLI, ``map_corpus``, the report and the worker processes of ``classify_file`` all hold a
source (picklable: a path, a trust flag and the SHA-256 the run expects) instead of loading a
model their own way; the model is read on first use only, so help, argument errors and
re-rendering saved results load nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

from .errors import Errors
from .pipeline._model import SDGModel, load

_LOADED: dict[tuple[str | None, bool], SDGModel] = {}


@dataclass(frozen=True)
class ModelSource:
    """Where a model comes from (default: the bundled model). ``load()`` reads it once per process."""

    path: str | None = None
    trust: bool = False
    sha256: str | None = None  # when set, the loaded model must be this one (worker processes)

    def load(self) -> SDGModel:
        model = _LOADED.get(self._key())
        if model is None:
            model = _LOADED[self._key()] = load(self.path, trust=self.trust)
        if self.sha256 is not None and model.meta.get("sha256") != self.sha256:
            raise ValueError(Errors.E045.format(found=model.meta.get("sha256"), expected=self.sha256))
        return model

    def _key(self) -> tuple[str | None, bool]:
        return self.path, self.trust


def resolve(model: SDGModel | ModelSource | None) -> SDGModel:
    """The model itself: ``model`` if it is one, else the source's (the bundled model for None)."""
    if model is None or isinstance(model, ModelSource):
        return (model or ModelSource()).load()
    return model  # a model, or anything with its classify_many / classify
