"""The document readers' messages: they live with all the others in ``sdgmap.errors``
(E060-E066, W060-W064); these names keep the readers' imports short."""

from __future__ import annotations

from ..errors import Errors as DocumentErrors
from ..errors import Warnings as DocumentWarnings

__all__ = ["DocumentErrors", "DocumentWarnings"]
