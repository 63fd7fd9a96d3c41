"""One module a CLI command; each exposes ``register(subparsers)``."""

from __future__ import annotations

import argparse
import datetime as _dt


def iso_date(value: str) -> _dt.date:
    """argparse type for ``--date YYYY-MM-DD``."""
    try:
        return _dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date in YYYY-MM-DD form") from None


def add_pipeline_options(parser: argparse.ArgumentParser) -> None:
    """Options shared by every command that builds the pipeline."""
    parser.add_argument("--config", metavar="FILE",
                        help="a spaCy pipeline config to use instead of the packaged one "
                             "(add, remove or reorder components)")
    parser.add_argument("--user-dict", metavar="FILE", action="append", default=[],
                        help="an extra jieba user dictionary (word [freq] [tag] a line); repeatable")
