"""The command line: a thin layer over the package. Each command is a module in
``newsextract.commands`` with a ``register(subparsers)`` function."""

from __future__ import annotations

import argparse
import importlib
import sys

from . import __version__

COMMANDS = ["extract", "segment", "schema", "evaluate", "table", "review"]

DESCRIPTION = """\
Extract parks, companies, organisations, places, people, dates and figures
from Chinese news articles into validated JSONL records (ANNOTATION.md format).

Exit status: 0 success; 1 some articles or checks failed (the rest was done);
2 bad usage or unreadable configuration.
"""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="newsextract", description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"newsextract {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        importlib.import_module(f"newsextract.commands.{name}").register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help(sys.stderr)
        return 2
    try:
        return int(args.func(args) or 0)
    except FileNotFoundError as exc:
        print(f"error: {exc.strerror or exc}: {exc.filename}" if exc.filename else f"error: {exc}",
              file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
