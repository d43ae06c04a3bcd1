"""Field types and the frozen base shared by every typed result (results, taxonomy, mapping)."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

Goal = Annotated[int, Field(ge=1, le=17, description="SDG number, 1 to 17.")]
Probability = Annotated[float, Field(ge=0.0, le=1.0)]


class FrozenModel(BaseModel):
    """Immutable, and strict about unknown fields: a typo in a payload is an error, not a silent drop."""

    model_config = ConfigDict(frozen=True, extra="forbid")
