"""Turn a hand-written label sheet into ANNOTATION-format records with exact offsets.

A label sheet (``gold/work/<pass>/<article-id>.tsv``) lists an article's entities
in reading order, one a line, tab-separated::

    LABEL<TAB>surface[<TAB>value-json]

* ``surface`` is the entity text exactly as written in the article. Where the
  same string occurs earlier without being an entity (noise, inside an
  unlabelled name), give context around it: ``记者 [[周伟]]`` anchors ``周伟``
  where ``记者 周伟`` occurs.
* ``value-json`` is required for FIGURE (``{"value": 14, "unit": "个",
  "approx": "exact"}``, plus ``"max"`` for a range) and DATE (``{"iso":
  "2022-07-12"}``).
* A line break inside an entity (a word split by the page layout, as in
  ``20\n02年9月19日``) is written as the two characters ``\n``.
* Lines starting with ``#`` and blank lines are ignored.

Entities are anchored in order: each is searched from the end of the previous
one, so a sheet must follow the text. Every problem is reported with sheet and
line; the script exits non-zero if any sheet has a problem.

Usage::

    python scripts/gold_anchor.py --corpus corpus --sheets gold/work/A -o gold/work/A.jsonl
    # the adjudicated gold, split into gold/dev.jsonl and gold/test.jsonl:
    python scripts/gold_anchor.py --sheets gold/work/final -o gold/work/final.jsonl --split gold/split.json
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

LABELS = {"PARK", "COMPANY", "ORG", "LOC", "PERSON", "DATE", "FIGURE"}


def load_manifest(corpus: Path) -> dict[str, dict]:
    out = {}
    with open(corpus / "manifest.jsonl", encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                row = json.loads(line)
                out[row["id"]] = row
    return out


def place(text: str, surface: str, cursor: int) -> tuple[int, int] | None:
    """Offsets of ``surface`` in ``text``, searched from ``cursor``; ``左[[名]]右`` places
    ``名`` where ``左名右`` occurs. None when it is not there."""
    if "[[" in surface and "]]" in surface:
        left, rest = surface.split("[[", 1)
        inner, right = rest.split("]]", 1)
        pos = text.find(left + inner + right, max(0, cursor - len(left)))
        start = pos + len(left) if pos >= 0 else -1
    else:
        inner = surface
        start = text.find(inner, cursor)
    if start < 0 or not inner:
        return None
    return start, start + len(inner)


def anchor_sheet(text: str, sheet: Path) -> tuple[list[dict], list[str]]:
    entities: list[dict] = []
    problems: list[str] = []
    cursor = 0
    for lineno, raw in enumerate(sheet.read_text(encoding="utf-8").splitlines(), 1):
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        parts = raw.split("\t")
        where = f"{sheet}:{lineno}"
        if len(parts) < 2:
            problems.append(f"{where}: expected LABEL<TAB>text, got {raw!r}")
            continue
        label, surface = parts[0].strip(), parts[1].replace("\\n", "\n")
        if label not in LABELS:
            problems.append(f"{where}: unknown label {label!r}")
            continue
        found = place(text, surface, cursor)
        if found is None:
            problems.append(f"{where}: {label} {surface!r} not found after offset {cursor}")
            continue
        start, end = found
        inner = text[start:end]
        ent: dict = {"label": label, "start": start, "end": end, "text": inner}
        if label in ("FIGURE", "DATE"):
            if len(parts) < 3 or not parts[2].strip():
                problems.append(f"{where}: {label} {inner!r} needs a value")
            else:
                try:
                    ent["value"] = json.loads(parts[2])
                except json.JSONDecodeError as exc:
                    problems.append(f"{where}: bad value JSON {parts[2]!r}: {exc}")
        entities.append(ent)
        cursor = end
    return entities, problems


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=Path("corpus"))
    ap.add_argument("--sheets", type=Path, required=True, help="folder of <id>.tsv label sheets")
    ap.add_argument("-o", "--output", type=Path, required=True)
    ap.add_argument("--split", type=Path, help='JSON {"dev": [ids], "test": [ids]}: also write '
                    "<split>.jsonl beside the split file, records sorted by id")
    args = ap.parse_args(argv)

    manifest = load_manifest(args.corpus)
    records, problems = [], []
    for sheet in sorted(args.sheets.glob("*.tsv")):
        art_id = sheet.stem
        if art_id not in manifest:
            problems.append(f"{sheet}: no article {art_id!r} in the manifest")
            continue
        meta = manifest[art_id]
        text = (args.corpus / meta["file"]).read_text(encoding="utf-8")
        ents, probs = anchor_sheet(text, sheet)
        problems += probs
        rec = {"id": art_id, "text": text, "date": meta.get("date"), "source": meta.get("source")}
        rec["entities"] = ents
        records.append(rec)
    with open(args.output, "w", encoding="utf-8") as fh:
        for rec in records:
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    if args.split:
        split = json.loads(args.split.read_text(encoding="utf-8"))
        by_id = {r["id"]: r for r in records}
        listed = [i for ids in split.values() for i in ids]
        for art_id in sorted(set(by_id) - set(listed)):
            problems.append(f"{args.split}: article {art_id!r} is in no split")
        for name, ids in split.items():
            missing = [i for i in ids if i not in by_id]
            problems += [f"{args.split}: {name} lists {i!r}, which has no sheet" for i in missing]
            with open(args.split.parent / f"{name}.jsonl", "w", encoding="utf-8") as fh:
                for art_id in sorted(i for i in ids if i in by_id):
                    fh.write(json.dumps(by_id[art_id], ensure_ascii=False) + "\n")
    for p in problems:
        print(p, file=sys.stderr)
    print(f"{len(records)} records, {sum(len(r['entities']) for r in records)} entities, "
          f"{len(problems)} problems -> {args.output}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
