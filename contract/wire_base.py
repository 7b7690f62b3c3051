"""Base class of the generated wire models (contract/generated/models.py)."""

from pydantic import BaseModel, ConfigDict


class WireModel(BaseModel):
    """Every generated model derives from this.

    ``defer_build`` postpones building a model's validator until it is first used, so importing
    the ~500 generated classes stays cheap for code that touches only a few of them.
    """

    model_config = ConfigDict(defer_build=True)
