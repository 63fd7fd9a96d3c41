"""Re-anchoring entities by their text.

A reviewer edits entities by text, not by offsets: a boundary is fixed by
editing ``text``, an entity is added as ``{"label", "text"}`` (optionally
``"near": N``). :func:`anchor` turns such an entity into offsets into the
article text: the occurrence of ``text`` nearest the old position (or
``near``); offsets that already match are kept as they are.
"""

from __future__ import annotations

from dataclasses import dataclass


class AnchorError(ValueError):
    """An entity that cannot be placed: its text is not in the article, or is there ambiguously."""


@dataclass(frozen=True)
class Placement:
    """Where an entity was placed and why (``kept``, ``moved``, ``placed``)."""

    start: int
    end: int
    how: str


def occurrences(text: str, needle: str) -> list[int]:
    """Start offsets of every occurrence of ``needle`` in ``text`` (overlapping ones included)."""
    found: list[int] = []
    if not needle:
        return found
    i = text.find(needle)
    while i != -1:
        found.append(i)
        i = text.find(needle, i + 1)
    return found


def _as_offset(x: object) -> int | None:
    return x if isinstance(x, int) and not isinstance(x, bool) and x >= 0 else None


def anchor(text: str, ent_text: str, start: object = None, end: object = None,
           near: object = None) -> Placement:
    """Place ``ent_text`` in ``text``.

    * ``start``/``end`` that already give ``ent_text`` (and no ``near``) are kept.
    * With ``near`` (a character offset) the occurrence starting nearest it wins.
    * Otherwise, with old offsets, an occurrence overlapping the old span is
      preferred, then the one whose boundaries moved least.
    * Without any position, the text must occur exactly once.

    A tie, a missing text or a text not in the article raises :class:`AnchorError`
    with a message that tells the reviewer what to write.
    """
    if not isinstance(ent_text, str) or not ent_text:
        raise AnchorError('has no "text" to place')
    s, e, n = _as_offset(start), _as_offset(end), _as_offset(near)
    if near is not None and n is None:
        raise AnchorError(f'"near" must be a character offset (a non-negative integer), not {near!r}')
    if n is None and s is not None and e is not None and text[s:e] == ent_text:
        return Placement(s, e, "kept")
    found = occurrences(text, ent_text)
    if not found:
        raise AnchorError(f"text {ent_text!r} does not occur in the article")
    size = len(ent_text)
    if n is not None:
        def key(i: int) -> tuple[int, ...]:
            return (abs(i - n),)
        hint = f'near {n}'
    elif s is not None or e is not None:
        old_s = s if s is not None else max(0, (e or 0) - size)
        old_e = e if e is not None and e > old_s else old_s + size

        def key(i: int) -> tuple[int, ...]:
            overlaps = i < old_e and old_s < i + size
            return (0 if overlaps else 1, abs(i - old_s) + abs(i + size - old_e))
        hint = f"near its old position [{old_s}:{old_e}]"
    else:
        if len(found) == 1:
            return Placement(found[0], found[0] + size, "placed")
        raise AnchorError(
            f"text {ent_text!r} occurs {len(found)} times (at {_list(found)}); "
            'add "near": OFFSET to say which'
        )
    ranked = sorted(found, key=key)
    if len(ranked) > 1 and key(ranked[0]) == key(ranked[1]):
        tied = [i for i in ranked if key(i) == key(ranked[0])]
        raise AnchorError(
            f"text {ent_text!r} occurs equally {hint} at {_list(tied)}; "
            'give "near": OFFSET closer to the one you mean'
        )
    best = ranked[0]
    return Placement(best, best + size, "moved" if s is not None else "placed")


def _list(offsets: list[int], limit: int = 8) -> str:
    shown = ", ".join(str(i) for i in offsets[:limit])
    return shown + (f" … ({len(offsets) - limit} more)" if len(offsets) > limit else "")
