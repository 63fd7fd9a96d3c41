"""The review file: one article a line, made to be edited in a text editor.

Each line is one record. Its entities come first, sorted by offset, one compact
object each with ``label`` and ``text`` in front (what a reviewer reads and
edits); the article ``text`` comes last on the same line, so the offsets stay
meaningful and the line numbers of problems point at the article. The export
adds ``text_sha1`` (the article text's checksum) so ``review validate`` notices
an edited article text without the original; ``review apply`` removes it.
``source`` and ``score`` (which recogniser, how sure) are dropped unless asked
for: after a review they no longer describe the entity.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ..io import atomic_write, read_records
from ..schema import Entity, Record
from .validate import TEXT_CHECKSUM, Problem, text_checksum

PROVENANCE_FIELDS = ("source", "score")
_RECORD_HEAD = ("id", "date", "source", "title")


def entity_dict(ent: Entity, keep_provenance: bool = False) -> dict[str, Any]:
    """An entity for the review file: label, text, start, end[, value], then any extra fields."""
    data = ent.model_dump(mode="json", exclude_none=True)
    out: dict[str, Any] = {k: data.pop(k) for k in ("label", "text", "start", "end")}
    if "value" in data:
        out["value"] = data.pop("value")
    for k, v in data.items():
        if keep_provenance or k not in PROVENANCE_FIELDS:
            out[k] = v
    return out


def review_dict(record: Record, keep_provenance: bool = False) -> dict[str, Any]:
    """A record as a review line: id and metadata, checksum, entities by offset, text last."""
    data = record.model_dump(mode="json", exclude_none=True)
    data.pop("errors", None)
    text = data.pop("text")
    data.pop("entities", None)
    out: dict[str, Any] = {k: data.pop(k) for k in _RECORD_HEAD if k in data}
    out.update(data)
    out[TEXT_CHECKSUM] = text_checksum(text)
    out["entities"] = [entity_dict(e, keep_provenance) for e in record.sorted_entities()]
    out["text"] = text
    return out


def review_line(record: Record, keep_provenance: bool = False) -> str:
    return json.dumps(review_dict(record, keep_provenance), ensure_ascii=False)


def read_predictions(path: Path | str) -> tuple[list[Record], list[Problem], list[str]]:
    """Records of a predictions (or gold) file; error records (failed articles) are skipped and named."""
    lines, errors = read_records(path)
    problems = [Problem(e.path, e.line, e.message, e.id) for e in errors]
    records, skipped = [], []
    for rl in lines:
        if rl.record.errors or not rl.record.text:
            skipped.append(f"{rl.path}:{rl.line}: {rl.record.id}: " + "; ".join(rl.record.errors or ["no text"]))
        else:
            records.append(rl.record)
    return records, problems, skipped


def write_review(records: Iterable[Record], path: Path | str, keep_provenance: bool = False) -> int:
    """Write a review file atomically; returns the number of records."""
    n = 0
    with atomic_write(path) as fh:
        for rec in records:
            fh.write(review_line(rec, keep_provenance) + "\n")
            n += 1
    return n

