"""``review html``: every article with its entities highlighted by label (spaCy's displaCy)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ..io import atomic_write
from ..schema import LABELS, Record

COLORS = {"PARK": "#7aecec", "COMPANY": "#aa9cfc", "ORG": "#bfeeb7", "LOC": "#ff9561",
          "PERSON": "#ddd1ff", "DATE": "#bfe1d9", "FIGURE": "#e4e7d2"}


def _title(rec: Record) -> str:
    bits = [rec.id]
    if rec.source:
        bits.append(rec.source)
    if rec.date:
        bits.append(rec.date.isoformat())
    counts = {lab: sum(e.label == lab for e in rec.entities) for lab in LABELS}
    bits.append(", ".join(f"{lab} {n}" for lab, n in counts.items() if n) or "no entities")
    return " · ".join(bits)


def displacy_docs(records: Iterable[Record]) -> list[dict[str, Any]]:
    """Records in displaCy's manual format (``text``, ``ents``, ``title``)."""
    return [{"text": r.text, "title": _title(r),
             "ents": [{"start": e.start, "end": e.end, "label": e.label} for e in r.sorted_entities()]}
            for r in records]


def render_html(records: Iterable[Record]) -> str:
    """A standalone HTML page: one section per article, entities coloured by label."""
    from spacy import displacy

    docs = displacy_docs(records)
    html = displacy.render(docs, style="ent", manual=True, page=True, minify=False,
                           options={"ents": list(LABELS), "colors": COLORS})
    # displaCy's page names no encoding; a browser opening the file locally could misread the Chinese
    html = html.replace('<html lang="en">', '<html lang="zh">', 1)
    return html.replace("<head>", '<head>\n        <meta charset="utf-8">', 1)


def write_html(records: Iterable[Record], path: Path | str) -> int:
    records = list(records)
    html = render_html(records)
    with atomic_write(path) as fh:
        fh.write(html)
    return len(records)
