"""The record format of ANNOTATION.md as pydantic models, with its validation.

One record format serves the pipeline's output, the reviewers' JSONL and the
gold set. A :class:`Record` that validates satisfies every structural rule of
the guidelines: offsets inside the text, ``text[start:end] == entity.text``,
no overlapping or nested entities, known labels, and a well-formed ``value``
on every FIGURE and DATE (and on no other label). Error messages name the
record id and the entity, so a reviewer can find the line to fix.
"""

from __future__ import annotations

import datetime as _dt
import json
import math
import re
from typing import Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    field_serializer,
    field_validator,
    model_validator,
)

LABELS: tuple[str, ...] = ("PARK", "COMPANY", "ORG", "LOC", "PERSON", "DATE", "FIGURE")
"""The seven labels of the guidelines, in the order reports list them."""

Label = Literal["PARK", "COMPANY", "ORG", "LOC", "PERSON", "DATE", "FIGURE"]
Approx = Literal["exact", "about", "over", "under"]

ISO_PATTERN = re.compile(
    r"^(?:\d{4}|XXXX)"
    r"(?:-(?:Q[1-4]|H[12]|SP|SU|FA|WI)"
    r"|-(?:0[1-9]|1[0-2]|XX)(?:-(?:0[1-9]|[12]\d|3[01]|XX))?)?$"
)


def _clean_number(x: float) -> int | float:
    """Integral floats become ints, so 2e10 is written as 20000000000."""
    if isinstance(x, bool):
        raise ValueError("a number is required, not a boolean")
    if isinstance(x, float):
        if not math.isfinite(x):
            raise ValueError(f"number must be finite, got {x}")
        if x.is_integer() and abs(x) < 1e18:
            return int(x)
    return x


class FigureValue(BaseModel):
    """The normalised value of a FIGURE: ``约200亿元`` → value 2e10, unit 元, approx about."""

    model_config = ConfigDict(extra="forbid")

    value: int | float
    unit: str
    approx: Approx = "exact"
    max: int | float | None = None

    @field_validator("value", "max")
    @classmethod
    def _finite(cls, v: float | None) -> int | float | None:
        return None if v is None else _clean_number(v)

    @model_validator(mode="after")
    def _range(self) -> FigureValue:
        if self.max is not None and self.max < self.value:
            raise ValueError(f"max {self.max} is below value {self.value}")
        return self


class DateValue(BaseModel):
    """The normalised value of a DATE: ``iso`` as YYYY[-MM[-DD]], YYYY-Qn, YYYY-Hn or a season."""

    model_config = ConfigDict(extra="forbid")

    iso: str

    @field_validator("iso")
    @classmethod
    def _iso(cls, v: str) -> str:
        if not ISO_PATTERN.match(v):
            raise ValueError(
                f"iso {v!r} is not YYYY, YYYY-MM, YYYY-MM-DD, YYYY-Q1..Q4, YYYY-H1/H2 "
                "or YYYY-SP/SU/FA/WI (unknown parts as XXXX / XX)"
            )
        return v


class Entity(BaseModel):
    """One labelled span. ``source`` and ``score`` are the allowed extra fields."""

    model_config = ConfigDict(extra="allow")

    label: Label
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str
    value: FigureValue | DateValue | None = None
    source: str | None = None
    score: float | None = None

    @model_validator(mode="before")
    @classmethod
    def _typed_value(cls, data: Any) -> Any:
        # Pick the value model by label, so a FIGURE never validates as a DateValue.
        if isinstance(data, dict) and isinstance(data.get("value"), dict):
            label = data.get("label")
            model = {"FIGURE": FigureValue, "DATE": DateValue}.get(label)
            if model is not None:
                data = {**data, "value": model.model_validate(data["value"])}
        return data

    @model_validator(mode="after")
    def _shape(self) -> Entity:
        if self.end <= self.start:
            raise ValueError(f"end {self.end} must be greater than start {self.start}")
        if self.label == "FIGURE" and not isinstance(self.value, FigureValue):
            raise ValueError("a FIGURE needs a value {value, unit, approx[, max]}")
        if self.label == "DATE" and not isinstance(self.value, DateValue):
            raise ValueError("a DATE needs a value {iso}")
        if self.label not in ("FIGURE", "DATE") and self.value is not None:
            raise ValueError(f"a {self.label} takes no value")
        return self

    def describe(self) -> str:
        return f"{self.label} {self.text!r} [{self.start}:{self.end}]"


class Article(BaseModel):
    """An input article: what the readers produce and the pipeline consumes."""

    model_config = ConfigDict(extra="ignore")

    id: str = Field(min_length=1)
    text: str
    date: _dt.date | None = None
    source: str | None = None
    title: str | None = None

    @field_serializer("date")
    def _date_iso(self, d: _dt.date | None) -> str | None:
        return d.isoformat() if d else None


class Record(Article):
    """An article with its entities: one line of the pipeline's output, a review file or gold."""

    model_config = ConfigDict(extra="allow")

    entities: list[Entity] = Field(default_factory=list)
    errors: list[str] = Field(default_factory=list)

    @model_validator(mode="after")
    def _entities_fit_text(self) -> Record:
        problems: list[str] = []
        n = len(self.text)
        ordered = sorted(self.entities, key=lambda e: (e.start, -e.end))
        for ent in ordered:
            if ent.end > n:
                problems.append(f"{ent.describe()}: end {ent.end} is past the text's length {n}")
            elif self.text[ent.start : ent.end] != ent.text:
                problems.append(
                    f"{ent.describe()}: text[{ent.start}:{ent.end}] is "
                    f"{self.text[ent.start:ent.end]!r}, not {ent.text!r}"
                )
        for a, b in zip(ordered, ordered[1:]):
            if b.start < a.end:
                kind = "nests in" if b.end <= a.end else "overlaps"
                problems.append(f"{b.describe()} {kind} {a.describe()}")
        if problems:
            raise ValueError(f"record {self.id!r}: " + "; ".join(problems))
        return self

    def sorted_entities(self) -> list[Entity]:
        return sorted(self.entities, key=lambda e: (e.start, e.end, e.label))

    def to_json(self) -> str:
        """One JSONL line: keys in the guidelines' order, None fields and empty errors left out."""
        data = self.model_dump(mode="json", exclude_none=True)
        if not data.get("errors"):
            data.pop("errors", None)
        data["entities"] = [
            e.model_dump(mode="json", exclude_none=True) for e in self.sorted_entities()
        ]
        return json.dumps(data, ensure_ascii=False)


def record_json_schema() -> dict[str, Any]:
    """The JSON Schema of a record line (what ``newsextract schema`` prints)."""
    schema = Record.model_json_schema()
    schema["title"] = "newsextract record"
    schema["description"] = (
        "One line of newsextract output, review or gold JSONL (ANNOTATION.md). "
        "Offsets are Python string indices into `text`, end exclusive; entities never overlap."
    )
    return schema


def format_validation_error(exc: ValidationError, record_id: str | None = None) -> str:
    """A one-line, human-readable summary of a pydantic error, naming the record."""
    parts = []
    for err in exc.errors():
        loc = ".".join(str(x) for x in err["loc"])
        msg = err["msg"].removeprefix("Value error, ")
        parts.append(f"{loc}: {msg}" if loc else msg)
    prefix = f"record {record_id!r}: " if record_id and all(record_id not in p for p in parts) else ""
    return prefix + "; ".join(parts)


def parse_record(data: dict[str, Any]) -> Record:
    """Validate one record dict, raising ValueError with a message naming record and entity."""
    try:
        return Record.model_validate(data)
    except ValidationError as exc:
        rid = data.get("id") if isinstance(data, dict) else None
        raise ValueError(format_validation_error(exc, rid if isinstance(rid, str) else None)) from None
