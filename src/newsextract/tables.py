"""Records as tables for data teams: one row per entity, or one row per article.

Both tables are built through pandas with explicit dtypes, so a column has the
same type whatever the data (an empty table included), and written as CSV or
Parquet (pyarrow) in row groups, so a table of any size is written in constant
memory.

Entity table (``ENTITY_DTYPES``)
    ``article_id, label, text, start, end, source, score`` and the normalised
    value spread over columns: ``value, unit, approx, max`` (FIGURE) and
    ``iso`` (DATE); a column that does not apply to the entity is null.

Article table (``ARTICLE_DTYPES``)
    ``article_id, date, source, title, chars, entities``, one count column per
    label (``PARK`` … ``FIGURE``) and ``errors`` (the record's errors joined
    with ``"; "``, null when there are none).
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import IO, Any

import pandas as pd

from .io import atomic_write
from .schema import LABELS

FORMATS = ("csv", "parquet")

_STR = pd.StringDtype()

ENTITY_DTYPES: dict[str, Any] = {
    "article_id": _STR,
    "label": pd.CategoricalDtype(list(LABELS)),
    "text": _STR,
    "start": "int64",
    "end": "int64",
    "source": _STR,
    "score": "Float64",
    "value": "Float64",
    "unit": _STR,
    "approx": pd.CategoricalDtype(["exact", "about", "over", "under"]),
    "max": "Float64",
    "iso": _STR,
}
"""Columns of the entity table and their pandas dtypes, in order."""

ARTICLE_DTYPES: dict[str, Any] = {
    "article_id": _STR,
    "date": _STR,
    "source": _STR,
    "title": _STR,
    "chars": "int64",
    "entities": "int64",
    **{label: "int64" for label in LABELS},
    "errors": _STR,
}
"""Columns of the article table and their pandas dtypes, in order."""

KINDS = {"entities": ENTITY_DTYPES, "articles": ARTICLE_DTYPES}


def entity_rows(record: dict[str, Any]) -> list[dict[str, Any]]:
    """Rows of the entity table for one record (a dict as read from JSONL)."""
    rows = []
    for ent in record.get("entities") or []:
        value = ent.get("value") or {}
        rows.append({
            "article_id": record["id"], "label": ent["label"], "text": ent["text"],
            "start": ent["start"], "end": ent["end"], "source": ent.get("source"),
            "score": ent.get("score"), "value": value.get("value"), "unit": value.get("unit"),
            "approx": value.get("approx"), "max": value.get("max"), "iso": value.get("iso"),
        })
    return rows


def article_row(record: dict[str, Any]) -> dict[str, Any]:
    """The row of the article table for one record: its metadata and counts per label."""
    ents = record.get("entities") or []
    row: dict[str, Any] = {
        "article_id": record["id"], "date": record.get("date"), "source": record.get("source"),
        "title": record.get("title"), "chars": len(record.get("text") or ""), "entities": len(ents),
    }
    for label in LABELS:
        row[label] = 0
    for ent in ents:
        row[ent["label"]] += 1
    errors = record.get("errors") or []
    row["errors"] = "; ".join(errors) if errors else None
    return row


def frame(rows: list[dict[str, Any]], kind: str = "entities") -> pd.DataFrame:
    """A DataFrame of ``rows`` with the columns and dtypes of table ``kind``."""
    dtypes = KINDS[kind]
    df = pd.DataFrame(rows, columns=list(dtypes)) if rows else pd.DataFrame(
        {c: pd.Series([], dtype="object") for c in dtypes})
    return df.astype(dtypes)


def entity_frame(records: Iterable[dict[str, Any]]) -> pd.DataFrame:
    """The entity table of ``records`` (dicts as read from JSONL)."""
    return frame([row for rec in records for row in entity_rows(rec)], "entities")


def article_frame(records: Iterable[dict[str, Any]]) -> pd.DataFrame:
    """The article table of ``records`` (dicts as read from JSONL)."""
    return frame([article_row(rec) for rec in records], "articles")


def format_of(path: str | Path, default: str | None = None) -> str:
    """``csv`` or ``parquet`` from a file name's suffix (or ``default``)."""
    suffix = Path(str(path)).suffix.lower().lstrip(".")
    if suffix in FORMATS:
        return suffix
    if suffix == "pq":
        return "parquet"
    if default:
        return default
    raise ValueError(f"cannot tell the table format of {path}: name it .csv or .parquet")


class TableWriter:
    """Write one table (``kind`` ``entities`` or ``articles``) from records, streaming.

    Rows are buffered up to ``rows_per_group`` and then written (a Parquet row
    group, or a block of CSV lines). The file is written atomically: it
    appears, complete, when the writer is closed without an error. ``path``
    ``-`` writes CSV to standard output.
    """

    def __init__(self, path: str | Path, fmt: str, kind: str = "entities", rows_per_group: int = 50_000) -> None:
        if fmt not in FORMATS:
            raise ValueError(f"unknown table format {fmt!r} (use one of {', '.join(FORMATS)})")
        if kind not in KINDS:
            raise ValueError(f"unknown table kind {kind!r}")
        if str(path) == "-" and fmt != "csv":
            raise ValueError("Parquet cannot be written to standard output; give a file with -o")
        self.path, self.fmt, self.kind = str(path), fmt, kind
        self.rows_per_group = rows_per_group
        self.rows = 0
        self._buffer: list[dict[str, Any]] = []
        self._stack = contextlib.ExitStack()
        self._fh: IO[Any] = (sys.stdout if self.path == "-" else
                             self._stack.enter_context(atomic_write(self.path, "wb" if fmt == "parquet" else "w")))
        self._header = True
        self._pq_writer: Any = None
        self._schema: Any = None

    def add(self, record: dict[str, Any]) -> None:
        if self.kind == "entities":
            self._buffer.extend(entity_rows(record))
        else:
            self._buffer.append(article_row(record))
        if len(self._buffer) >= self.rows_per_group:
            self._flush()

    def _flush(self, final: bool = False) -> None:
        if not self._buffer and not (final and self._header and self._pq_writer is None):
            return
        df = frame(self._buffer, self.kind)
        self.rows += len(df)
        self._buffer = []
        if self.fmt == "csv":
            df.to_csv(self._fh, header=self._header, index=False, lineterminator="\n", float_format="%.15g")
            self._header = False
            return
        import pyarrow as pa
        import pyarrow.parquet as pq

        if self._pq_writer is None:
            self._schema = pa.Schema.from_pandas(frame([], self.kind), preserve_index=False)
            self._pq_writer = pq.ParquetWriter(self._fh, self._schema)
        self._pq_writer.write_table(pa.Table.from_pandas(df, schema=self._schema, preserve_index=False))
        self._header = False

    def close(self) -> None:
        """Write what is buffered and move the file into place."""
        try:
            self._flush(final=True)
            if self._pq_writer is not None:
                self._pq_writer.close()
        except BaseException as exc:
            self._stack.__exit__(type(exc), exc, exc.__traceback__)
            raise
        self._stack.close()

    def abort(self) -> None:
        """Give up: the target file is left as it was."""
        with contextlib.suppress(Exception):
            if self._pq_writer is not None:
                self._pq_writer.close()
        err = RuntimeError("aborted")
        with contextlib.suppress(RuntimeError):
            self._stack.__exit__(RuntimeError, err, None)

    def __enter__(self) -> TableWriter:
        return self

    def __exit__(self, exc_type: Any, exc: Any, tb: Any) -> None:
        if exc_type is None:
            self.close()
        else:
            self.abort()
