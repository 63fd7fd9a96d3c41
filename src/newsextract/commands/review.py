"""``newsextract review``: correct the pipeline's extractions by hand, safely.

export → (edit in a text editor, or in Prodigy / doccano / Label Studio) →
validate → apply → diff → merge into gold → learn names into user gazetteers.
Every writing subcommand writes atomically, and writes nothing at all when it
finds a problem.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

DESCRIPTION = """\
The reviewer workflow. Reviewers correct extractions in a JSONL file, one article
a line, in any text editor:

  newsextract review export out.jsonl -o review.jsonl     # predictions -> review file
  (edit review.jsonl: change a "label", delete an entity, fix a boundary by
   editing its "text", add {"label": "PARK", "text": "..."} with "near": N
   when the text occurs more than once, or "all": true for every occurrence
   that no other entity covers)
  newsextract review validate review.jsonl --against out.jsonl
  newsextract review apply review.jsonl -o fixed.jsonl    # re-anchor by text
  newsextract review diff out.jsonl fixed.jsonl --format markdown
  newsextract review merge fixed.jsonl --into gold/dev.jsonl
  newsextract review learn fixed.jsonl --gazetteer-dir ~/my-gazetteers

Exit status: 0 success, 1 problems found (all are listed; nothing is written),
2 bad usage.
"""

FORMATS = ("prodigy", "doccano", "label-studio")


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("review", help="export, check, re-anchor, diff and merge reviewed extractions",
                       description=DESCRIPTION, formatter_class=argparse.RawDescriptionHelpFormatter)
    rsub = p.add_subparsers(dest="review_command", metavar="SUBCOMMAND")
    p.set_defaults(func=lambda args: (p.print_help(sys.stderr), 2)[1])

    e = rsub.add_parser(
        "export", help="predictions -> a review file (or a Prodigy/doccano/Label Studio file)",
        description=(
            "Write the records of PRED.jsonl (newsextract extract output, or gold) for review: one article "
            "a line, entities sorted by offset with label and text first, the article text last on the "
            "same line, and a text_sha1 checksum so an edited article text is caught. source/score are "
            "dropped unless --keep-provenance. --format writes a task file for an annotation tool "
            "instead; FIGURE/DATE values travel in its metadata."))
    e.add_argument("input", metavar="PRED.jsonl")
    e.add_argument("-o", "--output", required=True, metavar="OUT")
    e.add_argument("--format", choices=("jsonl", *FORMATS), default="jsonl",
                   help="jsonl (the review file, default), prodigy (JSONL tasks with spans), doccano "
                        "(JSONL with label: [[start, end, label]]), label-studio (a JSON list of tasks)")
    e.add_argument("--keep-provenance", action="store_true", help="keep each entity's source and score")
    e.set_defaults(func=run_export)

    v = rsub.add_parser(
        "validate", help="list every problem of a review file (exit 1 if any)",
        description=(
            "Check a review file and list every problem with file, line, record id and entity: invalid "
            "JSON, unknown labels, bad values, offsets that do not give the entity's text and cannot be "
            "re-anchored (text not found, or ambiguous without \"near\"), overlaps, duplicate ids, an "
            "edited article text (against --against, or the export's text_sha1). Entities that review "
            "apply would re-anchor are fine; --strict requires every offset to be right already (a "
            "file ready to merge)."))
    v.add_argument("input", metavar="FILE")
    v.add_argument("--against", metavar="ORIGINAL", help="the file the review started from (ids, texts)")
    v.add_argument("--strict", action="store_true", help="no re-anchoring: offsets must match the texts")
    v.add_argument("--format", choices=("text", "json"), default="text", help="problem list format")
    v.set_defaults(func=run_validate)

    a = rsub.add_parser(
        "apply", help="re-anchor edited entities by their text and write clean records",
        description=(
            "Place every entity whose offsets are missing or disagree with its text at the occurrence of "
            "its text nearest its old position (or \"near\": N), check everything as review validate "
            "does, and write clean records (ANNOTATION.md format, without text_sha1 and near). On any "
            "problem nothing is written and every problem is listed. Each re-anchored entity is listed "
            "on standard error."))
    a.add_argument("input", metavar="REVIEW.jsonl")
    a.add_argument("-o", "--output", required=True, metavar="FIXED.jsonl")
    a.add_argument("--against", metavar="ORIGINAL", help="the file the review started from (ids, texts)")
    a.add_argument("-q", "--quiet", action="store_true", help="do not list re-anchored entities")
    a.set_defaults(func=run_apply)

    i = rsub.add_parser(
        "import", help="a Prodigy/doccano/Label Studio file -> records",
        description=(
            "Read the tasks of an annotation tool (as written by review export --format, or edited and "
            "exported by the tool) and write clean records, checked as review apply does. Label Studio: "
            "the latest non-cancelled annotation of a task, else its first prediction. Prodigy: tasks "
            "answered reject/ignore are skipped."))
    i.add_argument("input", metavar="FILE")
    i.add_argument("--format", choices=FORMATS, required=True)
    i.add_argument("-o", "--output", required=True, metavar="OUT.jsonl")
    i.add_argument("--against", metavar="ORIGINAL", help="check ids and article texts against this file")
    i.set_defaults(func=run_import)

    d = rsub.add_parser(
        "diff", help="what the reviewers changed, per label, with the pipeline's precision/recall",
        description=(
            "Compare ORIGINAL (the pipeline's records) with EDITED (a review file, re-anchored as review "
            "apply does, or fixed records): added, removed, relabelled and re-bounded entities per label; "
            "precision = share of the pipeline's entities kept unchanged, recall = share of the reviewed "
            "entities the pipeline had exactly, corrected = 1 - precision."))
    d.add_argument("original", metavar="ORIGINAL")
    d.add_argument("edited", metavar="EDITED")
    d.add_argument("--format", choices=("table", "json", "markdown"), default="table")
    d.add_argument("--summary", action="store_true", help="per-label counts only, no list of changes")
    d.add_argument("-o", "--output", metavar="FILE", help="write the report here (default: standard output)")
    d.set_defaults(func=run_diff)

    m = rsub.add_parser(
        "merge", help="add or replace reviewed records in a gold file, by id",
        description=(
            "Add the records of FIXED.jsonl (review apply output; offsets must be right) to GOLD by id. "
            "A record already in GOLD and different is a conflict: refused unless --replace. The result "
            "is sorted by id, checked and written atomically; GOLD is created if missing."))
    m.add_argument("input", metavar="FIXED.jsonl")
    m.add_argument("--into", required=True, metavar="GOLD.jsonl")
    m.add_argument("--replace", action="store_true", help="replace differing records instead of refusing")
    m.add_argument("--dry-run", action="store_true", help="report what would change, write nothing")
    m.set_defaults(func=run_merge)

    learn = rsub.add_parser(
        "learn", help="add reviewed names the gazetteers lack to a user gazetteer file (opt-in)",
        description=(
            "Append the PARK/COMPANY/ORG/LOC names of FIXED.jsonl that no gazetteer knows yet (the "
            "packaged ones and those in --gazetteer-dir) to DIR/reviewed.csv (name,label,aliases, the "
            "gazetteer format). With --original, only names the pipeline's predictions missed. Names "
            "known under another label are reported, not added. The installed package is never "
            "written to."))
    learn.add_argument("input", metavar="FIXED.jsonl")
    learn.add_argument("--gazetteer-dir", required=True, metavar="DIR", help="your own gazetteer folder")
    learn.add_argument("--original", metavar="PRED.jsonl", help="learn only what these predictions missed")
    learn.add_argument("--labels", nargs="+", choices=("PARK", "COMPANY", "ORG", "LOC"),
                       default=["PARK", "COMPANY", "ORG", "LOC"], help="labels to learn (default: all four)")
    learn.add_argument("--file", default="reviewed.csv", metavar="NAME", help="file in DIR (default reviewed.csv)")
    learn.add_argument("--dry-run", action="store_true", help="report what would be added, write nothing")
    learn.set_defaults(func=run_learn)

    h = rsub.add_parser("html", help="an HTML page with every article's entities highlighted (displaCy)",
                        description="Render every record of FILE with its entities coloured by label.")
    h.add_argument("input", metavar="FILE")
    h.add_argument("-o", "--output", required=True, metavar="OUT.html")
    h.set_defaults(func=run_html)


# ---------------------------------------------------------------- helpers


def _report(problems: list, fmt: str = "text") -> None:
    if fmt == "json":
        print(json.dumps([p.as_dict() for p in problems], ensure_ascii=False, indent=1))
    else:
        for p in problems:
            print(f"error: {p}", file=sys.stderr)
    if problems:
        print(f"{len(problems)} problem{'s' if len(problems) != 1 else ''}; nothing written", file=sys.stderr)


def _original(path: str | None):
    from ..review.validate import load_original

    if not path:
        return None, []
    return load_original(path)


def _load(path: str, against: str | None = None, strict: bool = False):
    """A review/record file checked (re-anchored unless strict), with the original's problems first."""
    from ..review.validate import load_review

    original, problems = _original(against)
    if problems:
        return None, problems
    loaded = load_review(path, original=original, anchor_entities=not strict)
    return loaded, loaded.problems


def _written(n: int, path: str, what: str = "records") -> None:
    print(f"wrote {n} {what} to {path}", file=sys.stderr)


# ---------------------------------------------------------------- subcommands


def run_export(args: argparse.Namespace) -> int:
    from ..review.export import read_predictions, write_review
    from ..review.formats import write_format

    records, problems, skipped = read_predictions(args.input)
    if problems:
        _report(problems)
        return 1
    for s in skipped:
        print(f"skipped (failed article): {s}", file=sys.stderr)
    if args.format == "jsonl":
        n = write_review(records, args.output, args.keep_provenance)
    else:
        n = write_format(records, args.output, args.format)
    ents = sum(len(r.entities) for r in records)
    _written(n, args.output, f"records ({ents} entities)")
    return 0


def run_validate(args: argparse.Namespace) -> int:
    loaded, problems = _load(args.input, args.against, args.strict)
    if args.format == "json":
        _report(problems, "json")
    elif problems:
        for p in problems:
            print(f"error: {p}", file=sys.stderr)
        print(f"{len(problems)} problem{'s' if len(problems) != 1 else ''} in {args.input}", file=sys.stderr)
    if problems:
        return 1
    assert loaded is not None
    n_ents = sum(len(r.entities) for r in loaded.records)
    msg = f"{args.input}: {len(loaded.records)} records, {n_ents} entities, no problems"
    if loaded.moved:
        msg += f"; review apply will re-anchor {len(loaded.moved)} entities"
    print(msg, file=sys.stderr)
    return 0


def _against_original(path: str, loaded, original: dict, unknown_ids: bool) -> list:
    """Problems of records whose article text differs from the original's (and, if
    ``unknown_ids``, of records whose id the original does not have)."""
    from ..review.validate import Problem

    problems = []
    for rec, line in zip(loaded.records, loaded.lines):
        orig = original.get(rec.id)
        if orig is None:
            if unknown_ids:
                problems.append(Problem(path, line, f"id {rec.id!r} is not in the original file", rec.id))
        elif orig.text != rec.text:
            problems.append(Problem(path, line, "the article text differs from the original", rec.id))
    return problems


def run_apply(args: argparse.Namespace) -> int:
    from ..io import write_jsonl

    loaded, problems = _load(args.input, args.against)
    if problems:
        _report(problems)
        return 1
    assert loaded is not None
    if not args.quiet:
        for m in loaded.moved:
            print(f"re-anchored: {m}", file=sys.stderr)
    n = write_jsonl(loaded.records, args.output)
    _written(n, args.output, f"records ({len(loaded.moved)} entities re-anchored)")
    return 0


def run_import(args: argparse.Namespace) -> int:
    from ..io import write_jsonl
    from ..review.formats import import_file

    original, problems = _original(args.against)
    if problems:
        _report(problems)
        return 1
    loaded, skipped = import_file(args.input, args.format)
    problems = list(loaded.problems)
    if original is not None:
        problems += _against_original(args.input, loaded, original, unknown_ids=True)
    if problems:
        _report(problems)
        return 1
    if skipped:
        print(f"skipped {skipped} tasks answered reject/ignore", file=sys.stderr)
    n = write_jsonl(loaded.records, args.output)
    _written(n, args.output, f"records ({sum(len(r.entities) for r in loaded.records)} entities)")
    return 0


def run_diff(args: argparse.Namespace) -> int:
    from ..io import atomic_write
    from ..review.diff import diff_records, render

    original, problems = _original(args.original)
    if problems:
        _report(problems)
        return 1
    from ..review.validate import load_review

    loaded = load_review(args.edited)  # records only on one side are listed, not errors
    problems = list(loaded.problems)
    assert original is not None
    problems += _against_original(args.edited, loaded, original, unknown_ids=False)
    if problems:
        _report(problems)
        return 1
    text = render(diff_records(original, loaded.records), args.format, details=not args.summary)
    if args.output:
        with atomic_write(Path(args.output)) as fh:
            fh.write(text)
        print(f"wrote the diff to {args.output}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0


def run_merge(args: argparse.Namespace) -> int:
    from ..review.merge import merge_into

    loaded, problems = _load(args.input, strict=True)
    if problems:
        _report(problems)
        return 1
    assert loaded is not None
    plan, problems = merge_into(loaded.records, args.into, replace=args.replace, dry_run=args.dry_run)
    if problems:
        _report(problems)
        return 1
    for label, ids in (("added", plan.added), ("replaced", plan.replaced)):
        for rid in ids:
            print(f"{label}: {rid}", file=sys.stderr)
    print(("would write: " if args.dry_run else f"{args.into}: ") + plan.summary(), file=sys.stderr)
    return 0


def run_learn(args: argparse.Namespace) -> int:
    from ..review.learn import learn

    original, problems = _original(args.original)
    if problems:
        _report(problems)
        return 1
    loaded, problems = _load(args.input, strict=True)
    if problems:
        _report(problems)
        return 1
    assert loaded is not None
    try:
        report = learn(loaded.records, args.gazetteer_dir, original=original, labels=args.labels,
                       filename=args.file, dry_run=args.dry_run)
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print("\n".join(report.lines(args.dry_run)))
    return 0


def run_html(args: argparse.Namespace) -> int:
    from ..review.html import write_html

    loaded, problems = _load(args.input)
    if problems:
        _report(problems)
        return 1
    assert loaded is not None
    n = write_html(loaded.records, args.output)
    _written(n, args.output, "articles")
    return 0
