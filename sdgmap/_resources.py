"""Where bundled data and models live, in a source checkout and once installed."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

_CHECKOUT = Path(__file__).resolve().parent.parent


def _locate(folder: str, package: str) -> Path:
    # A source checkout keeps `data/` and `models/` at the top; an installed wheel
    # carries them as the `sdgmap.data` and `sdgmap.models` packages (see pyproject).
    local = _CHECKOUT / folder
    if local.is_dir() and (_CHECKOUT / "pyproject.toml").is_file():
        return local
    return Path(str(resources.files(package)))


def data_dir() -> Path:
    return _locate("data", "sdgmap.data")


def models_dir() -> Path:
    return _locate("models", "sdgmap.models")
