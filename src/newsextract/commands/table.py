"""``newsextract table``: records (JSONL) → an entity table and an article table (CSV or Parquet)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "table", help="turn JSONL records into tables (CSV or Parquet) for data teams",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description=(
            "Read records (the output of `newsextract extract`, a review or gold file) and write\n"
            "the entity table: one row per entity with columns\n"
            "  article_id, label, text, start, end, source, score, value, unit, approx, max, iso\n"
            "(value/unit/approx/max for FIGURE, iso for DATE, null otherwise) and, with\n"
            "--articles, the article table: one row per article with columns\n"
            "  article_id, date, source, title, chars, entities, PARK, COMPANY, ORG, LOC, PERSON,\n"
            "  DATE, FIGURE, errors\n"
            "(a count per label). The format follows the file suffix (.csv, .parquet) unless\n"
            "--format says otherwise. Files are written atomically, in constant memory.\n\n"
            "Exit status: 0 success; 1 some lines were not valid records (reported, left out);\n"
            "2 bad usage or unreadable input."
        ),
    )
    p.add_argument("input", metavar="RECORDS.jsonl", help="JSONL records")
    p.add_argument("-o", "--output", metavar="ENTITIES", required=True,
                   help="the entity table (.csv or .parquet; - for CSV on standard output)")
    p.add_argument("--articles", metavar="ARTICLES",
                   help="also write the article table (counts per label) to this file")
    p.add_argument("--format", choices=["csv", "parquet"], default=None,
                   help="table format for both files (default: from each file's suffix)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..schema import parse_record
    from ..tables import TableWriter, format_of

    try:
        targets = [("entities", args.output, args.format or format_of(args.output, "csv"))]
        if args.articles:
            targets.append(("articles", args.articles, args.format or format_of(args.articles)))
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    src = Path(args.input)
    if not src.is_file():
        print(f"error: {src}: no such file", file=sys.stderr)
        return 2
    bad = n = 0
    try:
        writers = [TableWriter(path, fmt, kind) for kind, path, fmt in targets]
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    try:
        with open(src, encoding="utf-8-sig") as fh:
            for lineno, line in enumerate(fh, 1):
                if not line.strip():
                    continue
                try:
                    data = json.loads(line)
                    if not isinstance(data, dict):
                        raise ValueError("a line must be a JSON object")
                    parse_record(data)
                except (json.JSONDecodeError, ValueError) as exc:
                    print(f"error: {src}:{lineno}: {exc}", file=sys.stderr)
                    bad += 1
                    continue
                n += 1
                for w in writers:
                    w.add(data)
    except (OSError, UnicodeDecodeError) as exc:
        for w in writers:
            w.abort()
        print(f"error: cannot read {src}: {exc}", file=sys.stderr)
        return 2
    except BaseException:
        for w in writers:
            w.abort()
        raise
    for w in writers:
        w.close()
    rows = ", ".join(f"{w.rows} {w.kind} rows → {w.path}" for w in writers)
    print(f"{n} records, {rows}" + (f"; {bad} bad lines left out" if bad else ""), file=sys.stderr)
    return 1 if bad else 0
