"""newsextract: Chinese news articles → checked, structured entity records.

>>> from newsextract import Pipeline
>>> record = Pipeline().extract("青岛集成电路产业园已洽谈落户产业链项目14个。", date="2022-08-25")
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = ["Article", "Entity", "Pipeline", "Record", "__version__"]

if TYPE_CHECKING:
    from .pipeline import Pipeline
    from .schema import Article, Entity, Record


def __getattr__(name: str) -> Any:
    # Lazy: `newsextract --help` and `newsextract schema` need not load spaCy.
    if name == "Pipeline":
        from .pipeline import Pipeline

        return Pipeline
    if name in ("Article", "Entity", "Record"):
        from . import schema

        return getattr(schema, name)
    raise AttributeError(name)
