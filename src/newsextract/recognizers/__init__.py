"""Recogniser components, one a label family; importing this package registers their factories.

Each module defines a spaCy factory that adds :class:`newsextract.candidates.Candidate`
objects to ``doc._.ne_candidates``; the resolver decides what becomes ``Doc.ents``.
"""

from . import companies, dates, figures, gazetteer, localities, parks, persons, statistical  # noqa: F401  (register the factories)
