"""Merging reviewed records into a gold file, by id.

A reviewed record whose id is not in the gold file is added; one identical to
the gold record is left alone; one that differs is a conflict, refused unless
``replace`` is set. The result is sorted by id, checked as a whole (every
record valid, ids unique) and written atomically, or not at all.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..io import write_jsonl
from ..schema import Record
from .validate import Problem, load_original


@dataclass
class MergePlan:
    added: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)
    records: list[Record] = field(default_factory=list)

    def summary(self) -> str:
        return (f"{len(self.added)} added, {len(self.replaced)} replaced, {len(self.unchanged)} unchanged, "
                f"{len(self.conflicts)} conflicts; {len(self.records)} records in the result")


def comparable(record: Record) -> str:
    """A record's content for conflict checks: text, metadata and entities, without provenance."""
    clean = record.model_copy(update={"entities": [
        e.model_copy(update={"source": None, "score": None}) for e in record.entities
    ]})
    return clean.to_json()


def _conflict_reason(old: Record, new: Record) -> str:
    if old.text != new.text:
        return "the article text differs"
    o = {(e.label, e.start, e.end) for e in old.entities}
    n = {(e.label, e.start, e.end) for e in new.entities}
    if o != n:
        a, b = len(n - o), len(o - n)
        return (f"{a} {'entity' if a == 1 else 'entities'} only in the reviewed record, "
                f"{b} only in the gold record")
    return "values or metadata differ"


def plan_merge(fixed: list[Record], gold: dict[str, Record], replace: bool = False) -> tuple[MergePlan, list[str]]:
    """What merging ``fixed`` into ``gold`` does, and a message per conflict."""
    plan = MergePlan()
    merged = dict(gold)
    messages: list[str] = []
    for rec in fixed:
        old = gold.get(rec.id)
        if old is None:
            plan.added.append(rec.id)
            merged[rec.id] = rec
        elif comparable(old) == comparable(rec):
            plan.unchanged.append(rec.id)
        elif replace:
            plan.replaced.append(rec.id)
            merged[rec.id] = rec
        else:
            plan.conflicts.append(rec.id)
            messages.append(f"record {rec.id!r} is already in the gold file and differs "
                            f"({_conflict_reason(old, rec)}); use --replace to overwrite it")
    plan.records = [merged[k] for k in sorted(merged)]
    return plan, messages


def merge_into(fixed: list[Record], gold_path: Path | str, replace: bool = False,
               dry_run: bool = False) -> tuple[MergePlan, list[Problem]]:
    """Merge into ``gold_path`` (created if missing). Nothing is written when there is any problem."""
    gold_path = Path(gold_path)
    gold: dict[str, Record] = {}
    problems: list[Problem] = []
    if gold_path.exists():
        gold, problems = load_original(gold_path)
        if problems:
            return MergePlan(), problems
    plan, conflicts = plan_merge(fixed, gold, replace)
    problems = [Problem(str(gold_path), None, m) for m in conflicts]
    if problems:
        return plan, problems
    for rec in plan.records:  # the whole result must still be valid records
        Record.model_validate(rec.model_dump())
    if not dry_run and (plan.added or plan.replaced or not gold_path.exists()):
        write_jsonl(plan.records, gold_path)
    return plan, problems
