"""PARK: a grammar for the names of industrial, technology and economic parks.

A park name is a *head* (``data/parks/heads.txt``: 产业园, 科技园, 工业园区,
高新区, 经济技术开发区, 自贸片区, 综合保税区, 动力谷, 信息港, 新区, 示范区,
特色小镇 …; the longest head at a position wins) with the modifiers written
before it that belong to the name — place, developer brand, industry words —
found by :func:`namegrammar.walk_left` (stop words, punctuation, a place
written with its administrative suffix, which is a separate LOC:
``六盘水市`` + ``两河新区``). ``江苏自贸区南京片区`` (a free-trade zone and its
area) is one name. A park written right after another is a name of its own
(``无锡国家高新区`` + ``物联网产业园``, even with generic words: ``贵安新区`` +
``大数据电子信息产业园``): the grammar does not run over another park's head;
but a bare head right after a park is that park's zone (``兰州新区综合保税区``,
one PARK). Where the name starts, beyond the walk:

- a place with its suffix stays when only generic words follow it
  (``沭阳县电商产业园``, ``芜湖市经济技术开发区``);
- a known government body is not a modifier (``国家税务总局`` +
  ``贵阳综合保税区``), nor a known company followed by a place and a proper
  name (``吉利汽车`` + ``宁波杭州湾新区``; a developer brand stays:
  ``中电光谷青岛产业园``), nor whatever precedes a known park's name
  unless it is a place (``吉林长春汽车经济技术开发区`` stays whole);
- a head that is also an ordinary word (``data/parks/weak_heads.txt``: 小镇)
  needs more than descriptive words (``梦想小镇``, not ``沿海小镇``).

After a park:

- an area of it (``data/parks/area_heads.txt``: 片区, 区块) with 2–4 characters
  of its own name is part of one PARK (镇江新区大港片区, as 江苏自贸区南京片区);

- a sub-park written right after it, with a head too common to stand alone
  (``data/parks/sub_heads.txt``: 园, 园区, 小镇): 中关村科技园区 + 海淀园, and
  each item of a list of them (金沙园、尤溪园、永安园); an ordinary word is none
  (``data/parks/not_sub_heads.txt``: 公园, 家园);
- a short name in brackets that abbreviates it, or a Latin name: 新竹科学园区 +
  竹科, 苏州生物医药产业园 + BioBAY (the resolver labels its later mentions;
  its body, 竹科管理局, is an ORG), not the park's town (北京经济技术开发区（亦庄）);
- the area of a free-trade zone named in full, written alone later
  (中国（福建）自由贸易试验区福州片区 … 福州片区);
- a road, bridge or station word (``data/parks/road_words.txt``): 开发区大道 is
  a road, no park.

Not parks:

- a bare head or one whose modifiers are all generic (``园区``, ``专业园区``,
  ``十大新兴产业专业园区``, ``现代农业产业园``, a bare ``综合保税区``);
- a plain urban 新城 (``data/parks/loc_heads.txt``): ``龙兴新城`` is a LOC,
  proposed as one, without a place before it (``重庆`` + ``龙兴新城``; an
  产业新城 is a PARK);
- a named airport, station or port of entry (``data/parks/facility_places.txt``)
  is a LOC, whole with its place (``郑州新郑国际机场``, ``深圳新皇岗口岸``), unless
  a bare head follows it: the zone named after it is one PARK
  (``北京大兴国际机场临空经济区``);
- a park name followed by the word for a body that runs it
  (``data/parks/org_suffixes.txt``): ``新津工业园区管委会`` is an ORG, and this
  recogniser proposes it as one.

Coordinated lists: when items joined by 、/和/及 are summed up as parks in
generic words (``青岛光谷软件园、青岛研发中心、青岛海洋科技园和青岛中电信息港四个科技产业园区``,
``…、国际经济合作区等功能区``, ``丝路软件城、软件新城两大功能区``; not ``…等企业入驻园区``) and at least half of
the items are parks (or all are short names, 2–4 characters, that are not
places: ``张江、临港、漕河泾等集成电路产业园区``), every item is a PARK, with or
without a head word; so is a list whose every item ends in a park or sub-park
head (``安东园、五里园、食品园和集成电路产业园四个园区``). Short forms that are
industries are not parks (``食品加工、新型材料等专业园区``).

Candidates have source ``rules:parks``; the resolver ranks them with the other
rules (see :mod:`newsextract.resolve`).
"""

from __future__ import annotations

import bisect
import re
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from ..candidates import Candidate, add_candidates
from . import namegrammar as ng

PARKS_DIR = ng.DATA / "parks"
# 江苏自贸区南京片区, 中国(山东)自由贸易试验区青岛片区: a zone and its area are one name
# (the area is a name: 自贸试验区的三个片区 is not one)
_AREA = r"(?:自由贸易试验区|自贸试验区|自贸区)(?:(?![的个和与及等各一二三四五六七八九十两])[\u4e00-\u9fff]){2,8}片区"
# the area's own name at the end of a zone + area name (…自由贸易试验区福州片区 → 福州片区)
_AREA_END = re.compile(r"(?:自由贸易试验区|自贸试验区|自贸区)((?:(?![的个和与及等各])[\u4e00-\u9fff]){2,8}片区)")
# 禅城园、南海园、顺德园: places written with 园 (or 园区), joined by 、
_PLACE_PARKS = re.compile(r"(?:[\u4e00-\u9fff]{2,4}?园区?、){2,}[\u4e00-\u9fff]{2,4}?园区?")
_NUM = r"[一二三四五六七八九十两\d]+"
# a park's short name in brackets right after it: 苏州生物医药产业园（BioBAY）, 新竹科学园区（竹科）
_SHORT_NAME = re.compile(r"[(（](?!以下|简称|下称|原)([A-Za-z][A-Za-z\-]{1,15}|[\u4e00-\u9fff]{2,6})[)）]")
_ITEM = r"[^，。；：、,;:\s“”\"（）()和及与等]{2,20}"
_LIST = re.compile(
    rf"({_ITEM}(?:、{_ITEM})+(?:(?:和|及|与|以及){_ITEM})?|{_ITEM}(?:和|及|与){_ITEM})"
    rf"(?:{_NUM}[个大][^，。；、]{{0,6}}(?:园区|功能区|小镇)|等[^，。；、]{{0,8}}(?:园区|功能区|片区|小镇))"
)


def _tokens_within(spans: list[tuple[int, int]], start: int, end: int) -> list[tuple[int, int]]:
    """The tokens of ``spans`` (sorted, as jieba gives them) that lie within ``[start, end)``."""
    i = bisect.bisect_left(spans, (start, -1))
    out = []
    while i < len(spans) and spans[i][1] <= end:
        out.append(spans[i])
        i += 1
    return out


def _compile_heads(heads: list[str]) -> re.Pattern[str]:
    alts = sorted(set(heads), key=len, reverse=True)
    # a head ending in 园 may be written with 区 (科技产业园区, 工业园区)
    return re.compile(rf"{_AREA}|" + "|".join(re.escape(h) + ("区?" if h.endswith("园") else "") for h in alts))


@Language.factory(
    "newsextract_parks",
    default_config={"heads": None, "org_suffixes": None, "max_len": 16},
)
def make_parks(nlp: Language, name: str, heads: str | None, org_suffixes: str | None,
               max_len: int) -> ParkRecognizer:
    """PARK names from a head-word grammar (see module docstring); ``heads``/``org_suffixes`` are word-list files."""
    return ParkRecognizer(
        Path(heads) if heads else PARKS_DIR / "heads.txt",
        Path(org_suffixes) if org_suffixes else PARKS_DIR / "org_suffixes.txt",
        max_len,
    )


class ParkRecognizer:
    def __init__(self, heads: Path, org_suffixes: Path, max_len: int = 16) -> None:
        from .. import segment

        for path in (heads, org_suffixes):
            if not path.is_file():
                raise FileNotFoundError(f"newsextract_parks: word list not found: {path}")
        self.heads = ng.read_list(heads)
        loc_heads = heads.parent / "loc_heads.txt"
        self.loc_heads = set(ng.read_list(loc_heads)) if loc_heads.is_file() else set()
        weak = heads.parent / "weak_heads.txt"
        self.weak_heads = set(ng.read_list(weak)) if weak.is_file() else set()
        sub = heads.parent / "sub_heads.txt"
        sub_heads = sorted(ng.read_list(sub), key=len, reverse=True) if sub.is_file() else []
        alts = "|".join(map(re.escape, sub_heads))
        # 2–6 name characters, then the nearest sub-park head (海淀园, 清水河配套园区)
        self.sub_re = re.compile(rf"((?:(?!{alts})[\u4e00-\u9fff]){{2,6}}?)({alts})") if alts else None
        areas = heads.parent / "area_heads.txt"
        area_heads = sorted(ng.read_list(areas), key=len, reverse=True) if areas.is_file() else []
        # a zone's area right after it: 2–4 name characters and an area head (大港片区, 前湾区块)
        self.area_re = re.compile(
            r"(?:(?![的个和与及等])[\u4e00-\u9fff]){2,4}(?:" + "|".join(map(re.escape, area_heads)) + ")"
        ) if area_heads else None
        not_sub = heads.parent / "not_sub_heads.txt"
        self.not_sub = tuple(ng.read_list(not_sub)) if not_sub.is_file() else ()
        stops = heads.parent / "park_stops.txt"
        self.park_stops = frozenset(ng.read_list(stops)) if stops.is_file() else frozenset()
        roads = heads.parent / "road_words.txt"
        self.road_words = frozenset(ng.read_list(roads)) if roads.is_file() else frozenset()
        facilities = heads.parent / "facility_places.txt"
        self.facility_heads = set(ng.read_list(facilities)) if facilities.is_file() else set()
        self.head_re = _compile_heads([*self.heads, *self.loc_heads, *self.facility_heads])
        suffixes = sorted(ng.read_list(org_suffixes), key=len, reverse=True)
        self.org_re = re.compile("|".join(map(re.escape, suffixes)))
        self.max_len = max_len
        segment.configure_jieba(words=self.heads)

    def find(self, text: str, spans: list[tuple[int, int]]) -> list[Candidate]:
        out: list[Candidate] = []
        head_ends: list[int] = []
        park_ends: set[int] = set()
        facility_ends: dict[int, int] = {}  # end of a named airport/port → its index in ``out``
        for m in self.head_re.finditer(text):
            hs, he = m.span()
            walked = ng.walk_left(text, spans, hs, self.max_len, extra_stop=self.park_stops, stop_verbs=True)
            # a name does not run over another park head (…信息港四个科技产业园区)
            start = max([walked, *(x for x in head_ends if walked < x <= hs)])
            head_ends.append(he)
            start = ng.bracketed_place(text, spans, start)
            if start == hs and hs in facility_ends and m.group() in self.heads:
                # a zone named after an airport or port is one PARK: 北京大兴国际机场临空经济区
                i = facility_ends.pop(hs)
                out[i] = Candidate(out[i].start, he, "PARK", "rules:parks", 1.0)
                park_ends.add(he)
                continue
            if start == hs and hs in park_ends and m.group() not in self.loc_heads | self.facility_heads:
                # a bare head right after a park is that park's zone: 兰州新区综合保税区 (one PARK)
                prev = next((i for i in range(len(out) - 1, -1, -1)
                             if out[i].end == hs and out[i].label == "PARK"), None)
                if prev is not None:
                    out[prev] = self._park_or_body(text, out[prev].start, he)  # 绵阳科技城新区管委会: ORG
                    if out[prev].label == "PARK":
                        park_ends.add(he)
                continue
            if start == hs:
                start = self._place_before_generic(text, spans, start, hs)  # 芜湖市经济技术开发区
            if start == hs and not (m.group().endswith("片区") and len(m.group()) > 4):
                org = self.org_re.match(text, he)
                if org and m.group() in self.heads and (hs == 0 or not ng.is_name_piece(text[hs - 1])
                                                        or hs in {e for _, e in spans}):
                    # the definite short form of a park's body: 经开区管委会, 示范区管委会 (ORG)
                    out.append(Candidate(hs, org.end(), "ORG", "rules:parks", 0.85))
                continue  # a bare head; a zone with its area (自由贸易试验区青岛片区) is a name alone
            start = self._place_before_generic(text, spans, start, hs)
            body_start = start  # a body's name keeps its parent body: 国家税务总局贵阳综合保税区税务局
            start = self._after_known_org(text, spans, start, hs)
            start = ng.known_name_start(text, start, hs, he, "PARK")  # 吉利汽车 + 宁波杭州湾新区
            start = self._after_company_site(text, spans, start, hs)
            words = ng.modifier_words(text, spans, start, hs)
            if self._follower(text, spans, he) in self.road_words:
                continue  # 开发区大道: a road named after the park; 云谷寺: a temple
            if m.group() in self.weak_heads and not ng.has_proper_word(words):
                continue  # 沿海小镇, 欧式小镇
            if start < hs and not ng.is_distinctive(words) and start not in park_ends:
                continue  # generic (现代农业产业园), unless right after a park: 贵安新区 + 大数据电子信息产业园
            org = self.org_re.match(text, he)
            if org:
                out.append(Candidate(min(start, body_start), org.end(), "ORG", "rules:parks", 0.9))
            elif m.group() in self.facility_heads:
                facility_ends[he] = len(out)
                out.append(Candidate(start, he, "LOC", "rules:parks", 0.9))  # 郑州新郑国际机场: one LOC
            elif m.group() in self.loc_heads:
                # adjacent places are separate LOCs: 重庆 + 龙兴新城
                places = ng.lexicon().places
                lead = ng.leading_place(text[start:hs], places, max_len=6)
                out.append(Candidate(start + lead, he, "LOC", "rules:parks", 0.9))
            else:
                out.append(Candidate(start, he, "PARK", "rules:parks", 1.0))
                park_ends.add(he)
        areas = self._areas(text, spans, out)
        out.extend(self._sub_parks(text, spans, out))
        out.extend(self._bracketed_short_names(text, out))
        out.extend(self._area_short_names(text, out, areas))
        out.extend(self._lists(text, spans, out))
        out.extend(self._place_park_lists(text, out))
        return out

    def _place_park_lists(self, text: str, parks: list[Candidate]) -> list[Candidate]:
        """Three or more places each written with 园 or 园区, joined by 、, are the parks of one
        zone (一区五园: 禅城园、南海园、顺德园、高明园、三水园; one item may be a place the lists
        lack); a place alone with 园 is not enough (南海园 may be a garden)."""
        places = ng.lexicon().places
        taken = [(c.start, c.end) for c in parks]
        out = []
        for m in _PLACE_PARKS.finditer(text):
            items = ng.list_items(text, *m.span())
            named = sum(text[s:e].removesuffix("区").removesuffix("园") in places for s, e in items)
            if len(items) < 3 or named < len(items) - 1:
                continue  # all places but at most one (高明园: 高明 is no listed short form)
            out += [Candidate(s, e, "PARK", "rules:parks", 0.9) for s, e in items
                    if not any(a < e and s < b for a, b in taken)]
        return out

    def _park_or_body(self, text: str, start: int, end: int, score: float = 1.0) -> Candidate:
        """The PARK ``text[start:end]``, or with the word for its body after it
        (``data/parks/org_suffixes.txt``) the ORG of that body (…管委会)."""
        org = self.org_re.match(text, end)
        if org:
            return Candidate(start, org.end(), "ORG", "rules:parks", 0.9)
        return Candidate(start, end, "PARK", "rules:parks", score)

    def _bracketed_short_names(self, text: str, parks: list[Candidate]) -> list[Candidate]:
        """A short name in brackets right after a park's name is that park's name too:
        苏州生物医药产业园（BioBAY）, 新竹科学园区（竹科）; the resolver then labels its later
        mentions. A Chinese short name abbreviates the name (its characters are the name's, in
        order: 竹科), so 北京经济技术开发区（亦庄）, the park's town, is none; nor is a place,
        a generic or descriptive word (筹, 试行, 一期) or a number."""
        lex = ng.lexicon()
        out = []
        for c in parks:
            if c.label != "PARK":
                continue
            m = _SHORT_NAME.match(text, c.end)
            if m is None:
                continue
            name = m.group(1)
            if not name.isascii() and not ng.abbreviates(name, text[c.start:c.end]):
                continue  # 北京经济技术开发区（亦庄）: where the park is, not its short name
            if (name in lex.places or lex.known.get(name, "PARK") != "PARK" or "期" in name
                    or ng.splits_into(name, ng.is_generic_word) or lex.tags.get(name) in ng.DESCRIPTIVE_TAGS):
                continue
            out.append(Candidate(m.start(1), m.end(1), "PARK", "rules:parks", 0.9))
            # its body, named by the short name, is an ORG (竹科管理局), as after a full name
            for later in re.finditer(re.escape(name), text[m.end():]):
                org = self.org_re.match(text, m.end() + later.end())
                if org:
                    out.append(Candidate(m.end() + later.start(), org.end(), "ORG", "rules:parks", 0.9))
        return out

    def _area_short_names(self, text: str, parks: list[Candidate], areas: list[str]) -> list[Candidate]:
        """An area of a free-trade zone or of another zone, once named in full with its zone
        (中国（福建）自由贸易试验区福州片区, 哈尔滨新区平房片区: ``areas``), is a PARK where the
        text writes it alone (福州片区, 平房片区; its 管委会 an ORG); alone and never with its
        zone, a place with 片区 is an ordinary planning word (城东片区) and not labelled."""
        taken = sorted((c.start, c.end) for c in parks)
        out: list[Candidate] = []
        names = list(areas)
        for c in parks:
            m = _AREA_END.search(text, c.start, c.end) if c.label == "PARK" else None
            if m is not None and m.end() == c.end:
                names.append(m.group(1))
        for area in dict.fromkeys(names):
            for later in re.finditer(re.escape(area), text):
                s, e = later.span()
                if not any(a < e and s < b for a, b in taken):
                    out.append(self._park_or_body(text, s, e, 0.9))  # 霍尔果斯片区管委会: an ORG
                    taken.append((s, out[-1].end))
        return out

    def _areas(self, text: str, spans: list[tuple[int, int]], parks: list[Candidate]) -> list[str]:
        """A zone's area written right after it is one PARK with it (``data/parks/area_heads.txt``):
        镇江新区大港片区, 中国（浙江）自由贸易试验区宁波片区前湾区块. Extends ``parks`` in place;
        returns the areas' own names (大港片区)."""
        if self.area_re is None:
            return []
        found: list[str] = []
        ends = {e for _, e in spans}
        for i, c in enumerate(parks):
            if c.label != "PARK":
                continue
            m = self.area_re.match(text, c.end)
            if m and m.end() in ends and not any(o.start < m.end() and c.end < o.end for o in parks):
                parks[i] = self._park_or_body(text, c.start, m.end(), c.score)  # with its 管委会: an ORG
                found.append(m.group())
        return found

    def _sub_parks(self, text: str, spans: list[tuple[int, int]], parks: list[Candidate]) -> list[Candidate]:
        """A sub-park written right after its park (``data/parks/sub_heads.txt``): 中关村科技园区 +
        海淀园, and each item of a list of them (金沙园、尤溪园、永安园). Its modifiers must all be
        name words (the grammar's walk reaches the park's end) and its last word not an ordinary
        one (``data/parks/not_sub_heads.txt``: 公园, 家园). Followed by the word for a body, the
        park and its sub-park are one ORG (中关村科技园区海淀园管委会)."""
        if self.sub_re is None:
            return []
        extra: list[Candidate] = []
        taken = sorted((c.start, c.end) for c in parks)
        ends = {c.end: i for i, c in enumerate(parks) if c.label == "PARK"}
        token_ends = {e for _, e in spans}
        for pe in sorted(ends):
            pos = pe
            while (m := self.sub_re.match(text, pos)) is not None:
                hs, he = m.span(2)
                last = next((text[s:e] for s, e in _tokens_within(spans, pos, he) if e == he), "")
                if (he not in token_ends or (len(last) > he - hs and last.endswith(self.not_sub))
                        or ng.walk_left(text, spans, hs, self.max_len, extra_stop=self.park_stops, stop_verbs=True) > pos
                        or any(s < he and pos < e for s, e in taken)):
                    break
                org = self.org_re.match(text, he)
                if org and pos == pe:
                    park = parks[ends[pe]]
                    parks[ends[pe]] = Candidate(park.start, org.end(), "ORG", "rules:parks", 0.9)
                    break
                extra.append(Candidate(pos, he, "PARK", "rules:parks", 0.95))
                if not text.startswith("、", he):
                    break
                pos = he + 1
        return extra

    def _lists(self, text: str, spans: list[tuple[int, int]], parks: list[Candidate]) -> list[Candidate]:
        """Items of a list summed up as parks (see module docstring)."""
        found = {(c.start, c.end) for c in parks if c.label == "PARK"}
        extra: list[Candidate] = []
        for m in _LIST.finditer(text):
            body_start, body_end = m.span(1)
            items = ng.list_items(text, body_start, body_end)
            # the first item: its name starts where the grammar says (布局青岛光谷软件园 → 青岛光谷软件园)
            first_s, first_e = items[0]
            heads = [c for c in parks if c.label == "PARK" and c.end == first_e and c.start >= first_s]
            items[0] = (heads[0].start, first_e) if heads else (ng.walk_left(text, spans, first_e, stop_verbs=True), first_e)
            # the summing-up words are generic (四个科技产业园区, 等功能区), not 等企业入驻园区,
            # and at least half of the items are parks already
            tail_s, tail_e = body_end, m.end()
            filler = re.sub(rf"^等?(?:{_NUM}[个大])?|(?:园区|功能区|片区|小镇)$", "", text[tail_s:tail_e])
            if filler and not ng.splits_into(filler, ng.lexicon().generic.__contains__):
                continue
            # or short forms that the text counts as parks: 张江、临港、漕河泾等集成电路产业园区
            short = bool(filler) and text.endswith("园区", tail_s, tail_e) and self._short_forms(text, items)
            # or every item ends in a park head or a sub-park head: 安东园、五里园、食品园和集成电路产业园四个园区
            headed = all(self.head_re.search(text, s, e) or self.sub_re and self.sub_re.fullmatch(text, s, e)
                         for s, e in items)
            if 2 * sum(it in found for it in items) < len(items) and not short and not headed:
                continue
            for s, e in items:
                if (s, e) in found or any(a < e and s < b for a, b in found):
                    continue  # a park already, or one inside it (苏州工业园区 + 人工智能产业园)
                if e - s >= (2 if short else 3) and ng.is_name_piece(text[s:e]):
                    extra.append(Candidate(s, e, "PARK", "rules:parks", 0.95))
        return extra

    @staticmethod
    def _follower(text: str, spans: list[tuple[int, int]], he: int) -> str:
        """The word after a head ending at ``he``: the rest of the jieba token the head ends
        inside (云谷寺 → 寺), else the next token (开发区 / 大道 → 大道)."""
        i = bisect.bisect_right(spans, (he, len(text) + 1)) - 1  # the token starting at or before he
        return text[he:spans[i][1]] if i >= 0 and he < spans[i][1] else ""

    @staticmethod
    def _place_before_generic(text: str, spans: list[tuple[int, int]], start: int, hs: int) -> int:
        """A place with its administrative suffix right before generic words and a head is part
        of the name (沭阳县电商产业园, 芜湖市经济技术开发区: without it there is no name);
        before a name of its own it is a LOC (六盘水市 + 两河新区)."""
        if start < 2 or (start < hs and ng.is_distinctive(ng.modifier_words(text, spans, start, hs))):
            return start
        if start == hs and not any(e == start for _, e in _tokens_within(spans, max(0, start - 8), start)):
            return start  # the place must end where a token ends
        places = ng.lexicon().places
        p = ng.trailing_place(text, start, places, max_len=6, admin_only=True)
        if p is None or text[p:start].endswith(("省", "自治区")):
            return start  # a province before generic words names a category, not a park (浙江省特色小镇)
        # a higher place without its suffix written before it belongs too: 湖南 + 澧县经济开发区
        q = ng.trailing_place(text, p, places, floor=max(0, p - 3), max_len=3)
        return q if q is not None and not places[text[q:p]] else p

    @staticmethod
    def _after_company_site(text: str, spans: list[tuple[int, int]], start: int, hs: int) -> int:
        """A known company followed by a place and a proper name (a word jieba does not know
        or tags as a name) is the company whose site the park is, not the park's developer
        brand: 吉利汽车 + 宁波杭州湾新区 (but 中电光谷青岛产业园, 星巴克中国咖啡创新产业园
        and 海尔卡奥斯工业互联网生态园 keep their brand)."""
        lex = ng.lexicon()
        words = _tokens_within(spans, start, hs)
        for i, (_s, e) in enumerate(words):
            if lex.known.get(text[start:e]) != "COMPANY" or i + 1 >= len(words):
                continue
            place_s, place_e = words[i + 1]
            rest = [text[a:b] for a, b in words[i + 2:]]
            if text[place_s:place_e] in lex.places and any(
                    not ng.is_generic_word(w) and lex.tags.get(w) in (None, *ng.NAME_TAGS) for w in rest):
                return place_s
            break
        return start

    @staticmethod
    def _after_known_org(text: str, spans: list[tuple[int, int]], start: int, hs: int) -> int:
        """A known government body is not a park's modifier: 国家税务总局 + 贵阳综合保税区
        (an organisation in a park's name stays: 中国—东盟信息港)."""
        known = ng.lexicon().known
        for s, e in _tokens_within(spans, start, hs):
            if known.get(text[s:e]) == "ORG" and text[e - 1] in "局部委院会署厅办府":
                start = e
        return start

    @staticmethod
    def _short_forms(text: str, items: list[tuple[int, int]]) -> bool:
        """Every item is a short name (2–4 characters) and none is a place of the place list
        (北京、上海等地 are places, not parks) or generic words (食品加工、新型材料等专业园区 are
        industries)."""
        places = ng.lexicon().places
        return all(2 <= e - s <= 4 and text[s:e] not in places and ng.is_name_piece(text[s:e])
                   and not ng.splits_into(text[s:e], ng.is_generic_word)  # 食品加工、新型材料等专业园区
                   for s, e in items)

    def __call__(self, doc: Doc) -> Doc:
        add_candidates(doc, self.find(doc.text, ng.token_spans(doc)))
        return doc
