"""``newsextract extract``: articles in, one validated record a line out."""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

from . import add_pipeline_options, iso_date


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "extract", help="extract entities from articles into JSONL records",
        description=(
            "Read articles (.txt files, folders of them, .jsonl files) and write one record a "
            "line in the ANNOTATION.md format. A bad article (undecodable, empty, malformed line) "
            "gives an error record and a message; the rest of the batch goes on. Exit status 1 "
            "if any article failed."
        ),
    )
    p.add_argument("inputs", nargs="+", metavar="INPUT", help=".txt file, .jsonl file or folder")
    p.add_argument("-o", "--output", metavar="OUT.jsonl", default="-",
                   help="output file (default: standard output); written atomically")
    p.add_argument("--date", type=iso_date, metavar="YYYY-MM-DD",
                   help="publication date for .txt inputs that a manifest does not date")
    p.add_argument("--batch-size", type=int, default=16, metavar="N",
                   help="articles per nlp.pipe batch (default 16)")
    add_pipeline_options(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..io import atomic_write, iter_articles
    from ..pipeline import Pipeline

    pipe = Pipeline(args.config, user_dicts=args.user_dict)
    counts: Counter[str] = Counter()
    n_articles = n_errors = 0

    def emit(fh) -> None:
        nonlocal n_articles, n_errors
        for rec in pipe.extract_many(iter_articles(args.inputs, args.date), args.batch_size):
            n_articles += 1
            if rec.errors:
                n_errors += 1
                for err in rec.errors:
                    print(f"error: {rec.id}: {err}", file=sys.stderr)
            counts.update(e.label for e in rec.entities)
            fh.write(rec.to_json() + "\n")

    if args.output == "-":
        emit(sys.stdout)
    else:
        with atomic_write(Path(args.output)) as fh:
            emit(fh)
    per_label = ", ".join(f"{k} {v}" for k, v in sorted(counts.items()))
    print(f"{n_articles} articles, {sum(counts.values())} entities ({per_label or 'none'}), "
          f"{n_errors} errors", file=sys.stderr)
    return 1 if n_errors else 0
