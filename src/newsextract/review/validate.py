"""Reading a review file and checking it, reporting every problem at once.

:func:`load_review` reads a JSONL file line by line and collects *all*
problems (invalid JSON, unknown labels, offsets that do not give the entity's
text, overlaps, bad values, duplicate ids, a changed article text), each with
the file, line, record id and entity, so a reviewer fixes them in one pass.
With ``anchor=True`` (what ``review apply`` and ``review validate`` do) an
entity whose offsets are missing or disagree with its text is re-anchored by
:mod:`.anchor` first, and only the entities that cannot be placed are problems;
with ``anchor=False`` (``--strict``, ``review merge``) offsets must already be right.
An entity with ``"all": true`` is placed at every occurrence of its text that
no other entity covers.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ..io import DecodeError, decode, read_records
from ..normalize import value_for
from ..schema import LABELS, DateValue, Entity, FigureValue, Record, format_validation_error
from .anchor import AnchorError, anchor, occurrences

TEXT_CHECKSUM = "text_sha1"
"""A record field the export adds so a changed article text is caught without the original."""

REVIEW_ONLY_ENTITY_FIELDS = ("near", "all")


def text_checksum(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Problem:
    """One problem of a review file: where it is (file, line, record, entity) and what it is."""

    path: str
    line: int | None
    message: str
    record_id: str | None = None
    entity: str | None = None

    def __str__(self) -> str:
        parts = [f"{self.path}:{self.line}" if self.line else self.path]
        if self.record_id:
            parts.append(f"record {self.record_id!r}")
        if self.entity:
            parts.append(f"entity {self.entity}")
        parts.append(self.message)
        return ": ".join(parts)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Moved:
    """An entity that was re-anchored: its old and new offsets."""

    path: str
    line: int
    record_id: str
    label: str
    text: str
    old: tuple[Any, Any]
    new: tuple[int, int]

    def __str__(self) -> str:
        old = f"[{self.old[0]}:{self.old[1]}]" if self.old != (None, None) else "(no offsets)"
        note = " (check its value)" if self.label in ("FIGURE", "DATE") else ""
        return (f"{self.path}:{self.line}: {self.record_id}: {self.label} {self.text!r} {old} -> "
                f"[{self.new[0]}:{self.new[1]}]{note}")


@dataclass
class Loaded:
    """The records of a review file (clean, validated) and everything found wrong with it."""

    path: str
    records: list[Record] = field(default_factory=list)
    lines: list[int] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    moved: list[Moved] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def by_id(self) -> dict[str, Record]:
        return {r.id: r for r in self.records}


def entity_ref(index: int, ent: Any, limit: int = 140) -> str:
    """``#3 {"label": "PARK", "text": "…"}``: the entity's position in its line and its JSON."""
    try:
        shown = json.dumps(ent, ensure_ascii=False)
    except (TypeError, ValueError):
        shown = repr(ent)
    if len(shown) > limit:
        shown = shown[: limit - 1] + "…"
    return f"#{index} {shown}"


def _first_difference(a: str, b: str) -> str:
    i = next((k for k, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
    return (f"the article text was changed (first difference at character {i}: "
            f"original {a[i:i + 12]!r}, now {b[i:i + 12]!r}; lengths {len(a)} and {len(b)}); "
            "offsets are into the text exactly as given, so it must not be edited")


def _around(raw: str, pos: int, width: int = 24) -> str:
    """The characters around a JSON error, marked with ⟨here⟩, so it can be found in a long line."""
    return repr(raw[max(0, pos - width):pos] + "⟨here⟩" + raw[pos:pos + width])


def _article(label: str) -> str:
    return "an" if label[0] in "AEIOU" else "a"


def _record_date(value: Any) -> _dt.date | None:
    try:
        return _dt.date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def _check_value(label: str, value: Any) -> str | None:
    model = {"FIGURE": FigureValue, "DATE": DateValue}.get(label)
    if model is None:
        return None if value is None else f"{_article(label)} {label} takes no value (remove \"value\")"
    if value is None:
        return ('a FIGURE needs a "value": {"value": N, "unit": "…", "approx": "exact|about|over|under"}'
                if label == "FIGURE" else 'a DATE needs a "value": {"iso": "YYYY[-MM[-DD]]"}')
    try:
        model.model_validate(value)
    except ValidationError as exc:
        return f"bad value: {format_validation_error(exc)}"
    return None


def load_original(path: Path | str) -> tuple[dict[str, Record], list[Problem]]:
    """The records of an original file (pipeline output or gold) by id, with its problems."""
    lines, errors = read_records(path)
    problems = [Problem(e.path, e.line, e.message, e.id) for e in errors]
    return {rl.record.id: rl.record for rl in lines}, problems


def load_review(path: Path | str, *, original: dict[str, Record] | None = None,
                anchor_entities: bool = True) -> Loaded:
    """Read and check every line of a review file; see the module docstring."""
    path = Path(path)
    out = Loaded(str(path))
    try:
        content = decode(path.read_bytes())
    except (DecodeError, OSError) as exc:
        out.problems.append(Problem(str(path), None, f"cannot read: {exc}"))
        return out
    items = ((lineno, raw) for lineno, raw in enumerate(content.splitlines(), 1) if raw.strip())
    return check_items(str(path), items, original=original, anchor_entities=anchor_entities)


def check_items(path: str, items: Iterable[tuple[int, str | dict[str, Any]]], *,
                original: dict[str, Record] | None = None, anchor_entities: bool = True) -> Loaded:
    """Check records given as (line, JSON text or dict) pairs; what :func:`load_review` does per line."""
    out = Loaded(path)
    seen: dict[str, int] = {}
    for lineno, item in items:
        _load_line(out, lineno, item, seen, original, anchor_entities)
    return out


def _load_line(out: Loaded, lineno: int, raw: str | dict[str, Any], seen: dict[str, int],
               original: dict[str, Record] | None, anchor_entities: bool) -> None:
    def problem(message: str, rid: str | None = None, entity: str | None = None) -> None:
        out.problems.append(Problem(out.path, lineno, message, rid, entity))

    if isinstance(raw, dict):
        data: Any = dict(raw)
    else:
        try:
            data = json.loads(raw)
        except json.JSONDecodeError as exc:
            problem(f"invalid JSON: {exc.msg} (column {exc.colno}, at {_around(raw, exc.pos)})")
            return
    if not isinstance(data, dict):
        problem("a line must be a JSON object (one record)")
        return
    rid = data.get("id")
    if not isinstance(rid, str) or not rid:
        problem('missing "id" (a non-empty string)')
        rid = None
    elif rid in seen:
        problem(f"duplicate id {rid!r} (first on line {seen[rid]})", rid)
    else:
        seen[rid] = lineno
    text = data.get("text")
    if not isinstance(text, str):
        problem('missing "text" (the article, a string)', rid)
        return
    n_before = len(out.problems)

    checksum = data.pop(TEXT_CHECKSUM, None)
    if checksum is not None and checksum != text_checksum(text):
        orig = original.get(rid) if original and rid else None
        if orig is None:
            problem("the article text was changed (it no longer matches the text_sha1 the export wrote); "
                    "offsets are into the text exactly as given, so it must not be edited", rid)
    if original is not None and rid:
        orig = original.get(rid)
        if orig is None:
            problem(f"id {rid!r} is not in the original file", rid)
        elif orig.text != text:
            problem(_first_difference(orig.text, text), rid)

    ents_raw = data.get("entities", [])
    if ents_raw is None:
        ents_raw = []
    if not isinstance(ents_raw, list):
        problem('"entities" must be a list', rid)
        return
    placed: list[tuple[int, Entity, str]] = []
    everywhere: list[tuple[int, dict[str, Any], str]] = []
    for k, ent in enumerate(ents_raw, 1):
        ref = entity_ref(k, ent)
        if not isinstance(ent, dict):
            problem("an entity must be a JSON object", rid, ref)
            continue
        errs: list[str] = []
        label = ent.get("label")
        if label not in LABELS:
            errs.append(f"unknown label {label!r} (one of {', '.join(LABELS)})")
        etext = ent.get("text")
        s0, e0 = ent.get("start"), ent.get("end")
        if (anchor_entities and etext is None and isinstance(s0, int) and isinstance(e0, int)
                and 0 <= s0 < e0 <= len(text)):
            etext = ent["text"] = text[s0:e0]  # offsets alone say which text
        if not isinstance(etext, str) or not etext:
            errs.append('missing "text" (the entity as written in the article)')
        if (anchor_entities and label in ("FIGURE", "DATE") and ent.get("value") is None
                and isinstance(etext, str) and etext):
            computed = value_for(label, etext, _record_date(data.get("date")))
            if computed is not None:  # a reviewer-added FIGURE/DATE gets the recognisers' value
                ent["value"] = computed
        if label in LABELS:
            msg = _check_value(label, ent.get("value"))
            if msg:
                errs.append(msg)
        for key in ("start", "end"):
            v = ent.get(key)
            if v is not None and (not isinstance(v, int) or isinstance(v, bool) or v < 0):
                errs.append(f'"{key}" must be a non-negative integer offset, not {v!r}')
        if not anchor_entities and ("near" in ent or "all" in ent):
            errs.append(f'"{"near" if "near" in ent else "all"}" is only understood by review apply; run it first')
        every = ent.get("all", False)
        if every not in (True, False):
            errs.append(f'"all" must be true or false, not {every!r}')
        start, end = ent.get("start"), ent.get("end")
        placement = None
        if isinstance(etext, str) and etext and not any('"start"' in e or '"end"' in e for e in errs):
            if anchor_entities and every is True:
                if not occurrences(text, etext):
                    errs.append(f"text {etext!r} does not occur in the article")
            elif anchor_entities:
                try:
                    placement = anchor(text, etext, start, end, ent.get("near"))
                except AnchorError as exc:
                    errs.append(str(exc))
            elif "near" in ent or "all" in ent:
                pass  # already reported: the entity is for review apply
            elif start is None or end is None:
                errs.append('has no "start"/"end" offsets (run review apply to place it by its text)')
            elif text[start:end] != etext:
                errs.append(f"offsets [{start}:{end}] give {text[start:end]!r}, not {etext!r}"
                            " (run review apply to re-anchor it by its text)")
        if errs:
            for e in errs:
                problem(e, rid, ref)
            continue
        clean = {key: v for key, v in ent.items() if key not in REVIEW_ONLY_ENTITY_FIELDS}
        if every is True:
            everywhere.append((k, clean, ref))
            continue
        if placement is not None:
            clean["start"], clean["end"] = placement.start, placement.end
            if placement.how != "kept" and rid:
                out.moved.append(Moved(out.path, lineno, rid, str(label), str(etext),
                                       (start, end), (placement.start, placement.end)))
        try:
            placed.append((k, Entity.model_validate(clean), ref))
        except ValidationError as exc:
            problem(format_validation_error(exc), rid, ref)

    # "all": true labels every occurrence that no other entity covers (longest texts first)
    for k, clean, ref in sorted(everywhere, key=lambda t: -len(t[1]["text"])):
        etext = clean["text"]
        for i in occurrences(text, etext):
            j = i + len(etext)
            if any(e.start < j and i < e.end for _, e, _ in placed):
                continue
            try:
                ent_obj = Entity.model_validate({**clean, "start": i, "end": j})
            except ValidationError as exc:
                problem(format_validation_error(exc), rid, ref)
                break
            placed.append((k, ent_obj, ref))
            if rid:
                out.moved.append(Moved(out.path, lineno, rid, ent_obj.label, etext, (None, None), (i, j)))

    placed.sort(key=lambda t: (t[1].start, -t[1].end))
    cover: tuple[int, Entity, str] | None = None
    for item in placed:
        _, b, ref_b = item
        if cover is not None and b.start < cover[1].end:
            a, ref_a = cover[1], cover[2]
            if (a.start, a.end) == (b.start, b.end):
                kind = "has the same span as"
            else:
                kind = "nests in" if b.end <= a.end else "overlaps"
            problem(f"{b.describe()} {kind} {a.describe()} (entity {ref_a.split(' ', 1)[0]}); "
                    "entities never overlap: keep one", rid, ref_b)
        if cover is None or b.end > cover[1].end:
            cover = item
    if len(out.problems) > n_before or rid is None:
        return
    data["entities"] = [e for _, e, _ in placed]
    try:
        record = Record.model_validate(data)
    except ValidationError as exc:
        problem(format_validation_error(exc), rid)
        return
    out.records.append(record)
    out.lines.append(lineno)
