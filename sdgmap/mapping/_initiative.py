"""One initiative as read from a directory: its text, and what places it in space and time.

Directories carry columns of their own (category, funder, ...): an :class:`Initiative` keeps
them as extra fields, so a corpus can be broken down by any of them.
"""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

_OPTIONAL = ("id", "name", "place", "region", "latitude", "longitude", "year")
# Fields whose unreadable value is dropped (and counted) rather than the whole initiative.
METADATA_FIELDS = ("name", "place", "region", "latitude", "longitude", "year")


class Initiative(BaseModel):
    """A described initiative; fields other than these are kept as given (``extra="allow"``)."""

    model_config = ConfigDict(frozen=True, extra="allow")

    text: str = Field(description="Description of the initiative, in English or French.")
    id: str | None = Field(default=None, description="Identifier; its position in the input (1-based) if not given.")
    name: str | None = Field(default=None, description="Name of the initiative.")
    place: str | None = Field(default=None, description="Town or place, as written by the directory.")
    region: str | None = Field(default=None, description="Region, country or any area used to group initiatives.")
    latitude: float | None = Field(default=None, ge=-90.0, le=90.0, description="WGS 84 latitude in degrees.")
    longitude: float | None = Field(default=None, ge=-180.0, le=180.0, description="WGS 84 longitude in degrees.")
    year: int | None = Field(default=None, ge=0, le=9999, description="Year the initiative started or was listed.")

    @model_validator(mode="before")
    @classmethod
    def _blank_is_missing(cls, data):
        # CSV cells are strings: an empty latitude or year means "not given", not an error.
        if isinstance(data, dict):
            data = {k: (None if k in _OPTIONAL and isinstance(v, str) and not v.strip() else v) for k, v in data.items()}
        return data

    @field_validator("id", mode="before")
    @classmethod
    def _id_as_text(cls, value):
        return None if value is None else str(value)

    @model_validator(mode="after")
    def _both_coordinates(self) -> Initiative:
        if (self.latitude is None) != (self.longitude is None):
            raise ValueError("give both latitude and longitude, or neither")
        return self

    @property
    def has_coordinates(self) -> bool:
        return self.latitude is not None

    def value(self, field: str):
        """Value of a field, built-in or extra (None when absent)."""
        if field in type(self).model_fields:
            return getattr(self, field)
        return (self.model_extra or {}).get(field)


@dataclass(frozen=True, slots=True)
class UnreadableRow:
    """A row of an input file that is not an object (bad JSON, an array...): counted as skipped."""

    id: str | None
    error: str
