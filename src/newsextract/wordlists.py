"""Reading the tab-separated word lists under ``data/``."""

from __future__ import annotations

from pathlib import Path


def read_rows(path: Path) -> list[list[str]]:
    """The tab-separated fields of each line, skipping blank lines and ``#`` comment lines."""
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        rows.append(line.split("\t"))
    return rows
