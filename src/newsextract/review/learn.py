"""Feeding reviewed names back into user gazetteers (``review learn``).

The reviewed PARK, COMPANY, ORG and LOC names that the gazetteers do not know
yet (optionally only those the pipeline's predictions missed) are appended to a
user gazetteer file in the gazetteer format of ``data/gazetteers/README.md``:
CSV ``name,label,aliases``. The file lives in a folder the user chooses, never
in the installed package. Names are written as the recognisers see text
(Simplified, half-width, no whitespace). Names known under another label are
not added but reported, since a gazetteer entry would then contradict itself.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..io import atomic_write
from ..prepare import prepare
from ..schema import Record

LEARNABLE = ("PARK", "COMPANY", "ORG", "LOC")
PACKAGED_GAZETTEERS = Path(__file__).resolve().parent.parent / "data" / "gazetteers"
DEFAULT_FILE = "reviewed.csv"
HEADER = ["name", "label", "aliases"]


def normalise_name(name: str) -> str:
    """A name as the recognisers see it: Simplified, half-width, without whitespace."""
    return prepare("".join(name.split()), repair_layout=False).text


def known_names(folders: Iterable[Path]) -> dict[str, set[str]]:
    """Every name and alias of the gazetteer files (``*.csv``, ``*.jsonl``, recursively) → its labels."""
    known: dict[str, set[str]] = {}
    for folder in folders:
        if not folder.is_dir():
            continue
        for path in sorted(folder.rglob("*")):
            if path.suffix == ".csv":
                lines = [ln for ln in path.read_text(encoding="utf-8-sig").splitlines()
                         if not ln.startswith("#")]
                rows = [(r.get("name"), (r.get("label") or "").strip().upper(),
                         (r.get("aliases") or "").split("|")) for r in csv.DictReader(lines)]
            elif path.suffix == ".jsonl":
                rows = []
                for line in path.read_text(encoding="utf-8-sig").splitlines():
                    if line.strip():
                        obj = json.loads(line)
                        rows.append((obj.get("name"), obj.get("label"), obj.get("aliases") or []))
            else:
                continue
            for name, label, aliases in rows:
                for n in [name, *aliases]:
                    if n and n.strip() and label:
                        known.setdefault(normalise_name(n), set()).add(label)
    return known


@dataclass
class LearnReport:
    added: list[tuple[str, str, list[str]]] = field(default_factory=list)  # name, label, where seen
    known: list[tuple[str, str]] = field(default_factory=list)
    conflicting: list[tuple[str, str, list[str]]] = field(default_factory=list)  # name, label, known labels
    predicted: int = 0  # reviewed names the pipeline had already found (skipped with --original)
    path: str = ""

    def lines(self, dry_run: bool = False) -> list[str]:
        verb = "would add" if dry_run else "added"
        out = [f"{verb} {len(self.added)} names to {self.path}" + (" (dry run: nothing written)" if dry_run else "")]
        out += [f"  + {label} {name} ({', '.join(where)})" for name, label, where in self.added]
        for name, label, labels in self.conflicting:
            out.append(f"  ! {label} {name} not added: the gazetteers know it as {'/'.join(sorted(labels))}")
        out.append(f"{len(self.known)} reviewed names already in the gazetteers"
                   + (f"; {self.predicted} found by the pipeline already" if self.predicted else ""))
        return out


def learn(fixed: list[Record], gazetteer_dir: Path | str, *, original: dict[str, Record] | None = None,
          labels: Iterable[str] = LEARNABLE, filename: str = DEFAULT_FILE,
          dry_run: bool = False) -> LearnReport:
    """Add the reviewed names the gazetteers lack to ``gazetteer_dir/filename`` (atomically).

    With ``original`` (the pipeline's predictions), only names the pipeline
    missed are learned: entities whose label and offsets it did not predict.
    """
    gdir = Path(gazetteer_dir).expanduser().resolve()
    if gdir == PACKAGED_GAZETTEERS or PACKAGED_GAZETTEERS in gdir.parents:
        raise ValueError(f"{gdir} is the installed package's gazetteer folder; choose a folder of your own")
    labels = tuple(labels)
    known = known_names([PACKAGED_GAZETTEERS, gdir])
    report = LearnReport(path=str(gdir / filename))
    new: dict[tuple[str, str], list[str]] = {}
    for rec in fixed:
        predicted = ({(e.label, e.start, e.end) for e in original[rec.id].entities}
                     if original is not None and rec.id in original else None)
        for e in rec.sorted_entities():
            if e.label not in labels:
                continue
            if predicted is not None and (e.label, e.start, e.end) in predicted:
                report.predicted += 1
                continue
            name = normalise_name(e.text)
            if not name:
                continue
            labs = known.get(name, set())
            if e.label in labs:
                if (name, e.label) not in report.known:
                    report.known.append((name, e.label))
            elif labs:
                if all(c[:2] != (name, e.label) for c in report.conflicting):
                    report.conflicting.append((name, e.label, sorted(labs)))
            else:
                new.setdefault((name, e.label), [])
                if rec.id not in new[(name, e.label)]:
                    new[(name, e.label)].append(rec.id)
    # a name reviewed under two labels is contradictory: report instead of learning either
    by_name: dict[str, list[str]] = {}
    for name, label in new:
        by_name.setdefault(name, []).append(label)
    for (name, label), where in sorted(new.items(), key=lambda kv: (LEARNABLE.index(kv[0][1])
                                                                      if kv[0][1] in LEARNABLE else 9, kv[0][0])):
        if len(by_name[name]) > 1:
            report.conflicting.append((name, label, sorted(set(by_name[name]) - {label})))
        else:
            report.added.append((name, label, where))
    if report.added and not dry_run:
        _append(gdir / filename, [(n, lab) for n, lab, _ in report.added])
    return report


def _append(path: Path, rows: list[tuple[str, str]]) -> None:
    existing = path.read_text(encoding="utf-8-sig") if path.exists() else ""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    if not existing.strip():
        writer.writerow(HEADER)
    elif not existing.endswith("\n"):
        buf.write("\n")
    for name, label in rows:
        writer.writerow([name, label, ""])
    with atomic_write(path) as fh:
        fh.write(existing + buf.getvalue())
