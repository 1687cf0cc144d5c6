"""Base class for policy sections: pydantic models that ignore unknown keys (a newer or older stored version
still loads) and are immutable once built."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class PolicySection(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)
