"""Text preparation: the text the recognisers see, and the map back to the raw text.

Raw news text arrives with page and line breaks inside words (``新\\n\\n兴产业``),
full-width Latin letters and digits (``２０２２``), and sometimes in Traditional
characters (``總投資``). The recognisers work on a *prepared* text in which

* a line break that splits a word or a sentence is removed (layout repair),
* full-width ASCII is half-width (``２０２２`` → ``2022``, ``％`` → ``%``),
* Traditional characters are Simplified (OpenCC ``t2s``),

and :class:`Prepared` keeps, for every prepared character, the index of the raw
character it came from. Every offset the pipeline reports goes through
:meth:`Prepared.to_raw`, so it is an offset into the text exactly as given.

Width and script conversion replace characters one for one; layout repair only
deletes characters. The map is therefore a plain list of raw indices.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

# Characters that end a sentence or a clause that can stand at a line end.
_CLOSERS = set("。！？!?；;：:…」』”’）)】》>|-—")
_CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# A line break (with blank lines and indentation) between two characters that
# continue one another: the text before it runs on without closing punctuation.
_BREAK = re.compile(rf"(?<=[{_CJK}0-9A-Za-z，、,（(“‘])([ \t\u3000]*\n[\s\u3000]*)(?=[{_CJK}0-9A-Za-z，、。,.%％）)”’])")


@dataclass(frozen=True)
class Prepared:
    """Prepared text plus, for each of its characters, the raw index it came from."""

    raw: str
    text: str
    raw_index: tuple[int, ...]

    def to_raw(self, start: int, end: int) -> tuple[int, int]:
        """Map a prepared span [start, end) to the raw span that covers it."""
        if not 0 <= start < end <= len(self.text):
            raise ValueError(f"span [{start}:{end}] outside prepared text of length {len(self.text)}")
        return self.raw_index[start], self.raw_index[end - 1] + 1

    def to_prepared(self, raw_pos: int) -> int:
        """The prepared index of the first character at or after raw position ``raw_pos``."""
        import bisect

        return bisect.bisect_left(self.raw_index, raw_pos)


def _line_of(text: str, pos: int) -> str:
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return text[start : end if end >= 0 else len(text)]


def repair_breaks(text: str, min_line: int = 20) -> list[tuple[int, int]]:
    """Spans of ``text`` to delete: line breaks that split a word or a sentence.

    A break is removed when the line before it is long (at least ``min_line``
    characters, as a typeset column is; a headline is short), holds no inner
    spaces (headlines, credits and navigation lines do: ``主编 赵波 美编 李飞``),
    reads as running prose (it has a comma, full stop or semicolon inside; a
    headline or breadcrumb has none), does not end with closing punctuation, and the next line continues with
    a character that can carry on a word. ``新\\n\\n兴产业`` and ``企业和\\n\\n机构`` in the seed
    article, and hard-wrapped lines of 40 characters, are repaired; a headline
    followed by its deck, or a paragraph ending in ``。``, is not.
    """
    spans = []
    for m in _BREAK.finditer(text):
        before = _line_of(text, m.start() - 1).strip()
        if (len(before) < min_line or before[-1] in _CLOSERS
                or re.search(r"[ \t\u3000]", before) or not re.search(r"[，,。；;]", before)):
            continue
        spans.append((m.start(), m.end()))
    return spans


def to_halfwidth(ch: str) -> str:
    code = ord(ch)
    if 0xFF01 <= code <= 0xFF5E:
        return chr(code - 0xFEE0)
    if code == 0x3000:
        return " "
    return ch


@functools.lru_cache(maxsize=1)
def _t2s():
    import opencc

    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """Traditional → Simplified, guaranteed one character for one.

    OpenCC's phrase tables keep length for T→S; if a conversion ever changed the
    length, the text is converted character by character instead so the offset
    map stays a one-for-one list.
    """
    if not text or text.isascii():
        return text
    conv = _t2s().convert(text)
    if len(conv) == len(text):
        return conv
    out = []
    for ch in text:
        c = _t2s().convert(ch)
        out.append(c if len(c) == 1 else ch)
    return "".join(out)


def prepare(raw: str, *, repair_layout: bool = True, simplify: bool = True) -> Prepared:
    """Prepare ``raw`` for the recognisers (see the module docstring)."""
    delete = repair_breaks(raw) if repair_layout else []
    keep: list[int] = []
    pos = 0
    for s, e in delete:
        keep.extend(range(pos, s))
        pos = e
    keep.extend(range(pos, len(raw)))
    text = "".join(to_halfwidth(raw[i]) for i in keep)
    if simplify:
        text = to_simplified(text)
    return Prepared(raw=raw, text=text, raw_index=tuple(keep))
