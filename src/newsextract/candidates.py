"""Candidates: what a recogniser proposes before the resolver decides.

Every recogniser component (rules, gazetteers, the statistical NER) adds
:class:`Candidate` objects to ``doc._.ne_candidates``; it never writes
``doc.ents`` itself. The resolver (:mod:`newsextract.resolve`) turns the
candidates into non-overlapping ``Doc.ents`` under one documented policy and
records, for every entity it keeps, the candidate it came from in
``doc._.ent_info`` (source, score, normalised value).

Offsets are character offsets into ``doc.text`` (the prepared text); only the
record builder maps them back to the raw text.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Doc


@dataclass(frozen=True, order=True)
class Candidate:
    """One proposed entity: a character span of ``doc.text`` with its label and provenance."""

    start: int
    end: int
    label: str
    source: str
    score: float = 1.0
    value: dict[str, Any] | None = field(default=None, compare=False)

    def overlaps(self, other: Candidate) -> bool:
        return self.start < other.end and other.start < self.end


def _register() -> None:
    if not Doc.has_extension("ne_candidates"):
        Doc.set_extension("ne_candidates", default=None)
    if not Doc.has_extension("ent_info"):
        Doc.set_extension("ent_info", default=None)
    if not Doc.has_extension("pub_date"):
        Doc.set_extension("pub_date", default=None)
    if not Doc.has_extension("masked"):
        Doc.set_extension("masked", default=None)
    if not Doc.has_extension("not_names"):
        Doc.set_extension("not_names", default=None)


_register()


def add_candidates(doc: Doc, candidates: list[Candidate]) -> None:
    """Append ``candidates`` to the doc's candidate list (creating it on first use)."""
    if doc._.ne_candidates is None:
        doc._.ne_candidates = []
    doc._.ne_candidates.extend(candidates)


def get_candidates(doc: Doc) -> list[Candidate]:
    return list(doc._.ne_candidates or [])


def pub_date(doc: Doc) -> _dt.date | None:
    """The article's publication date, set by the pipeline before the components run."""
    return doc._.pub_date


def masked_spans(doc: Doc) -> list[tuple[int, int]]:
    """Character spans that no entity may overlap (URLs, garbage), set by the layout component."""
    return list(doc._.masked or [])


def not_name_spans(doc: Doc) -> set[tuple[int, int]]:
    """Spans a recogniser found to be no name where they stand (a known name that runs on
    into an ordinary word: 美国银行界); the resolver does not propagate a name onto them."""
    return set(doc._.not_names or [])


def add_not_names(doc: Doc, spans: list[tuple[int, int]]) -> None:
    doc._.not_names = sorted(set(doc._.not_names or []) | set(spans))
