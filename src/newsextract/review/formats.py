"""Interchange with annotation tools: Prodigy, doccano and Label Studio.

Each format carries the article id, date, source and title, and the FIGURE and
DATE values (which the tools do not edit), in its metadata:

* ``prodigy`` (JSONL): ``{"text", "spans": [{"start", "end", "label", "text"}],
  "meta": {"article_id", "date", "source", "title", "values": [...]}}``, the
  task format of Prodigy's ``ner.manual`` / ``spans.manual`` recipes. Tasks
  answered ``reject`` or ``ignore`` are skipped on import.
* ``doccano`` (JSONL): ``{"text", "label": [[start, end, label], ...],
  "article_id", "date", "source", "title", "values"}``; extra keys are
  doccano's metadata columns. Import also reads doccano's newer
  ``"entities": [{"start_offset", "end_offset", "label"}]`` form.
* ``label-studio`` (JSON, a list of tasks): ``{"data": {"text", "article_id",
  "date", "source", "title"}, "meta": {"values": [...]}, "predictions":
  [{"model_version": "newsextract", "result": [{"from_name": "label",
  "to_name": "text", "type": "labels", "value": {"start", "end", "text",
  "labels": [label]}}]}]}``. Import takes a task's latest non-cancelled
  annotation, else its first prediction. Offsets are code points; a span
  whose offsets do not give its ``text`` (older Label Studio counted UTF-16
  units) is re-anchored to the nearest occurrence of its text.

``values`` is a list of ``{"start", "end", "label", "text", "value"}``; on
import a span gets the value stored for the same offsets and label, else for
the same text and label when that is unambiguous. Imported records go through
the same checks as a review file (:func:`.validate.check_items`).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from ..io import DecodeError, atomic_write, decode
from ..schema import Record
from .validate import Loaded, Problem, check_items

FORMATS = ("prodigy", "doccano", "label-studio")
LS_FROM_NAME, LS_TO_NAME = "label", "text"

LABEL_STUDIO_CONFIG = """\
<View>
  <Labels name="label" toName="text">
    <Label value="PARK" background="#7aecec"/>
    <Label value="COMPANY" background="#aa9cfc"/>
    <Label value="ORG" background="#bfeeb7"/>
    <Label value="LOC" background="#ff9561"/>
    <Label value="PERSON" background="#ddd1ff"/>
    <Label value="DATE" background="#bfe1d9"/>
    <Label value="FIGURE" background="#e4e7d2"/>
  </Labels>
  <Text name="text" value="$text"/>
</View>
"""
"""The Label Studio labelling config matching the exported tasks."""


def _meta(record: Record) -> dict[str, Any]:
    data = record.model_dump(mode="json", exclude_none=True)
    meta: dict[str, Any] = {"article_id": record.id}
    for k in ("date", "source", "title"):
        if data.get(k) is not None:
            meta[k] = data[k]
    return meta


def _values(record: Record) -> list[dict[str, Any]]:
    return [{"start": e.start, "end": e.end, "label": e.label, "text": e.text,
             "value": e.value.model_dump(mode="json", exclude_none=True)}
            for e in record.sorted_entities() if e.value is not None]


def to_prodigy(record: Record) -> dict[str, Any]:
    return {
        "text": record.text,
        "spans": [{"start": e.start, "end": e.end, "label": e.label, "text": e.text}
                  for e in record.sorted_entities()],
        "meta": {**_meta(record), "values": _values(record)},
    }


def to_doccano(record: Record) -> dict[str, Any]:
    return {
        "text": record.text,
        "label": [[e.start, e.end, e.label] for e in record.sorted_entities()],
        **_meta(record),
        "values": _values(record),
    }


def to_label_studio(record: Record) -> dict[str, Any]:
    result = [
        {"id": f"{record.id}-{i}", "from_name": LS_FROM_NAME, "to_name": LS_TO_NAME, "type": "labels",
         "value": {"start": e.start, "end": e.end, "text": e.text, "labels": [e.label]}}
        for i, e in enumerate(record.sorted_entities(), 1)
    ]
    return {
        "data": {"text": record.text, **_meta(record)},
        "meta": {"values": _values(record)},
        "predictions": [{"model_version": "newsextract", "result": result}],
    }


def write_format(records: Iterable[Record], path: Path | str, fmt: str) -> int:
    """Write records in an interchange format, atomically; returns how many."""
    records = list(records)
    with atomic_write(path) as fh:
        if fmt == "label-studio":
            json.dump([to_label_studio(r) for r in records], fh, ensure_ascii=False, indent=1)
            fh.write("\n")
        else:
            conv = to_prodigy if fmt == "prodigy" else to_doccano
            for r in records:
                fh.write(json.dumps(conv(r), ensure_ascii=False) + "\n")
    return len(records)


# ---------------------------------------------------------------- import


class FormatError(ValueError):
    """A task of an interchange file that cannot be turned into a record."""


def _attach_values(ents: list[dict[str, Any]], values: Any) -> None:
    if not isinstance(values, list):
        return
    rows = [v for v in values if isinstance(v, dict)]
    by_span = {(v.get("start"), v.get("end"), v.get("label")): v.get("value") for v in rows}
    by_text: dict[tuple[Any, Any], list[Any]] = {}
    for v in rows:
        by_text.setdefault((v.get("text"), v.get("label")), []).append(v.get("value"))
    for ent in ents:
        key = (ent.get("start"), ent.get("end"), ent.get("label"))
        if key in by_span:
            ent["value"] = by_span[key]
            continue
        same = by_text.get((ent.get("text"), ent.get("label")), [])
        if same and all(v == same[0] for v in same):
            ent["value"] = same[0]


def _record(text: Any, meta: dict[str, Any], ents: list[dict[str, Any]], fallback_id: Any) -> dict[str, Any]:
    if not isinstance(text, str):
        raise FormatError('the task has no "text"')
    rid = meta.get("article_id") or meta.get("id") or fallback_id
    if rid is None or rid == "":
        raise FormatError('the task has no article id ("article_id" in its metadata)')
    for ent in ents:
        s, e = ent.get("start"), ent.get("end")
        if "text" not in ent and isinstance(s, int) and isinstance(e, int):
            ent["text"] = text[s:e]
    _attach_values(ents, meta.get("values"))
    rec: dict[str, Any] = {"id": str(rid), "text": text}
    for k in ("date", "source", "title"):
        if meta.get(k) is not None:
            rec[k] = meta[k]
    rec["entities"] = ents
    return rec


def from_prodigy(task: dict[str, Any]) -> dict[str, Any] | None:
    if task.get("answer") in ("reject", "ignore"):
        return None
    meta = task.get("meta") if isinstance(task.get("meta"), dict) else {}
    spans = task.get("spans") or []
    if not isinstance(spans, list):
        raise FormatError('"spans" must be a list')
    ents = [{k: s[k] for k in ("label", "start", "end", "text") if k in s} for s in spans if isinstance(s, dict)]
    return _record(task.get("text"), meta, ents, None)


def from_doccano(task: dict[str, Any]) -> dict[str, Any]:
    meta = dict(task.get("meta")) if isinstance(task.get("meta"), dict) else {}
    for k in ("article_id", "date", "source", "title", "values"):
        if k in task and k not in meta:
            meta[k] = task[k]
    ents: list[dict[str, Any]] = []
    spans = task.get("label", task.get("labels"))
    if isinstance(spans, list):
        for s in spans:
            if not (isinstance(s, list | tuple) and len(s) == 3):
                raise FormatError(f"a doccano label must be [start, end, label], not {s!r}")
            ents.append({"start": s[0], "end": s[1], "label": s[2]})
    for s in task.get("entities") or []:
        if isinstance(s, dict):
            ents.append({"start": s.get("start_offset"), "end": s.get("end_offset"), "label": s.get("label")})
    text = task.get("text", task.get("data"))
    fallback = task.get("id")
    return _record(text, meta, ents, fallback)


def _ls_results(task: dict[str, Any]) -> list[dict[str, Any]]:
    annotations = [a for a in task.get("annotations") or []
                   if isinstance(a, dict) and not a.get("was_cancelled")]
    if annotations:
        chosen = max(annotations, key=lambda a: (str(a.get("updated_at") or a.get("created_at") or ""),
                                                 annotations.index(a)))
        return chosen.get("result") or []
    predictions = [p for p in task.get("predictions") or [] if isinstance(p, dict)]
    return (predictions[0].get("result") or []) if predictions else []


def from_label_studio(task: dict[str, Any]) -> dict[str, Any]:
    data = task.get("data") if isinstance(task.get("data"), dict) else {}
    meta = {k: data[k] for k in ("article_id", "date", "source", "title") if k in data}
    if isinstance(task.get("meta"), dict):
        meta.update({k: v for k, v in task["meta"].items() if k not in meta})
    ents: list[dict[str, Any]] = []
    for res in _ls_results(task):
        if not isinstance(res, dict) or res.get("type") not in ("labels", None):
            continue
        value = res.get("value") or {}
        labels = value.get("labels") or []
        if len(labels) != 1:
            raise FormatError(f"a region must have exactly one label, not {labels!r}")
        ent = {"label": labels[0], "start": value.get("start"), "end": value.get("end")}
        if isinstance(value.get("text"), str):
            ent["text"] = value["text"]
        ents.append(ent)
    return _record(data.get("text"), meta, ents, None)


def _tasks(path: Path, fmt: str) -> Iterator[tuple[int, Any]]:
    content = decode(path.read_bytes())
    if fmt == "label-studio":
        data = json.loads(content)
        if not isinstance(data, list):
            data = [data]
        yield from enumerate(data, 1)
        return
    for lineno, line in enumerate(content.splitlines(), 1):
        if line.strip():
            yield lineno, line


def import_file(path: Path | str, fmt: str) -> tuple[Loaded, int]:
    """Records from an interchange file, checked like a review file; and how many tasks were skipped.

    ``line`` in the problems is the JSONL line (prodigy, doccano) or the task's
    position in the list (label-studio).
    """
    path = Path(path)
    convert = {"prodigy": from_prodigy, "doccano": from_doccano, "label-studio": from_label_studio}[fmt]
    items: list[tuple[int, dict[str, Any]]] = []
    problems: list[Problem] = []
    skipped = 0
    try:
        tasks = list(_tasks(path, fmt))
    except (DecodeError, OSError) as exc:
        out = Loaded(str(path))
        out.problems.append(Problem(str(path), None, f"cannot read: {exc}"))
        return out, 0
    except json.JSONDecodeError as exc:
        out = Loaded(str(path))
        out.problems.append(Problem(str(path), exc.lineno, f"invalid JSON: {exc.msg} (column {exc.colno})"))
        return out, 0
    for pos, raw in tasks:
        try:
            task = json.loads(raw) if isinstance(raw, str) else raw
        except json.JSONDecodeError as exc:
            problems.append(Problem(str(path), pos, f"invalid JSON: {exc.msg} (column {exc.colno})"))
            continue
        if not isinstance(task, dict):
            problems.append(Problem(str(path), pos, "a task must be a JSON object"))
            continue
        try:
            rec = convert(task)
        except FormatError as exc:
            problems.append(Problem(str(path), pos, str(exc)))
            continue
        if rec is None:
            skipped += 1
        else:
            items.append((pos, rec))
    out = check_items(str(path), items, anchor_entities=True)
    out.problems = sorted(problems + out.problems, key=lambda p: p.line or 0)
    return out, skipped
