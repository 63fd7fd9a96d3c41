"""``newsextract schema``: print the JSON Schema of a record line."""

from __future__ import annotations

import argparse
import json

from ..schema import record_json_schema


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("schema", help="print the JSON Schema of a record",
                       description="Print the JSON Schema of one line of output, review or gold JSONL.")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    print(json.dumps(record_json_schema(), ensure_ascii=False, indent=2))
    return 0
