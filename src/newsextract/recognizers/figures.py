"""FIGURE recogniser: quantities with their normalised value.

A FIGURE is (ANNOTATION.md) an optional approximation word, a number, an
optional second number of a range, an optional unit or measure word and an
optional approximation word after it::

    [约|近|超过|突破|不足…] NUMBER [(到|至|-|~) NUMBER] [余|多] [UNIT] [以上|左右|以下|多|余]

NUMBER is Arabic (``14``, ``2,000``, ``1.5``), Chinese (``三``, ``两``, ``十``,
``一百二十``), or mixed with multipliers (``5万``, ``1.2万亿``, ``百万``,
``千亿``); ``百分之三十`` is 30 %. The value is parsed from the same match
(:mod:`newsextract.numerals`): multipliers are folded into ``value``, the unit
is what is written after them (``5万平方米`` → 50000 平方米, ``千亿级`` → 1e11
级, ``1822亿`` → 1.822e11 with unit ""), a range gives ``max``, and the
approximation word gives ``approx`` (``about``/``over``/``under``).

Word lists live in ``data/figures``: ``units.tsv`` (units and measure words
with their kind), ``approx.tsv`` (approximation words and where they stand),
``exclude.tsv`` (ordinals 第N, 十大/10大, 三年行动, designations 1.1类/5G/4A级,
vague 数十) and ``idioms.txt`` (一园一业, 一棵树 …). Numbers inside a DATE,
inside short quoted slogans (“六个城市”) or book titles (《…》) are not FIGUREs;
``一`` before a count classifier is an article (一家市级产业园区), not a
quantity. A bare number without a unit is a FIGURE only with a multiplier or an
approximation word (``499.49亿``, ``3000多``, ``大于1.3``).

The unit in ``value`` is taken from the prepared text (Simplified); the record
builder (:func:`newsextract.pipeline.build_record`) re-reads it from the raw
text so a Traditional article keeps its characters (``11個`` → unit ``個``).
"""

from __future__ import annotations

import datetime as _dt
import functools
import re
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from ..candidates import Candidate, add_candidates, get_candidates, pub_date
from ..numerals import BIG_UNITS, CN_DIGITS, NumeralError, parse_number, to_plain
from ..wordlists import read_rows
from .dates import SOURCE as DATE_SOURCE
from .dates import find_dates

DATA = Path(__file__).resolve().parent.parent / "data" / "figures"
SOURCE = "rules:figures"

_RUN = re.compile(
    r"(?:\d{1,3}(?:,\d{3})+(?!\d)(?:\.\d+)?|\d+(?:\.\d+)?|[〇零○一二两三四五六七八九十百千万亿兆])+"
)
_PERCENT = re.compile(r"百分之(?P<n>(?:\d+(?:\.\d+)?|[〇零一二两三四五六七八九十百])+)")
_RANGE_SEP = "到至-—–~～"
_CJK = re.compile(r"[\u3400-\u9fff]")
_QUOTED = re.compile(r"“[^“”\n]{1,10}”|「[^「」\n]{1,10}」|\"[^\"\n]{1,10}\"|《[^《》\n]*》")


@dataclass(frozen=True)
class FigureTables:
    units: dict[str, str]  # unit -> kind
    units_by_length: tuple[str, ...]
    max_unit_len: int
    max_not_unit_len: int
    approx_before: dict[str, str]
    approx_inside: dict[str, str]
    approx_after: dict[str, str]
    before: tuple[re.Pattern[str], ...]
    before_cn: tuple[re.Pattern[str], ...]
    after: tuple[re.Pattern[str], ...]
    after_duration: tuple[re.Pattern[str], ...]
    after_number: tuple[re.Pattern[str], ...]
    before_one: tuple[re.Pattern[str], ...]
    masks: tuple[re.Pattern[str], ...]
    idioms: tuple[str, ...]
    not_units: frozenset[str]
    approx_not: tuple[str, ...]
    half: dict[str, str]


@functools.lru_cache(maxsize=4)
def load_tables(data_dir: str | None = None) -> FigureTables:
    """Read the word lists of ``data/figures`` (or another directory with the same files)."""
    d = Path(data_dir) if data_dir else DATA
    units = {r[0]: r[1] for r in read_rows(d / "units.tsv")}
    approx: dict[str, dict[str, str]] = {"before": {}, "inside": {}, "after": {}}
    for word, where, kind in read_rows(d / "approx.tsv"):
        approx[where][word] = kind
    pats: dict[str, list[re.Pattern[str]]] = {
        "before": [], "before_cn": [], "before_one": [], "after": [], "after_duration": [],
        "after_number": [], "mask": [],
    }
    for lineno, row in enumerate(read_rows(d / "exclude.tsv"), 1):
        kind, pattern = row[0], row[1]
        try:
            pats[kind].append(re.compile(pattern))
        except (KeyError, re.error) as exc:
            raise ValueError(f"{d / 'exclude.tsv'}: bad row {lineno} {row!r}: {exc}") from None
    idioms = tuple(r[0] for r in read_rows(d / "idioms.txt"))
    not_units = frozenset(r[0] for r in read_rows(d / "not_units.txt"))
    return FigureTables(
        units=units,
        units_by_length=tuple(sorted(units, key=lambda u: (-len(u), u))),
        max_unit_len=max(map(len, units)),
        max_not_unit_len=max(map(len, not_units), default=0),
        approx_before=approx["before"],
        approx_inside=approx["inside"],
        approx_after=approx["after"],
        before=tuple(pats["before"]),
        before_cn=tuple(pats["before_cn"]),
        after=tuple(pats["after"]),
        after_duration=tuple(pats["after_duration"]),
        after_number=tuple(pats["after_number"]),
        before_one=tuple(pats["before_one"]),
        masks=tuple(pats["mask"]),
        idioms=idioms,
        not_units=not_units,
        approx_not=tuple(r[0] for r in read_rows(d / "approx_not.txt")),
        half={r[0]: r[1] for r in read_rows(d / "half.tsv")},
    )


@dataclass(frozen=True)
class FigureMatch:
    """A FIGURE found in a text: character span and normalised value."""

    start: int
    end: int
    value: dict[str, Any]


def _is_cn_digit_sequence(s: str) -> bool:
    return len(s) > 1 and all(ch in CN_DIGITS for ch in s)


def _unit_at(text: str, pos: int, t: FigureTables) -> str:
    for u in (text[pos:pos + k] for k in range(t.max_unit_len, 0, -1)):
        if u in t.units:
            # a Latin unit (GW, kWh) must end the Latin word
            if u[-1].isascii() and u[-1].isalpha() and pos + len(u) < len(text) \
                    and text[pos + len(u)].isascii() and text[pos + len(u)].isalpha():
                continue
            # 百亿项目: a word that starts with the unit's character and is longer than it
            if any(text[pos:pos + k] in t.not_units for k in range(len(u) + 1, t.max_not_unit_len + 1)):
                return ""
            return u
    return ""


def _word_before(text: str, pos: int, words: dict[str, str], max_len: int = 4) -> str:
    """The longest of ``words`` that ends at ``pos``."""
    for k in range(min(max_len, pos), 0, -1):
        if text[pos - k:pos] in words:
            return text[pos - k:pos]
    return ""


def _big_suffix(run: str) -> str:
    """The trailing multipliers of a numeral (``亿`` of ``20亿``, ``万亿`` of ``1.2万亿``)."""
    i = len(run)
    while i > 0 and run[i - 1] in BIG_UNITS:
        i -= 1
    return run[i:]


def _blocked_regions(text: str, t: FigureTables, pub: _dt.date | None,
                     dates: list[tuple[int, int]] | None = None) -> list[tuple[int, int]]:
    regions = list(dates) if dates is not None else [(d.start, d.end) for d in find_dates(text, pub)]
    for rx in t.masks:
        regions += [m.span() for m in rx.finditer(text)]
    regions += [m.span() for m in _QUOTED.finditer(text)]
    for idiom in t.idioms:
        start = text.find(idiom)
        while start >= 0:
            regions.append((start, start + len(idiom)))
            start = text.find(idiom, start + 1)
    return regions


def _overlaps(s: int, e: int, regions: list[tuple[int, int]]) -> bool:
    return any(rs < e and s < re_ for rs, re_ in regions)


def find_figures(text: str, pub: _dt.date | None = None, data_dir: str | None = None,
                 dates: list[tuple[int, int]] | None = None) -> list[FigureMatch]:
    """Every FIGURE in ``text`` with its normalised value (see the module docstring).

    Numbers inside dates are not figures; ``dates`` gives the DATE spans when they are
    known already (the DATE component ran), else they are found here.
    """
    t = load_tables(data_dir)
    blocked = _blocked_regions(text, t, pub, dates)
    out: list[FigureMatch] = []
    taken_until = 0

    # 百分之三十 → 30 %
    for m in _PERCENT.finditer(text):
        try:
            n = parse_number(m.group("n"))
        except NumeralError:
            continue
        if not _overlaps(m.start(), m.end(), blocked):
            out.append(FigureMatch(m.start(), m.end(), {"value": to_plain(n), "unit": "%", "approx": "exact"}))
    # 过半, 一半以上 → 0.5 (unit "")
    if t.half:
        half_rx = re.compile("|".join(re.escape(w) for w in sorted(t.half, key=len, reverse=True)))
        for m in half_rx.finditer(text):
            if not _overlaps(m.start(), m.end(), blocked) and not _overlaps(m.start(), m.end(), [
                    (f.start, f.end) for f in out]):
                out.append(FigureMatch(m.start(), m.end(), {"value": 0.5, "unit": "", "approx": t.half[m.group()]}))
    percent_spans = [(f.start, f.end) for f in out]

    for m in _RUN.finditer(text):
        s, e = m.span()
        if s < taken_until or _overlaps(s, e, percent_spans):
            continue
        run = m.group()
        # leading 万/亿 belong to the word before (千家万户, 亿达): a number starts with a
        # digit, unless an approximation word stands right before it (逾万人, 近亿元)
        if run[0] in BIG_UNITS and not _word_before(text, s, t.approx_before) \
                and not (set(run) <= set(BIG_UNITS) and text[e:e + 1] in t.approx_inside):
            while run and run[0] in BIG_UNITS:
                run, s = run[1:], s + 1
        if not run:
            continue
        # 千瓦 / 兆瓦 / 千米: a trailing 千 or 兆 that starts a unit is the unit's
        if run[-1] in "千兆" and len(run) > 1 and _unit_at(text, e - 1, t).startswith(run[-1]) \
                and len(_unit_at(text, e - 1, t)) > 1:
            run, e = run[:-1], e - 1
        if run[-1] == "兆":  # 兆 is a multiplier only before 亿 or a currency
            continue
        if _is_cn_digit_sequence(run) or set(run) <= set("〇零○"):  # 三四期, 五六个, 零部件
            continue
        try:
            value = parse_number(run)
        except NumeralError:
            continue
        is_cn = not any(ch.isdigit() for ch in run)
        pos = e
        if any(p.search(text[e:e + 4]) for p in t.after_number):
            continue  # 十大, 10大
        # a range: 三到五年, 3至5年, 10-20亿元
        vmax: Decimal | None = None
        if pos + 1 < len(text) and text[pos] in _RANGE_SEP:
            m2 = _RUN.match(text, pos + 1)
            if m2 and not _overlaps(m2.start(), m2.end(), blocked):
                run2 = m2.group()
                try:
                    v2 = parse_number(run2)
                    suffix = _big_suffix(run2)
                    if suffix and not _big_suffix(run):
                        value = parse_number(run + suffix)
                    if v2 > value:
                        vmax, pos = v2, m2.end()
                except NumeralError:
                    pass
        approx = "exact"
        for w, kind in t.approx_inside.items():
            if text.startswith(w, pos) and not text.startswith(w + "元化", pos):
                approx, pos = kind, pos + len(w)
                break
        # 30多万人, 100余亿元: the multiplier written after 余/多 still multiplies
        if approx != "exact" and vmax is None:
            mult = re.match(r"[万亿]+", text[pos:pos + 2])
            if mult:
                try:
                    value = parse_number(run + mult.group())
                    run, pos = run + mult.group(), pos + mult.end()
                except NumeralError:
                    pass
        unit = _unit_at(text, pos, t)
        kind = t.units.get(unit, "")
        # units that need more than a number
        if unit == "级" and not any(ch in BIG_UNITS for ch in run):
            unit = ""
        if unit == "日" and not is_cn:  # 19日 is a day of the month
            continue
        if unit == "成" and run == "一":
            unit = ""
        kind = t.units.get(unit, "")
        pos += len(unit)
        after_w = _after_approx(text, pos, unit, kind, t)
        if after_w and approx == "exact":
            approx = t.approx_after[after_w]
            pos += len(after_w)
        before_w = _word_before(text, s, t.approx_before)
        if before_w and any(text.startswith(w, s - len(w)) and s >= len(w) for w in t.approx_not):
            before_w = ""  # 签约59个项目
        start = s - len(before_w)
        if before_w and approx == "exact":
            approx = t.approx_before[before_w]
        end = pos
        # --- exclusions -------------------------------------------------
        head = text[max(0, start - 4):start]
        head_num = text[max(0, s - 4):s]
        tail = text[end:end + 6]
        if any(p.search(head) or p.search(head_num) for p in t.before):
            continue
        if is_cn and len(run) == 1 and any(p.search(head_num) for p in t.before_cn):
            continue
        if any(p.search(tail) for p in t.after):
            continue
        if kind == "duration" and any(p.search(tail) for p in t.after_duration):
            continue
        if _overlaps(start, end, blocked):
            continue
        if run == "一" and vmax is None and approx == "exact" and (
                kind == "count" or any(p.search(head_num) for p in t.before_one)):
            continue  # 一家市级产业园区, 最辉煌的一年: an article
        if not unit and approx == "exact" and not any(ch in BIG_UNITS for ch in run + text[e:pos]):
            continue  # a bare number is a quantity only with a multiplier or an approximation word
        if not unit and vmax is not None and not any(ch in BIG_UNITS for ch in run + text[e:pos]):
            continue  # 3-5 alone is no quantity; 3-5亿 is
        val: dict[str, Any] = {"value": to_plain(value), "unit": unit, "approx": approx}
        if vmax is not None:
            val["max"] = to_plain(vmax)
        out.append(FigureMatch(start, end, val))
        taken_until = end
    out.sort(key=lambda f: (f.start, f.end))
    return out


def _after_approx(text: str, pos: int, unit: str, kind: str, t: FigureTables) -> str:
    for w in sorted(t.approx_after, key=len, reverse=True):
        if not text.startswith(w, pos):
            continue
        if w in ("多", "余"):
            nxt = text[pos + len(w): pos + len(w) + 1]
            # 两年多 / 1年余, but not 3000吨多晶硅 or 1000万元余额
            if not unit or (kind != "duration" and nxt and _CJK.match(nxt)):
                continue
        return w
    return ""


@Language.factory("newsextract_figures", default_config={"data_dir": None})
def make_figures(nlp: Language, name: str, data_dir: str | None) -> FigureRecognizer:
    """FIGURE candidates (source ``rules:figures``) with ``{value, unit, approx[, max]}`` values."""
    # a DATE component placed before this one has found the dates already: reuse them
    return FigureRecognizer(data_dir, reuse_dates="newsextract_dates" in nlp.pipe_names)


class FigureRecognizer:
    def __init__(self, data_dir: str | None = None, reuse_dates: bool = False) -> None:
        self.data_dir = data_dir
        self.reuse_dates = reuse_dates
        load_tables(data_dir)

    def __call__(self, doc: Doc) -> Doc:
        dates = None
        if self.reuse_dates:
            dates = [(c.start, c.end) for c in get_candidates(doc) if c.source == DATE_SOURCE]
        found = find_figures(doc.text, pub_date(doc), self.data_dir, dates)
        add_candidates(doc, [
            Candidate(f.start, f.end, "FIGURE", SOURCE, 1.0, f.value) for f in found
        ])
        return doc
