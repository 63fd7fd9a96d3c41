"""Reading articles and writing records: every file the package touches goes through here.

Inputs
    * ``.txt`` files: one article each. Its id is the path relative to the
      input root without the suffix (``news/2022/a.txt`` under ``news/`` →
      ``2022/a``); a single file given directly has its stem as id.
    * folders: searched recursively for ``.txt`` and ``.jsonl`` files, in
      sorted order.
    * ``.jsonl`` files: one article a line, ``{"id", "text", "date"?,
      "source"?, "title"?}`` (records with ``entities`` are accepted; the
      entities are ignored).
    * ``manifest.jsonl`` in a folder is metadata, not articles: its rows
      (``{"file", "id"?, "date"?, "source"?, "title"?}``) give the id, date and
      source of the ``.txt`` files beside it. A manifest date wins over
      ``--date``, which is the default for files the manifest does not date.

Encodings: UTF-8, UTF-8 with a byte-order mark, and GB18030 (a superset of GBK
and GB2312) are detected; anything else is a per-file :class:`InputError`.

Outputs are written atomically (a temporary file in the same folder, renamed
over the target on success), so a failed run never leaves a half-written file.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import json
import os
import re
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from pydantic import ValidationError

from .schema import Article, Record, format_validation_error

MANIFEST_NAME = "manifest.jsonl"
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@dataclass(frozen=True)
class InputError:
    """A problem with one input (a file, or one line of a JSONL file)."""

    path: str
    message: str
    line: int | None = None
    id: str | None = None

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.message}"

    def as_record(self) -> Record:
        """An error record for the output: the id (or the file) and the reason."""
        rid = self.id or (f"{self.path}:{self.line}" if self.line else self.path)
        return Record(id=rid, text="", errors=[str(self)])


class DecodeError(ValueError):
    pass


def decode(data: bytes) -> str:
    """Decode news text: UTF-8 (with or without BOM) or GB18030/GBK, else DecodeError."""
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return data[3:].decode("utf-8")
        except UnicodeDecodeError as exc:
            raise DecodeError(f"has a UTF-8 byte-order mark but invalid UTF-8 at byte {exc.start + 3}") from None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise DecodeError("is UTF-16 (byte-order mark found); convert it to UTF-8")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as utf8_exc:
        try:
            text = data.decode("gb18030")
        except UnicodeDecodeError:
            raise DecodeError(
                f"is neither UTF-8 nor GB18030/GBK (invalid byte at offset {utf8_exc.start})"
            ) from None
        if not _CJK.search(text) or _CONTROL.search(text):
            raise DecodeError(
                f"is not UTF-8 (invalid byte at offset {utf8_exc.start}) and does not read as "
                "Chinese text in GB18030/GBK"
            ) from None
        return text
    if _CONTROL.search(text):
        raise DecodeError("contains control characters; it looks like a binary file")
    return text


def _parse_date(value: Any) -> _dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, _dt.date):
        return value
    try:
        return _dt.date.fromisoformat(str(value))
    except ValueError:
        raise ValueError(f"date {value!r} is not YYYY-MM-DD") from None


def _load_manifest(folder: Path) -> tuple[dict[str, dict[str, Any]], list[InputError]]:
    path = folder / MANIFEST_NAME
    rows: dict[str, dict[str, Any]] = {}
    errors: list[InputError] = []
    if not path.is_file():
        return rows, errors
    for lineno, line in enumerate(path.read_text(encoding="utf-8-sig").splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            rows[str(row["file"])] = row
        except (json.JSONDecodeError, KeyError, TypeError) as exc:
            errors.append(InputError(str(path), f"bad manifest row: {exc}", lineno))
    return rows, errors


def read_txt(path: Path, article_id: str, date: _dt.date | None = None,
             meta: dict[str, Any] | None = None) -> Article | InputError:
    """One ``.txt`` article, or an InputError saying why it cannot be read."""
    meta = meta or {}
    try:
        text = decode(path.read_bytes())
    except DecodeError as exc:
        return InputError(str(path), f"file {exc}", id=article_id)
    except OSError as exc:
        return InputError(str(path), f"cannot read: {exc.strerror}", id=article_id)
    if not text.strip():
        return InputError(str(path), "empty article (no text)", id=meta.get("id") or article_id)
    try:
        return Article(
            id=meta.get("id") or article_id,
            text=text,
            date=_parse_date(meta.get("date")) or date,
            source=meta.get("source"),
            title=meta.get("title"),
        )
    except ValueError as exc:
        return InputError(str(path), str(exc), id=article_id)


def read_jsonl(path: Path, date: _dt.date | None = None) -> Iterator[Article | InputError]:
    """Articles from a JSONL file; a bad line is an InputError naming file and line.

    The file is read line by line (a file of any size in constant memory); each
    line is decoded on its own (UTF-8, or GB18030/GBK), so one undecodable line
    is an error for that line only.
    """
    try:
        fh = open(path, "rb")
    except OSError as exc:
        yield InputError(str(path), f"cannot read: {exc.strerror}")
        return
    with fh:
        if fh.read(2) in (b"\xff\xfe", b"\xfe\xff"):
            yield InputError(str(path), "file is UTF-16 (byte-order mark found); convert it to UTF-8")
            return
        fh.seek(0)
        yield from _jsonl_articles(path, fh, date)


def _jsonl_articles(path: Path, fh: IO[bytes], date: _dt.date | None) -> Iterator[Article | InputError]:
    for lineno, raw in enumerate(fh, 1):
        if not raw.strip():
            continue
        try:
            line = decode(raw)
        except DecodeError as exc:
            yield InputError(str(path), f"line {exc}", lineno)
            continue
        try:
            data = json.loads(line)
        except json.JSONDecodeError as exc:
            yield InputError(str(path), f"invalid JSON: {exc.msg} (column {exc.colno})", lineno)
            continue
        if not isinstance(data, dict):
            yield InputError(str(path), "a line must be a JSON object", lineno)
            continue
        rid = data.get("id") if isinstance(data.get("id"), str) else None
        if not rid:
            yield InputError(str(path), 'missing "id" (a non-empty string)', lineno)
            continue
        if not isinstance(data.get("text"), str):
            yield InputError(str(path), 'missing "text" (a string)', lineno, rid)
            continue
        if not data["text"].strip():
            yield InputError(str(path), "empty article (no text)", lineno, rid)
            continue
        try:
            data["date"] = _parse_date(data.get("date")) or date
            yield Article.model_validate(data)
        except ValidationError as exc:
            yield InputError(str(path), format_validation_error(exc), lineno, rid)
        except ValueError as exc:
            yield InputError(str(path), str(exc), lineno, rid)


def _walk(root: Path) -> Iterator[Path]:
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames.sort()
        for name in sorted(filenames):
            yield Path(dirpath) / name


def iter_articles(paths: Iterable[Path | str], date: _dt.date | None = None) -> Iterator[Article | InputError]:
    """Every article of the inputs, in a stable order, with an InputError for each bad one.

    Duplicate ids across the inputs are errors (the second one is reported), so
    one id always means one article in the output.
    """
    seen: set[str] = set()
    for raw_path in paths:
        root = Path(raw_path)
        if not root.exists():
            yield InputError(str(root), "no such file or folder")
            continue
        if root.is_dir():
            files = [p for p in _walk(root) if p.suffix in (".txt", ".jsonl") and p.name != MANIFEST_NAME]
            if not files:
                yield InputError(str(root), "folder holds no .txt or .jsonl files")
        else:
            files = [root]
        manifests: dict[Path, dict[str, dict[str, Any]]] = {}
        for path in files:
            if path.suffix == ".jsonl":
                items: Iterable[Article | InputError] = read_jsonl(path, date)
            elif path.suffix == ".txt" or not root.is_dir():
                folder = path.parent
                if folder not in manifests:
                    manifests[folder], errs = _load_manifest(folder)
                    yield from errs
                rel = path.relative_to(root) if root.is_dir() else Path(path.name)
                art_id = rel.with_suffix("").as_posix()
                items = [read_txt(path, art_id, date, manifests[folder].get(path.name))]
            else:
                continue
            for item in items:
                if isinstance(item, Article):
                    if item.id in seen:
                        item = InputError(str(path), f"duplicate article id {item.id!r}", id=None)
                    else:
                        seen.add(item.id)
                yield item


@contextlib.contextmanager
def atomic_write(path: Path | str, mode: str = "w") -> Iterator[IO[Any]]:
    """Write to a temporary file beside ``path`` and rename it over ``path`` on success."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, mode, encoding=None if "b" in mode else "utf-8") as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp creates 0600; give the file normal permissions
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def write_jsonl(records: Iterable[Record], path: Path | str) -> int:
    """Write records as JSONL atomically; returns how many were written."""
    n = 0
    with atomic_write(path) as fh:
        for rec in records:
            fh.write(rec.to_json() + "\n")
            n += 1
    return n


@dataclass(frozen=True)
class RecordLine:
    """A record read back from JSONL with where it came from (for error messages)."""

    path: str
    line: int
    record: Record


def read_records(path: Path | str) -> tuple[list[RecordLine], list[InputError]]:
    """Read and validate every record of a JSONL file, collecting every problem.

    Used for gold files, predictions and review files: a broken line is never
    skipped silently, it is returned as an InputError with file and line.
    """
    path = Path(path)
    records: list[RecordLine] = []
    errors: list[InputError] = []
    try:
        text = decode(path.read_bytes())
    except (DecodeError, OSError) as exc:
        return [], [InputError(str(path), f"cannot read: {exc}")]
    seen: dict[str, int] = {}
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
        except json.JSONDecodeError as exc:
            errors.append(InputError(str(path), f"invalid JSON: {exc.msg} (column {exc.colno})", lineno))
            continue
        rid = data.get("id") if isinstance(data, dict) else None
        try:
            rec = Record.model_validate(data)
        except ValidationError as exc:
            errors.append(InputError(str(path), format_validation_error(exc, rid), lineno, rid))
            continue
        if rec.id in seen:
            errors.append(InputError(str(path), f"duplicate id {rec.id!r} (first on line {seen[rec.id]})",
                                     lineno, rec.id))
            continue
        seen[rec.id] = lineno
        records.append(RecordLine(str(path), lineno, rec))
    return records, errors
