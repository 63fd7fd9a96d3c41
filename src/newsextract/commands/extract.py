"""``newsextract extract``: articles in, one validated record a line out (or a table)."""

from __future__ import annotations

import argparse
import sys

from . import add_gazetteer_option, add_pipeline_options, gazetteer_overrides, iso_date


def _int_at_least(low: int, message: str):  # noqa: ANN202 - an argparse type
    """An argparse type: a whole number of at least ``low``, else ``message``."""
    def parse(value: str) -> int:
        try:
            n = int(value)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{value!r} is not a number") from None
        if n < low:
            raise argparse.ArgumentTypeError(message)
        return n

    return parse


_jobs = _int_at_least(0, "--jobs must be 0 (one per CPU core) or more")
_positive = _int_at_least(1, "must be at least 1")


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "extract", help="extract entities from articles into JSONL records (or a CSV/Parquet table)",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description=(
            "Read articles (.txt files, folders of them, .jsonl files) and write one record a\n"
            "line in the ANNOTATION.md format. Articles are streamed: memory stays flat whatever\n"
            "the size of the corpus. A bad article (undecodable, empty, malformed line) gives an\n"
            "error record in its place and a message; the rest of the batch goes on. The output\n"
            "order is the input order, the same with any --jobs or on Dask.\n\n"
            "A summary (articles, entities per label, errors, throughput, peak memory) goes to\n"
            "standard error at the end. Exit status: 0 every record clean; 1 some articles\n"
            "failed (their error records are in the output); 2 bad usage.\n\n"
            "Long runs: use --resume from the start and rerun the same command after a crash or\n"
            "kill; records already in OUT.jsonl are kept and their articles skipped."
        ),
    )
    p.add_argument("inputs", nargs="+", metavar="INPUT", help=".txt file, .jsonl file or folder")
    p.add_argument("-o", "--output", metavar="OUT", default="-",
                   help="output file (default: standard output); written atomically unless --resume")
    p.add_argument("--date", type=iso_date, metavar="YYYY-MM-DD",
                   help="publication date for .txt inputs that a manifest does not date")
    p.add_argument("--batch-size", type=_positive, default=16, metavar="N",
                   help="articles per nlp.pipe batch (default 16)")
    p.add_argument("--format", choices=["jsonl", "csv", "parquet"], default=None,
                   help="jsonl: one record a line (default); csv, parquet: the entity table, one row "
                        "per entity (see `newsextract table`); default from the -o suffix")
    p.add_argument("-j", "--jobs", type=_jobs, default=1, metavar="N",
                   help="worker processes, each loading the pipeline once (default 1; 0 = one per "
                        "CPU core)")
    p.add_argument("--resume", action="store_true",
                   help="append to OUT.jsonl record by record, skipping articles already in it and "
                        "dropping a torn last line left by a crash; the finished file is the same "
                        "as an uninterrupted run's")
    p.add_argument("--progress", action=argparse.BooleanOptionalAction, default=None,
                   help="progress on standard error: a bar with articles/s and ETA on a terminal, a "
                        "plain line every 10 s otherwise (default: on)")
    p.add_argument("--scheduler", metavar="tcp://HOST:PORT",
                   help="run on a Dask cluster (needs the `dask` extra: pip install 'newsextract[dask]'); "
                        "config and dictionaries must be readable at the same paths on the workers")
    add_pipeline_options(p)
    add_gazetteer_option(p)
    p.set_defaults(func=run)


def pipeline_spec(args: argparse.Namespace):  # noqa: ANN201 - PipelineSpec, imported lazily
    """The worker pipeline these options describe."""
    from ..batch import PipelineSpec

    return PipelineSpec.make(args.config, args.user_dict, overrides=gazetteer_overrides(args))


def run(args: argparse.Namespace) -> int:
    from concurrent.futures.process import BrokenProcessPool

    from ..batch import ResumeError, default_jobs, run_batch

    fmt = args.format
    if fmt is None:
        suffix = args.output.rsplit(".", 1)[-1].lower() if "." in args.output else ""
        fmt = suffix if suffix in ("csv", "parquet") else "jsonl"
    jobs = args.jobs or default_jobs()
    if args.scheduler and args.jobs != 1:
        print("error: --jobs is for local runs; with --scheduler the Dask cluster's workers do the "
              "work", file=sys.stderr)
        return 2
    client = None
    if args.scheduler:
        try:
            from distributed import Client
        except ImportError:
            print("error: --scheduler needs Dask: pip install 'newsextract[dask]'", file=sys.stderr)
            return 2
        try:
            client = Client(args.scheduler, timeout="30s")
        except OSError as exc:
            print(f"error: cannot reach the Dask scheduler at {args.scheduler}: {exc}", file=sys.stderr)
            return 2
    try:
        summary = run_batch(args.inputs, args.output, fmt=fmt, resume=args.resume,
                            spec=pipeline_spec(args), date=args.date, batch_size=args.batch_size,
                            jobs=jobs, client=client, progress=args.progress)
    except (ValueError, ResumeError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except BrokenProcessPool as exc:
        print(f"error: a worker process died ({exc}); the output is incomplete"
              + (" — rerun the same command to continue" if args.resume else ""), file=sys.stderr)
        return 1
    finally:
        if client is not None:
            client.close()
    print(summary.format(), file=sys.stderr)
    return summary.exit_status()
