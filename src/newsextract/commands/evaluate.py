"""``newsextract evaluate``: score predictions (or the pipeline itself) against gold; the CI gate."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import add_pipeline_options


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "evaluate", help="score predictions against a gold file; --check is the CI gate",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description=(
            "Per label and overall precision, recall and F1, strict (label+start+end) and\n"
            "relaxed (label + overlap), value accuracy for FIGURE and DATE, per-article scores.\n"
            "Without --pred the pipeline runs on the gold texts. Gold and prediction files are\n"
            "validated first: a broken line is an error with file, line and reason.\n\n"
            "--check compares each label's strict F1 with the thresholds and the baseline\n"
            "configured in [tool.newsextract.evaluate] of pyproject.toml and exits 1 if a\n"
            "label is under its threshold or more than `tolerance` below the baseline."
        ),
    )
    p.add_argument("--gold", required=True, metavar="GOLD.jsonl", help="hand-labelled records")
    p.add_argument("--pred", metavar="PRED.jsonl", help="predicted records (default: run the pipeline)")
    p.add_argument("--format", choices=["table", "json", "markdown"], default="table")
    p.add_argument("--errors", action="store_true",
                   help="list false positives, false negatives and wrong values with their sentence")
    p.add_argument("--labels", metavar="L1,L2", help="score only these labels (comma-separated)")
    p.add_argument("--no-articles", action="store_true", help="leave out the per-article table")
    p.add_argument("--check", action="store_true", help="apply the gate; exit 1 on a failure")
    p.add_argument("--update-baseline", action="store_true",
                   help="store the current scores as the accepted baseline")
    p.add_argument("--pyproject", metavar="FILE", help="where the gate settings are (default: nearest pyproject.toml)")
    p.add_argument("--save-pred", metavar="FILE", help="also write the pipeline's predictions here")
    add_pipeline_options(p)
    p.set_defaults(func=run)


def _load(path: str, what: str):
    from ..io import read_records

    recs, errors = read_records(path)
    if errors:
        for e in errors:
            print(f"error: {what}: {e}", file=sys.stderr)
        raise SystemExit(2)
    return [r.record for r in recs]


def run(args: argparse.Namespace) -> int:
    from .. import evaluate as ev
    from ..schema import LABELS

    if not Path(args.gold).is_file():
        print(f"error: gold file {args.gold} does not exist", file=sys.stderr)
        return 2
    labels = LABELS
    if args.labels:
        labels = tuple(x.strip().upper() for x in args.labels.split(",") if x.strip())
        bad = set(labels) - set(LABELS)
        if bad:
            print(f"error: unknown labels {sorted(bad)}; choose from {', '.join(LABELS)}", file=sys.stderr)
            return 2
    gold = _load(args.gold, "gold")
    if args.pred:
        pred = _load(args.pred, "predictions")
    else:
        from ..pipeline import Pipeline
        from ..schema import Article

        pipe = Pipeline(args.config, user_dicts=args.user_dict)
        arts = [Article(id=g.id, text=g.text, date=g.date, source=g.source, title=g.title) for g in gold]
        pred = list(pipe.extract_many(arts))
        if args.save_pred:
            from ..io import write_jsonl

            write_jsonl(pred, args.save_pred)
    report = ev.score(gold, pred, labels)
    print(ev.render(report, args.format, errors=args.errors, articles=not args.no_articles))
    status = 0
    if args.check or args.update_baseline:
        try:
            gate = ev.load_gate_config(Path(args.pyproject) if args.pyproject else None)
        except (FileNotFoundError, KeyError, ValueError) as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
        if args.check:
            failures = ev.check(report, gate)
            if failures:
                print("\nGATE FAILED:\n" + "\n".join(f"  - {f}" for f in failures), file=sys.stderr)
                status = 1
            else:
                print("\ngate passed: every label at or above its threshold and within "
                      f"{gate.tolerance:.3f} of the baseline", file=sys.stderr)
        if args.update_baseline:
            path = ev.write_baseline(report, gate, args.gold)
            print(f"baseline written to {path}", file=sys.stderr)
    return status
