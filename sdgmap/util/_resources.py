"""Where bundled data and models live, once installed and in a source checkout."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent.parent


def _locate(folder: str) -> Path:
    # An installed wheel carries `data/` and `models/` inside the package (sdgmap.data and
    # sdgmap.models, see pyproject); a source checkout keeps them at the top of the repo.
    installed = _PACKAGE / folder
    return installed if installed.is_dir() else _PACKAGE.parent / folder


def data_dir() -> Path:
    return _locate("data")


def models_dir() -> Path:
    return _locate("models")
