"""The reviewer workflow: export predictions for editing, check, re-anchor, diff, merge, learn.

One module a concern: :mod:`.export` (the review file), :mod:`.validate`
(every problem at once), :mod:`.anchor` (placing entities by their text),
:mod:`.diff`, :mod:`.merge`, :mod:`.learn` (user gazetteers),
:mod:`.formats` (Prodigy, doccano, Label Studio) and :mod:`.html` (displaCy).
The command line is ``newsextract review`` (``commands/review.py``).
"""

from __future__ import annotations

from .anchor import AnchorError, anchor
from .validate import Loaded, Problem, check_items, load_original, load_review

__all__ = ["AnchorError", "Loaded", "Problem", "anchor", "check_items", "load_original", "load_review"]
