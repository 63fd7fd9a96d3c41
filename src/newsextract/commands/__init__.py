"""One module a CLI command; each exposes ``register(subparsers)``."""

from __future__ import annotations

import argparse
import datetime as _dt
from pathlib import Path


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


def add_gazetteer_option(parser: argparse.ArgumentParser) -> None:
    """``--gazetteer FILE`` (repeatable): a user's gazetteer files for ``newsextract_gazetteer``."""
    parser.add_argument("--gazetteer", metavar="FILE", action="append", default=[],
                        help="an extra gazetteer of known names: CSV with columns name,label,aliases "
                             "(aliases separated by |) or JSONL {\"name\",\"label\",\"aliases\"}; "
                             "label PARK, COMPANY, ORG, LOC or PERSON; repeatable")


def gazetteer_overrides(args: argparse.Namespace) -> dict[str, object]:
    """Config overrides for the ``--gazetteer`` files.

    The files are read here, so a missing or malformed one raises
    :class:`~newsextract.recognizers.gazetteer.GazetteerError` (a ``ValueError``)
    with the file, line and reason before any pipeline is built.
    """
    files = list(getattr(args, "gazetteer", None) or [])
    if not files:
        return {}
    from ..recognizers.gazetteer import read_gazetteer

    for f in files:
        read_gazetteer(f)
    return {"components.newsextract_gazetteer.extra_files": [str(Path(f).resolve()) for f in files]}
