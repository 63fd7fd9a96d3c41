"""What the reviewers changed: entity by entity, and per label.

Entities of one record are matched one to one, original (the pipeline's)
against edited (the reviewers'):

* ``kept``: same label and offsets;
* ``relabelled``: same offsets, another label (counted under both labels:
  ``relabelled_from`` under the old one, ``relabelled_to`` under the new);
* ``rebounded``: same label, overlapping span, other offsets;
* ``removed``: an original entity with no match; ``added``: an edited one.

An original entity overlapping an edited one of another label *and* other
offsets is a removal plus an addition. Per label, ``precision`` is the share of
the pipeline's entities the reviewers kept unchanged, ``recall`` the share of
the reviewed entities the pipeline had exactly, and ``corrected`` the share of
the pipeline's entities the reviewers changed or removed (1 - precision).
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from typing import Any

import pandas as pd

from ..schema import LABELS, Entity, Record

COLUMNS = ["predicted", "reviewed", "kept", "added", "removed", "relabelled_from", "relabelled_to",
           "rebounded", "precision", "recall", "corrected"]


@dataclass(frozen=True)
class Change:
    """One difference between the original and the edited entities of a record."""

    record_id: str
    kind: str  # added, removed, relabelled, rebounded
    label: str  # the edited label (the original one for removed)
    text: str
    start: int
    end: int
    old_label: str | None = None
    old_text: str | None = None
    old_start: int | None = None
    old_end: int | None = None

    def __str__(self) -> str:
        new = f"{self.label} {self.text!r} [{self.start}:{self.end}]"
        if self.kind == "added":
            return f"{self.record_id}: added {new}"
        old = f"{self.old_label} {self.old_text!r} [{self.old_start}:{self.old_end}]"
        if self.kind == "removed":
            return f"{self.record_id}: removed {old}"
        return f"{self.record_id}: {self.kind} {old} -> {new}"


@dataclass
class DiffResult:
    changes: list[Change]
    table: pd.DataFrame
    records_compared: int
    only_original: list[str]
    only_edited: list[str]


def _overlap(a: Entity, b: Entity) -> int:
    return max(0, min(a.end, b.end) - max(a.start, b.start))


def diff_record(original: Record, edited: Record) -> tuple[list[Change], list[tuple[Entity, Entity]]]:
    """The changes between two versions of one record, and the pairs kept unchanged."""
    rid = edited.id
    orig = original.sorted_entities()
    new = edited.sorted_entities()
    used: set[int] = set()
    pairs: dict[int, tuple[str, int]] = {}
    # exact spans first (kept or relabelled), then same-label overlaps (rebounded)
    by_span = {(e.start, e.end): j for j, e in enumerate(new)}
    for i, o in enumerate(orig):
        j = by_span.get((o.start, o.end))
        if j is not None and j not in used:
            used.add(j)
            pairs[i] = ("kept" if new[j].label == o.label else "relabelled", j)
    for i, o in enumerate(orig):
        if i in pairs:
            continue
        cands = [j for j, e in enumerate(new) if j not in used and e.label == o.label and _overlap(o, e)]
        if cands:
            j = max(cands, key=lambda j: (_overlap(o, new[j]), -j))
            used.add(j)
            pairs[i] = ("rebounded", j)
    changes: list[Change] = []
    kept: list[tuple[Entity, Entity]] = []
    for i, o in enumerate(orig):
        if i not in pairs:
            changes.append(Change(rid, "removed", o.label, o.text, o.start, o.end,
                                  o.label, o.text, o.start, o.end))
            continue
        kind, j = pairs[i]
        e = new[j]
        if kind == "kept":
            kept.append((o, e))
        else:
            changes.append(Change(rid, kind, e.label, e.text, e.start, e.end, o.label, o.text, o.start, o.end))
    for j, e in enumerate(new):
        if j not in used:
            changes.append(Change(rid, "added", e.label, e.text, e.start, e.end))
    changes.sort(key=lambda c: (c.start if c.old_start is None else min(c.start, c.old_start), c.kind))
    return changes, kept


def diff_records(original: dict[str, Record], edited: list[Record]) -> DiffResult:
    """Compare the edited records with the originals of the same id (records only on one side are listed)."""
    counts = {lab: dict.fromkeys(COLUMNS[:8], 0) for lab in LABELS}
    changes: list[Change] = []
    compared = 0
    edited_ids = {r.id for r in edited}
    only_edited = sorted(r.id for r in edited if r.id not in original)
    for rec in edited:
        orig = original.get(rec.id)
        if orig is None:
            continue
        compared += 1
        for e in orig.entities:
            counts[e.label]["predicted"] += 1
        for e in rec.entities:
            counts[e.label]["reviewed"] += 1
        rec_changes, kept = diff_record(orig, rec)
        for o, _ in kept:
            counts[o.label]["kept"] += 1
        for c in rec_changes:
            if c.kind == "added":
                counts[c.label]["added"] += 1
            elif c.kind == "removed":
                counts[c.label]["removed"] += 1
            elif c.kind == "relabelled":
                counts[str(c.old_label)]["relabelled_from"] += 1
                counts[c.label]["relabelled_to"] += 1
            else:
                counts[c.label]["rebounded"] += 1
        changes.extend(rec_changes)
    rows = {lab: c for lab, c in counts.items() if c["predicted"] or c["reviewed"]}
    total = {k: sum(c[k] for c in rows.values()) for k in COLUMNS[:8]}
    table = pd.DataFrame.from_dict({**rows, "ALL": total}, orient="index", columns=COLUMNS[:8])
    table["precision"] = (table["kept"] / table["predicted"]).where(table["predicted"] > 0)
    table["recall"] = (table["kept"] / table["reviewed"]).where(table["reviewed"] > 0)
    table["corrected"] = 1 - table["precision"]
    table.index.name = "label"
    only_original = sorted(set(original) - edited_ids)
    return DiffResult(changes, table, compared, only_original, only_edited)


def _fmt(x: Any) -> str:
    if hasattr(x, "item"):
        x = x.item()
    if isinstance(x, float):
        return "-" if pd.isna(x) else f"{x:.3f}"
    return str(x)


def render(result: DiffResult, fmt: str = "table", details: bool = True) -> str:
    """The diff as a plain table, JSON or a Markdown report."""
    t = result.table
    if fmt == "json":
        labels = {lab: {k: (None if isinstance(v, float) and pd.isna(v) else v)
                        for k, v in row.items()} for lab, row in t.to_dict(orient="index").items()}
        return json.dumps({
            "records_compared": result.records_compared,
            "only_in_original": result.only_original,
            "only_in_edited": result.only_edited,
            "per_label": labels,
            "changes": [asdict(c) for c in result.changes] if details else None,
        }, ensure_ascii=False, indent=2, default=lambda v: v.item() if hasattr(v, "item") else str(v))
    header = ["label", *COLUMNS]
    rows = [[str(tup[0]), *(_fmt(v) for v in tup[1:])] for tup in t[COLUMNS].itertuples()]
    lines: list[str] = []
    if fmt == "markdown":
        lines += ["# Review diff", "",
                  f"{result.records_compared} records compared, {len(result.changes)} changes.", ""]
        lines.append("| " + " | ".join(header) + " |")
        lines.append("|" + "|".join(["---"] + ["---:"] * len(COLUMNS)) + "|")
        lines += ["| " + " | ".join(r) + " |" for r in rows]
        lines += ["", "precision: share of the pipeline's entities kept unchanged; recall: share of the "
                  "reviewed entities the pipeline had exactly; corrected = 1 - precision."]
        if details and result.changes:
            lines += ["", "## Changes", ""]
            lines += [f"- {c}" for c in result.changes]
    else:
        widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(header)]
        lines.append("  ".join(h.ljust(w) if i == 0 else h.rjust(w) for i, (h, w) in enumerate(zip(header, widths))))
        for r in rows:
            lines.append("  ".join(v.ljust(w) if i == 0 else v.rjust(w) for i, (v, w) in enumerate(zip(r, widths))))
        lines.append(f"{result.records_compared} records compared, {len(result.changes)} changes")
        if details and result.changes:
            lines += ["", *(str(c) for c in result.changes)]
    for name, ids in (("only in the original (not compared)", result.only_original),
                      ("only in the edited file (not compared)", result.only_edited)):
        if ids:
            lines.append(f"{'- ' if fmt == 'markdown' else ''}{name}: {', '.join(ids)}")
    return "\n".join(lines) + "\n"
