"""A second gold set for names: CLUENER2020 dev sentences relabelled under docs/ANNOTATION.md.

gold/dev.jsonl and gold/test.jsonl hold 13 articles; the test set has 17
COMPANY, 14 ORG and 7 PERSON entities, too few to tell a real change from
noise, and the rules were written with dev in view. This script builds a
larger check for PARK, COMPANY, ORG, LOC and PERSON from news sentences nobody
wrote rules against: a fixed sample of CLUENER2020 ``dev.json``, labelled by
this project under its own guidelines (not CLUENER's: its ``address`` is not
our LOC, its ``government`` and ``organization`` are both our ORG, its
``position``/``game``/``movie`` are nothing here). DATE and FIGURE are not
labelled; score with ``--labels PARK,COMPANY,ORG,LOC,PERSON``.

The dataset is not in the repository; the labels are (``gold/cluener/*.tsv``,
entity surfaces only) and this script joins them with the sentences::

    python scripts/cluener_gold.py sample --cluener-dev ../shared/data/cluener/dev.json \\
        --out /tmp/cluener-sample          # the sentences to label, in batches
    python scripts/cluener_gold.py build --cluener-dev ../shared/data/cluener/dev.json \\
        --sheets gold/cluener/final.tsv -o /tmp/cluener-gold.jsonl
    newsextract evaluate --gold /tmp/cluener-gold.jsonl --labels PARK,COMPANY,ORG,LOC,PERSON

The same ``build`` joins sheets with CLUENER ``train.json`` (``--cluener``, any
number of CLUENER files) and People's Daily BIO files (``--peoples-daily``;
sentence ids ``pd-<stem>-NNNN``), and ``parks`` lists the sentences with a park
word, the real-text park check of ``gold/realparks``::

    python scripts/cluener_gold.py parks --cluener train.json dev.json \\
        --peoples-daily dev.bio -o /tmp/realparks-sentences.jsonl
    python scripts/cluener_gold.py build --cluener train.json dev.json \\
        --peoples-daily dev.bio --sheets gold/realparks/final.tsv -o /tmp/realparks-gold.jsonl

A sheet is blocks, one per sentence, in any order::

    ## cluener-dev-0012
    ORG<TAB>天津市宝坻石桥工业园区管理委员会
    PERSON<TAB>王为民

Inside a block, entities are listed in reading order and anchored from the
end of the previous one; ``左[[名]]右`` anchors ``名`` where ``左名右`` occurs.
A line break inside an entity is written as the two characters ``\\n``, as in
the article sheets of ``gold_anchor.py``. A block with no entity lines says the
sentence has none. Every problem is
reported with sheet and line.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from gold_anchor import place  # noqa: E402 - the same anchoring as the article sheets

LABELS = ("PARK", "COMPANY", "ORG", "LOC", "PERSON")
SAMPLE_NAMED = 240  # sentences with a CLUENER company/government/organization span
SAMPLE_OTHER = 60  # the rest of the sample: sentences without one (false positives)
# the real-text park check's selection: the park heads of data/parks/heads.txt but 小镇 (mostly
# towns and tourist villages in general text), and the bare 园区
PARK_SELECT_SKIP = ("小镇",)
PARK_SELECT_EXTRA = ("园区",)


def read_cluener(path: Path) -> dict[str, dict]:
    """{id: row} of a CLUENER JSON-lines file; ids are ``cluener-<stem>-<line index:04d>``."""
    out: dict[str, dict] = {}
    with open(path, encoding="utf-8") as fh:
        for i, line in enumerate(fh):
            if line.strip():
                out[f"cluener-{path.stem}-{i:04d}"] = json.loads(line)
    return out


def sample_ids(rows: dict[str, dict], second: bool = False) -> list[str]:
    """The fixed sample: every k-th sentence of each group, in file order.

    ``second`` gives the second sample: the sentences half a step after those of
    the first (none in common with it), the held-out check for rules written
    against the first.
    """
    named = [i for i, r in rows.items() if {"company", "government", "organization"} & set(r.get("label", {}))]
    other = [i for i in rows if i not in set(named)]

    def every(ids: list[str], n: int) -> list[str]:
        step = max(1, len(ids) // n)
        return ids[step // 2 if second else 0 :: step][:n]

    return sorted(every(named, SAMPLE_NAMED) + every(other, SAMPLE_OTHER))


def read_sheet(path: Path) -> tuple[dict[str, list[tuple[int, str, str]]], list[str]]:
    """{sentence id: [(line, label, surface)]} of a sheet, and its problems."""
    blocks: dict[str, list[tuple[int, str, str]]] = {}
    problems: list[str] = []
    current: str | None = None
    for lineno, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        where = f"{path}:{lineno}"
        if raw.startswith("## "):
            current = raw[3:].strip()
            if current in blocks:
                problems.append(f"{where}: sentence {current} has a second block")
            blocks[current] = []
            continue
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        parts = raw.split("\t")
        if current is None:
            problems.append(f"{where}: an entity line before the first '## id' line")
        elif len(parts) < 2 or parts[0].strip() not in LABELS:
            problems.append(f"{where}: expected one of {'|'.join(LABELS)}<TAB>text, got {raw!r}")
        else:
            blocks[current].append((lineno, parts[0].strip(), parts[1].replace("\\n", "\n")))
    return blocks, problems


def anchor(text: str, entries: list[tuple[int, str, str]], where: str) -> tuple[list[dict], list[str]]:
    """Entities with offsets for the (line, label, surface) entries of one block."""
    entities: list[dict] = []
    problems: list[str] = []
    cursor = 0
    for lineno, label, surface in entries:
        found = place(text, surface, cursor)
        if found is None:
            problems.append(f"{where}:{lineno}: {label} {surface!r} not found after offset {cursor}")
            continue
        start, end = found
        entities.append({"label": label, "start": start, "end": end, "text": text[start:end]})
        cursor = end
    return entities, problems


def cmd_sample(args: argparse.Namespace) -> int:
    rows = read_cluener(args.cluener_dev)
    ids = sample_ids(rows, second=args.second)
    args.out.mkdir(parents=True, exist_ok=True)
    size = -(-len(ids) // args.batches)
    for b in range(args.batches):
        chunk = ids[b * size : (b + 1) * size]
        with open(args.out / f"batch-{b + 1}.txt", "w", encoding="utf-8") as fh:
            for i in chunk:
                fh.write(f"## {i}\n{rows[i]['text']}\n\n")
    print(f"{len(ids)} sentences in {args.batches} batches -> {args.out}", file=sys.stderr)
    return 0


def read_sentences(path: Path) -> dict[str, dict]:
    """{id: row} of a JSON-lines file of ``{"id": ..., "text": ...}`` sentences."""
    out: dict[str, dict] = {}
    with open(path, encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            if line.strip():
                row = json.loads(line)
                if not isinstance(row.get("id"), str) or not isinstance(row.get("text"), str):
                    raise SystemExit(f"{path}:{lineno}: expected {{\"id\": str, \"text\": str}}")
                out[row["id"]] = row
    return out


def read_peoples_daily(path: Path) -> dict[str, dict]:
    """{id: row} of a character-per-line BIO file (People's Daily NER): sentences end at blank
    lines; ids are ``pd-<stem>-<sentence index:04d>``."""
    out: dict[str, dict] = {}
    chars: list[str] = []
    with open(path, encoding="utf-8") as fh:
        for line in [*fh, "\n"]:
            if line.strip():
                chars.append(line.split()[0])
            elif chars:
                out[f"pd-{path.stem}-{len(out):04d}"] = {"text": "".join(chars)}
                chars = []
    return out


def read_sources(args: argparse.Namespace) -> dict[str, dict]:
    """The sentences of every source given on the command line, by id."""
    rows: dict[str, dict] = {}
    for path in [*(args.cluener or []), *([args.cluener_dev] if args.cluener_dev else [])]:
        rows.update(read_cluener(path))
    for path in args.peoples_daily or []:
        rows.update(read_peoples_daily(path))
    if args.sentences:
        rows.update(read_sentences(args.sentences))
    if not rows:
        raise SystemExit("no sentences: give --cluener, --cluener-dev, --peoples-daily or --sentences")
    return rows


def cmd_parks(args: argparse.Namespace) -> int:
    """The real-text park check's sentences: every sentence with a park head word."""
    import re

    data = Path(__file__).resolve().parent.parent / "src" / "newsextract" / "data" / "parks"
    heads = [w for w in (line.split("#", 1)[0].strip()
                         for line in (data / "heads.txt").read_text(encoding="utf-8").splitlines())
             if w and w not in PARK_SELECT_SKIP] + list(PARK_SELECT_EXTRA)
    pattern = re.compile("|".join(map(re.escape, sorted(heads, key=len, reverse=True))))
    rows = read_sources(args)
    with open(args.output, "w", encoding="utf-8") as fh:
        for sid in sorted(rows):
            if pattern.search(rows[sid]["text"]):
                fh.write(json.dumps({"id": sid, "text": rows[sid]["text"]}, ensure_ascii=False) + "\n")
    return 0


def cmd_build(args: argparse.Namespace) -> int:
    rows = read_sources(args)
    source = "the sentences given"
    records: dict[str, dict] = {}
    problems: list[str] = []
    for sheet in args.sheets:
        blocks, probs = read_sheet(sheet)
        problems += probs
        for sid, entries in blocks.items():
            if sid not in rows:
                problems.append(f"{sheet}: no sentence {sid!r} in {source}")
                continue
            if sid in records:
                problems.append(f"{sheet}: sentence {sid} is labelled in two sheets")
                continue
            ents, probs = anchor(rows[sid]["text"], entries, str(sheet))
            problems += probs
            records[sid] = {"id": sid, "text": rows[sid]["text"], "entities": ents}
    with open(args.output, "w", encoding="utf-8") as fh:
        for sid in sorted(records):
            fh.write(json.dumps(records[sid], ensure_ascii=False) + "\n")
    for p in problems:
        print(p, file=sys.stderr)
    n_ents = sum(len(r["entities"]) for r in records.values())
    print(f"{len(records)} records, {n_ents} entities, {len(problems)} problems -> {args.output}",
          file=sys.stderr)
    return 1 if problems else 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("sample", help="write the fixed sample of sentences to label, in batches")
    s.add_argument("--cluener-dev", type=Path, required=True, help="CLUENER2020 dev.json")
    s.add_argument("--out", type=Path, required=True, help="folder for batch-N.txt")
    s.add_argument("--batches", type=int, default=2)
    s.add_argument("--second", action="store_true",
                   help="the second sample (gold/cluener/sample2): disjoint from the first")
    b = sub.add_parser("build", help="join label sheets with the sentences into gold records")
    k = sub.add_parser("parks", help="write the sentences with a park head word (gold/realparks)")
    for cmd in (b, k):
        cmd.add_argument("--cluener-dev", type=Path, help="CLUENER2020 dev.json")
        cmd.add_argument("--cluener", type=Path, nargs="+",
                         help="CLUENER2020 files (train.json, dev.json); ids cluener-<stem>-NNNN")
        cmd.add_argument("--peoples-daily", type=Path, nargs="+",
                         help="People's Daily NER BIO files (dev.bio); ids pd-<stem>-NNNN")
        cmd.add_argument("--sentences", type=Path,
                         help='any other sentences: JSON lines of {"id": ..., "text": ...}')
        cmd.add_argument("-o", "--output", type=Path, required=True)
    b.add_argument("--sheets", type=Path, nargs="+", required=True, help="label sheets (.tsv)")
    args = ap.parse_args(argv)
    return {"sample": cmd_sample, "build": cmd_build, "parks": cmd_parks}[args.cmd](args)


if __name__ == "__main__":
    sys.exit(main())
