"""DATE recogniser: calendar expressions with their normalised ``iso`` value.

Recognised (on the prepared text: half-width digits, Simplified characters):

* absolute dates: ``2022年8月19日``, ``2022年05月08日``, ``2022-08-19``,
  ``2022.8.19``, ``2022/8/19``, ``二〇二二年``, ``2024年``, ``2021年度``,
  ``8月``, ``十月``, ``8月19日``, ``19日`` (a bare day, Arabic digits only);
* refinements written after a year or month (``data/dates/periods.tsv``):
  ``上半年`` → ``-H1``, ``第三季度``/``四季度`` → ``-Q3``/``-Q4``, ``春季`` →
  ``-SP``; ``年底``/``10月底``/``4月下旬``/``8月份`` keep the year or month;
* a span of months in one year (``2022年1-8月``, ``1至9月``, ``1月至8月``) → the year;
* relative words (``data/dates/relative.tsv``): ``今年``, ``去年``, ``本月``,
  ``昨日`` …, alone or followed by a month, day or refinement (``去年2月``,
  ``今年上半年``, ``去年底``);
* holidays (``data/dates/holidays.tsv``): ``元旦``, ``国庆``, ``春节`` (from
  ``spring_festival.tsv``), and ``十一``/``五一`` only before a holiday word
  (``十一黄金周``), so ``十一塘高速公路`` is no date;
* a year written without 年 in a slogan or an event's name (``谋划2049``,
  ``2020深圳坪山招商大会``): a lone 19xx/20xx number not next to a unit or an
  approximation word (``data/dates/bare_year.tsv``).

Values follow ANNOTATION.md: a missing year is the article's year
(``candidates.pub_date``), relative words resolve against the article's date,
and what cannot be known is ``XXXX``/``XX``. Vague words (``data/dates/vague.txt``:
目前, 日前, 近期, 当天 …) are never dates; a clock time, weekday, 以来 or 同期
after a date is not part of it.
"""

from __future__ import annotations

import datetime as _dt
import functools
import re
from dataclasses import dataclass
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from ..candidates import Candidate, add_candidates, pub_date
from ..numerals import NumeralError, parse_number
from ..wordlists import read_rows

DATA = Path(__file__).resolve().parent.parent / "data" / "dates"
SOURCE = "rules:dates"


@dataclass(frozen=True)
class DateMatch:
    """A DATE found in a text: character span and normalised iso value."""

    start: int
    end: int
    iso: str


@dataclass(frozen=True)
class DateTables:
    relative: dict[str, tuple[str, int]]
    year_periods: dict[str, str]
    month_periods: dict[str, str]
    holidays: dict[str, str]
    holiday_short: dict[str, str]
    holiday_context: tuple[str, ...]
    spring: dict[int, str]
    vague: tuple[str, ...]
    bare_year_after: str
    bare_year_before: str


@functools.lru_cache(maxsize=4)
def load_tables(data_dir: str | None = None) -> DateTables:
    """Read the word lists of ``data/dates`` (or another directory with the same files)."""
    d = Path(data_dir) if data_dir else DATA
    relative = {r[0]: (r[1], int(r[2])) for r in read_rows(d / "relative.tsv")}
    year_p, month_p = {}, {}
    for row in read_rows(d / "periods.tsv"):
        word, after = row[0], row[1]
        suffix = row[2] if len(row) > 2 else ""
        (year_p if after == "year" else month_p)[word] = suffix
    holidays = {r[0]: r[1] for r in read_rows(d / "holidays.tsv")}
    short = {r[0]: r[1] for r in read_rows(d / "holiday_short.tsv")}
    context = tuple(r[0] for r in read_rows(d / "holiday_context.txt"))
    spring = {int(r[0]): r[1] for r in read_rows(d / "spring_festival.tsv")}
    vague = tuple(r[0] for r in read_rows(d / "vague.txt"))
    bare = {r[0]: r[1] for r in read_rows(d / "bare_year.tsv")}
    return DateTables(relative, year_p, month_p, holidays, short, context, spring, vague,
                      bare.get("after", ""), bare.get("before", ""))


def _alt(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=lambda w: (-len(w), w)))


_RANGE_WORDS = "至到-—–~～"
_CN_SMALL = "[一二三四五六七八九十]{1,3}"
_CN_YEAR = "[〇零○一二三四五六七八九]{4}"


@functools.lru_cache(maxsize=4)
def _pattern(data_dir: str | None = None) -> re.Pattern[str]:
    t = load_tables(data_dir)
    rel_year = _alt(w for w, (u, _) in t.relative.items() if u == "year")
    rel_other = _alt(w for w, (u, _) in t.relative.items() if u != "year")
    yref = _alt(t.year_periods)
    mref = _alt(t.month_periods)
    hol = _alt(t.holidays)
    short = _alt(t.holiday_short)
    ctx = _alt(t.holiday_context)
    month = rf"(?P<m>(?<![\d.])\d{{1,2}}|{_CN_SMALL})月"
    day = rf"(?P<d>\d{{1,2}}|{_CN_SMALL})[日号]"
    mrange = rf"(?P<m1>(?<![\d.])\d{{1,2}}|{_CN_SMALL})月?(?:至|到|-|—|–|~)(?P<m2>\d{{1,2}}|{_CN_SMALL})月(?:份)?"
    year = rf"(?:(?P<y>(?<![\d.])\d{{4}}|{_CN_YEAR})年|(?P<ry>{rel_year}))"
    body = (
        rf"(?:{mrange}"
        rf"|{month}(?:{day})?(?P<mref>{mref})?"
        rf"|(?P<hol>{hol})"
        rf"|(?P<yref>{yref}))"
    )
    # the characters a year, month, refinement or holiday can start with (a fast pre-check)
    starts = set("0123456789〇零○一二三四五六七八九十")
    for words in (t.relative, t.year_periods, t.holidays):
        starts |= {w[0] for w in words}
    first = "(?=[" + "".join(re.escape(c) for c in sorted(starts)) + "])"
    pattern = (
        rf"(?P<iso>(?<![\d.])(?P<iy>\d{{4}})(?P<sep>[-./])(?P<im>\d{{1,2}})(?P=sep)(?P<id>\d{{1,2}})(?![\d.]))"
        rf"|(?P<bd>(?<![\d.月])\d{{1,2}})日"
        rf"|(?<![\d.])(?P<byr>(?:19|20)\d\d)(?=[-—–~至到](?:19|20)\d\d年)"  # 2019-2021年: two years
        rf"|(?<![\dA-Za-z{re.escape(t.bare_year_before)}])(?P<by>(?:19|20)\d\d)"
        rf"(?![\dA-Za-z{re.escape(t.bare_year_after)}])"
        rf"|(?P<rel>{rel_other})"
        rf"|(?<!双)(?P<short>{short})(?={ctx})"  # 双十一 (11 November) is no 十一 holiday
        rf"|{first}(?:{year})?{body}?"  # may match empty: find_dates skips empty matches
    )
    return re.compile(pattern)


def _num(s: str | None) -> int | None:
    if s is None:
        return None
    try:
        return int(parse_number(s))
    except NumeralError:
        return None


def _shift_month(year: int, month: int, delta: int) -> tuple[int, int]:
    idx = year * 12 + (month - 1) + delta
    return idx // 12, idx % 12 + 1


def _value(m: re.Match[str], pub: _dt.date | None, t: DateTables) -> str | None:
    g = m.groupdict()
    pub_year = f"{pub.year:04d}" if pub else "XXXX"
    if g["iso"]:
        y, mo, d = int(g["iy"]), int(g["im"]), int(g["id"])
        if not (1 <= mo <= 12 and 1 <= d <= 31):
            return None
        return f"{y:04d}-{mo:02d}-{d:02d}"
    if g["rel"]:
        unit, off = t.relative[g["rel"]]
        if unit == "month":
            if not pub:
                return "XXXX-XX"
            y, mo = _shift_month(pub.year, pub.month, off)
            return f"{y:04d}-{mo:02d}"
        if not pub:
            return "XXXX-XX-XX"
        return (pub + _dt.timedelta(days=off)).isoformat()
    if g["bd"]:
        d = int(g["bd"])
        if not 1 <= d <= 31:
            return None
        return f"{pub.year:04d}-{pub.month:02d}-{d:02d}" if pub else f"XXXX-XX-{d:02d}"
    if g["by"] or g["byr"]:
        return g["by"] or g["byr"]
    if g["short"]:
        return f"{pub_year}-{t.holiday_short[g['short']]}"
    # A year (absolute or relative), then month / month range / refinement / holiday.
    if g["y"]:
        y = _num(g["y"])
        if y is None or not 1000 <= y <= 2999:
            return None
        year = f"{y:04d}"
    elif g["ry"]:
        off = t.relative[g["ry"]][1]
        year = f"{pub.year + off:04d}" if pub else "XXXX"
    else:
        year = pub_year
    if g["m1"]:
        a, b = _num(g["m1"]), _num(g["m2"])
        if a is None or b is None or not 1 <= a < b <= 12:
            return None
        return year
    if g["m"]:
        mo = _num(g["m"])
        if mo is None or not 1 <= mo <= 12:
            return None
        if g["d"]:
            d = _num(g["d"])
            if d is None or not 1 <= d <= 31:
                return None
            return f"{year}-{mo:02d}-{d:02d}"
        return f"{year}-{mo:02d}"
    if g["hol"]:
        md = t.holidays[g["hol"]]
        if md == "spring":
            if year == "XXXX":
                return "XXXX-XX-XX"
            sf = t.spring.get(int(year))
            return sf if sf else f"{year}-XX-XX"
        return f"{year}-{md}"
    if g["yref"]:
        return year + t.year_periods[g["yref"]]
    return year if (g["y"] or g["ry"]) else None


def find_dates(text: str, pub: _dt.date | None = None, data_dir: str | None = None) -> list[DateMatch]:
    """Every DATE in ``text`` with its iso value, resolved against ``pub`` (the article's date)."""
    t = load_tables(data_dir)
    rx = _pattern(data_dir)
    vague_spans = [
        (m.start(), m.end()) for m in re.finditer(_alt(t.vague), text)
    ] if t.vague else []
    out: list[DateMatch] = []
    for m in rx.finditer(text):
        s, e = m.span()
        if e == s:
            continue
        g = m.groupdict()
        # a bare half-year or quarter (上半年, 四季度) takes the article's year; a bare
        # 年底 / 春季 / 底 names no year of its own and is left out
        if g["yref"] and not (g["y"] or g["ry"]) and t.year_periods[g["yref"]][:2] not in ("-H", "-Q") \
                and not g["yref"].startswith("前"):
            continue
        if any(vs < e and s < ve for vs, ve in vague_spans):
            continue
        iso = _value(m, pub, t)
        if iso is None:
            continue
        # 11月5日至10日: a bare day after a range word takes the year and month of the date before it
        if g["bd"] and out and out[-1].iso.count("-") == 2 and s - out[-1].end == 1 \
                and text[out[-1].end] in _RANGE_WORDS:
            iso = out[-1].iso[:8] + iso[8:]
        out.append(DateMatch(s, e, iso))
    return out


@Language.factory("newsextract_dates", default_config={"data_dir": None})
def make_dates(nlp: Language, name: str, data_dir: str | None) -> DateRecognizer:
    """DATE candidates (source ``rules:dates``) with ``{"iso"}`` values; word lists in ``data/dates``."""
    return DateRecognizer(data_dir)


class DateRecognizer:
    def __init__(self, data_dir: str | None = None) -> None:
        self.data_dir = data_dir
        load_tables(data_dir)
        _pattern(data_dir)

    def __call__(self, doc: Doc) -> Doc:
        found = find_dates(doc.text, pub_date(doc), self.data_dir)
        add_candidates(doc, [
            Candidate(d.start, d.end, "DATE", SOURCE, 1.0, {"iso": d.iso}) for d in found
        ])
        return doc
