"""COMPANY rules beside the statistical NER, and government bodies as ORG.

Three patterns, word lists in ``data/companies/``:

1. **Legal and group suffixes** (``suffixes.txt``: 有限公司, 股份有限公司, 集团,
   公司, 分公司 …) end a company name; the modifiers before the suffix are found
   by :func:`namegrammar.walk_left` (``天威四川硅业有限责任公司``,
   ``中国化工集团``, ``西部航空郑州分公司``). A modifier made only of generic
   words (``generic_company.txt``: ``该公司``, ``上市公司``, ``投资公司``) is not a
   name. Words of a financial or property business (``industry_suffixes.txt``:
   银行, 分行, 证券, 地产 …) end a name too when a proper name or a place
   stands before them (``东兴证券``, ``北京银行``, ``光大银行长春分行``; not
   ``商业银行``), a little weaker than a gazetteer entry (``世界银行`` is an ORG).
2. **Facility words** (``facilities.txt``: 基地, 华东基地, 制造厂, 模组厂房,
   总部, 项目 …) follow a company name and are not part of it. The name before
   them loses a trailing place, which becomes a LOC (``一汽-大众华东基地`` →
   COMPANY ``一汽-大众`` + LOC ``华东``), and product words (``products.txt``:
   ``一汽解放商用车基地`` → ``一汽解放``); a leading place is split off as a
   LOC when the rest is a known company (``青岛京东方项目`` → LOC ``青岛`` +
   COMPANY ``京东方``; ``福建万达光电`` stays whole). For facility words marked
   ``known`` (项目) only a company already in a gazetteer counts, otherwise the
   name must hold a proper-noun token (jieba tags nz/nt/nr/j/ns, or a word
   jieba does not know). A name ending in a park head is left to the park
   grammar (as is one with a park head inside: ``长沙经开区星沙产业基地``).
   A name that starts with a known company is the brand with its
   business line (``奥迪一汽新能源汽车项目`` → ``奥迪一汽新能源汽车``).
   A known company run on by words that jieba does not know is one name
   (``浪潮乐金``, ``一汽弗迪``).
3. **Government bodies** (``org_bodies.txt``, ``gov_departments.txt``):
   ``市政府``, ``省委宣传部``, ``发改局``, ``市商务局``, ``园区管委会``, with the
   place before them (``烟台市政府``, ``合肥市委``, ``长沙县发改局``) → ORG.
4. **Media outlets and institutions** (``media_suffixes.txt``: 日报, 商报网,
   资讯网, 频道 …; ``org_suffixes.txt``: 研究院, 大学, 协会, 管委会 …) with a
   distinctive name before them (``香港商报网``, ``人民网-安徽频道``,
   ``齐鲁中科现代微生物技术研究院``) → ORG; a place written with its
   administrative suffix before the name stays a LOC of its own.

6. **Investors**: the name right after an investment amount and 的
   (``总投资5亿元的正威国际新材料项目`` → ``正威国际``, ``德国库尔新材料车体项目``
   → LOC ``德国`` + ``库尔``, ``中德博佩`` → ``博佩``), when it is a word jieba does
   not know or a proper noun, and what follows is industry words and 项目 or a
   verb of settling (落户, 开工); not ``新能源汽车项目``, ``青岛港项目``.
5. **Agencies** (``agency_suffixes.txt``: 局, 委员会, 法院, 署 …): a place or
   an agency prefix (``agency_prefixes.txt``: 国家, 最高人民, 全国人大 …), then
   only descriptive words, then the suffix → one ORG with the place
   (``北京市消防局``, ``泗水县文化市场综合执法局``, ``美国证券交易委员会``,
   ``国家邮政局``, ``最高人民法院``). A proper name between the place and the
   suffix (another place, a park) makes the place a LOC of its own, and the
   name is left to the other rules (``天津市`` + ``宝坻石桥工业园区管理委员会``);
   ordinary words ending in a suffix are not agencies (``not_agencies.txt``:
   格局, 当局, 签署). A government body a gazetteer knows, with the country
   or place written right before it, is one ORG too (``美国教育部``,
   ``中国商务部``).

7. **Lists summed up as companies**: the items of ``A、B、C等(龙头)企业``
   (or 公司, 品牌, 车企, 药企, 厂商) are companies when one of them is already
   (a candidate of the rules above or a known company) and each item is a
   name, not a place or generic words (``百济神州、基石药业、亚盛医药等企业``;
   not ``汽车、家电等企业``).

8. **Units of a body**: a unit written right after a body's ORG
   (``sub_units.txt``: 分局, 局, 处, 办公室, 支队 …), with only a place or remit
   words between, makes one ORG with it (``台州市生态环境局临海分局``,
   ``西安高新区管委会经济发展局``: the park's 管委会 comes from the park grammar,
   which runs before this recogniser); a title is no unit (``财政局局长``).

Source ``rules:companies``.
"""

from __future__ import annotations

import bisect
import csv
import re
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from ..candidates import Candidate, add_candidates, get_candidates
from ..wordlists import read_rows
from . import namegrammar as ng

COMPANIES_DIR = ng.DATA / "companies"
SOURCE = "rules:companies"
# 总投资5亿元的 / 投资26亿元的 / 总投资6000万欧元的: what follows names the investor's project
_INVESTMENT = re.compile(
    r"投资(?:额)?(?:约|近|超|超过|达)?[0-9.０-９一二三四五六七八九十百千两]+(?:多|余)?"
    r"(?:万|亿|千万|百万)*(?:元|美元|欧元|日元|港元|英镑)?的"
)
# 百济神州、基石药业、亚盛医药等(龙头)企业: a list summed up as companies
_CO_ITEM = r"[^，。；：、,;:\s“”\"（）()《》和及与等]{2,12}"
_COMPANY_LIST = re.compile(
    rf"({_CO_ITEM}(?:、{_CO_ITEM})+(?:(?:和|及|与|以及){_CO_ITEM})?)"
    r"等[^，。；、\s]{0,6}?(?:企业|公司|品牌|车企|药企|厂商|厂家)"
)
# a company's short name in brackets right after it: 深圳市投资控股有限公司（深投控）
_SHORT_NAME = re.compile(r"[(（]([\u4e00-\u9fff]{2,5})[)）]")
_VENTURE = set("德美日韩法英欧俄新港台澳意荷瑞")  # 中德博佩: a Sino-German venture named 博佩
_NAME_WORD = re.compile(r"^[\u4e00-\u9fffA-Za-z][\u4e00-\u9fffA-Za-z0-9]*$")
_NAME_TAILS = {"国际", "科技", "电子", "控股", "实业", "集团", "股份"}
# endings of the known ORG names that a place before them belongs to (美国教育部, 日本央行 not: 行)
_BODY_ENDINGS = ("部", "局", "署", "委", "委员会", "常委会", "院", "办")


@Language.factory("newsextract_companies", default_config={"data_dir": None, "max_len": 20})
def make_companies(nlp: Language, name: str, data_dir: str | None, max_len: int) -> CompanyRecognizer:
    """COMPANY names from suffixes and facility words, ORG for government bodies (see module docstring)."""
    return CompanyRecognizer(Path(data_dir) if data_dir else COMPANIES_DIR, max_len)


class CompanyRecognizer:
    def __init__(self, data_dir: Path, max_len: int = 20) -> None:
        from .. import segment

        def need(name: str) -> Path:
            path = data_dir / name
            if not path.is_file():
                raise FileNotFoundError(f"newsextract_companies: word list not found: {path}")
            return path

        self.suffixes = ng.read_list(need("suffixes.txt"))
        self.suffix_re = re.compile("|".join(map(re.escape, sorted(self.suffixes, key=len, reverse=True))))
        with need("facilities.txt").open(encoding="utf-8") as fh:
            rows = [r for r in csv.DictReader(line for line in fh if not line.startswith("#"))]
        self.facility_mode = {r["word"].strip(): r["mode"].strip() for r in rows if r.get("word")}
        self.facility_re = re.compile(
            "|".join(map(re.escape, sorted(self.facility_mode, key=len, reverse=True)))
        )
        self.generic = frozenset(ng.read_list(need("generic_company.txt")))
        self.products = sorted(ng.read_list(need("products.txt")), key=len, reverse=True)
        bodies = sorted(ng.read_list(need("org_bodies.txt")), key=len, reverse=True)
        depts = sorted(ng.read_list(need("gov_departments.txt")), key=len, reverse=True)
        dept = "|".join(map(re.escape, depts))
        self.body_re = re.compile(
            r"[省市区县](?:" + "|".join(map(re.escape, bodies)) + rf")(?:{dept})?|(?:园区|[省市区县])?(?:{dept})"
        )
        media = sorted(ng.read_list(need("media_suffixes.txt")) + ng.read_list(need("org_suffixes.txt")),
                       key=len, reverse=True)
        self.media_re = re.compile("|".join(map(re.escape, media)))
        self.generic_institutions = tuple(ng.read_list(need("generic_institutions.txt")))
        lines = data_dir / "business_lines.txt"
        self.business_lines = frozenset(ng.read_list(lines)) if lines.is_file() else frozenset()
        self.business_lines_re = re.compile("|".join(map(re.escape, sorted(self.business_lines, key=len,
                                                                           reverse=True)))) \
            if self.business_lines else None
        industry = sorted(ng.read_list(need("industry_suffixes.txt")), key=len, reverse=True)
        self.industry_re = re.compile("|".join(map(re.escape, industry)))
        agency = sorted(ng.read_list(need("agency_suffixes.txt")), key=len, reverse=True)
        self.agency_re = re.compile("|".join(map(re.escape, agency)))
        credits = read_rows(need("media_credits.txt"))
        endings = "|".join(re.escape(w) for kind, w in credits if kind == "ending")
        words = "|".join(re.escape(w) for kind, w in sorted(credits, key=lambda r: -len(r[1])) if kind == "credit")
        # 海峡网5月18日讯, 绵阳台记者: a short outlet name where a credit follows it
        self.credit_re = re.compile(
            rf"([\u4e00-\u9fff]{{2,4}}?(?:{endings}))(?=(?:\d{{1,2}}月\d{{1,2}}日)?(?:{words}))"
        ) if endings and words else None
        units = sorted(ng.read_list(need("sub_units.txt")), key=len, reverse=True)
        self.units = tuple(units)  # longest first
        self.agency_prefixes = frozenset(ng.read_list(need("agency_prefixes.txt")))
        self.not_agencies = tuple(ng.read_list(need("not_agencies.txt")))
        self.left_stops = frozenset(ng.read_list(need("left_stops.txt")))
        self.media_stops = self.left_stops | frozenset(self.suffixes)
        self.industry_words = tuple(ng.read_list(need("industry_words.txt")))
        self.joiners = tuple(ng.read_list(need("joiners.txt")))
        self.name_ends = frozenset(ng.read_list(need("name_ends.txt")))
        from .gazetteer import country_names

        self.countries = {c: False for c in country_names()}
        self.park_heads = tuple(ng.read_list(ng.DATA / "parks" / "heads.txt"))
        self.max_len = max_len
        from .gazetteer import CharMatcher

        self.brands = CharMatcher({
            n: (lab, "") for n, lab in ng.lexicon().known.items() if lab == "COMPANY" and len(n) >= 2
        })
        # known government bodies, which a country or place before them names (美国 + 教育部)
        self.known_bodies = CharMatcher({
            n: (lab, "") for n, lab in ng.lexicon().known.items()
            if lab == "ORG" and len(n) >= 2 and n.endswith(_BODY_ENDINGS)
        })
        segment.configure_jieba(words=self.suffixes)

    # -- 1. suffixes -----------------------------------------------------------
    def _suffixed(self, text: str, spans: list[tuple[int, int]]) -> list[Candidate]:
        out = []
        lex = ng.lexicon()
        for m in self.suffix_re.finditer(text):
            ss, se = m.span()
            # a name does not run over another's legal suffix (…集团有限公司联合陕煤集团), except a
            # branch written after its company's full name
            stops = self.left_stops if m.group() in ("分公司", "子公司") else self.media_stops
            start = ng.walk_left(text, spans, ss, self.max_len, admin_places=False, extra_stop=stops)
            start = ng.bracketed_place(text, spans, start)  # 三星(中国)半导体有限公司
            start = self._after_joiner(text, start)
            start = ng.known_name_start(text, start, ss, se, "COMPANY")  # 希望 + 三一集团
            if start == ss:
                continue
            words = ng.modifier_words(text, spans, start, ss)
            if all(w in self.generic or w in lex.generic or w in lex.stopwords for w in words) \
                    and not ng.contains_place(words):
                continue
            lead = ng.leading_place(text[start:ss], self.countries, max_len=5)
            if lead and (lex.known.get(text[start + lead:ss]) == "COMPANY"
                         or lex.known.get(text[start + lead:se]) == "COMPANY"):
                # 韩国三星集团: a nationality before a known company is a LOC of its own
                # (新加坡金航集团, a name that says where the company is from, stays whole)
                out.append(Candidate(start, start + lead, "LOC", SOURCE, 0.9))
                start += lead
            out.append(Candidate(start, se, "COMPANY", SOURCE, 1.0))
        return out

    @staticmethod
    def short_names(text: str, found: list[Candidate]) -> list[Candidate]:
        """A short name in brackets right after a company's full name that abbreviates it (its
        characters in order): 深圳市投资控股有限公司（深投控）; the resolver labels its later
        mentions. Not a place in brackets (三星（中国）…), which the suffix rule keeps inside."""
        lex = ng.lexicon()
        out = []
        for c in found:
            if c.label != "COMPANY" or c.end - c.start < 6:
                continue
            m = _SHORT_NAME.match(text, c.end)
            if m and ng.abbreviates(m.group(1), text[c.start:c.end]) and m.group(1) not in lex.places:
                out.append(Candidate(m.start(1), m.end(1), "COMPANY", SOURCE, 0.85))
        return out

    def _after_joiner(self, text: str, start: int) -> int:
        """Where a name starts after a joiner (联合) that follows another name (see joiners.txt),
        or that a place or a known name follows (园区正联合苏州大学: the verb, not 联合大学)."""
        lex = ng.lexicon()
        for j in self.joiners:
            if not text.startswith(j, start):
                continue
            rest = start + len(j)
            if (start > 0 and text[start - 1] in self.name_ends) \
                    or ng.leading_place(text[rest:rest + 9], lex.places, max_len=8) \
                    or any(text[rest:rest + k] in lex.known for k in range(2, 9)):
                return rest
        return start

    # -- 1b. industry suffixes ----------------------------------------------------
    def _industry(self, text: str, spans: list[tuple[int, int]]) -> list[Candidate]:
        lex = ng.lexicon()
        starts = {a for a, _ in spans}
        ends = {b for _, b in spans}
        out = []
        for m in self.industry_re.finditer(text):
            ss, se = m.span()
            if ss not in starts or se not in ends:
                continue  # 房地产, 银行业
            start = ng.walk_left(text, spans, ss, 14, admin_places=False, extra_stop=self.left_stops)
            if start == ss:
                continue
            words = ng.modifier_words(text, spans, start, ss)
            if not (self._proper(text, spans, start, ss) or ng.contains_place(words)):
                continue  # 商业银行, 投资银行
            # a branch of a known organisation is that organisation: 中国人民银行石家庄中心支行
            org = any(lex.known.get(text[start:k]) == "ORG" for k in range(ss, start + 1, -1))
            out.append(Candidate(start, se, "ORG" if org else "COMPANY", SOURCE, 0.95))
        return out

    # -- 1c. business lines of listed companies ------------------------------------
    def _business_lines(self, text: str, spans: list[tuple[int, int]]) -> list[Candidate]:
        """大华股份, 以岭药业, 华星光电: one proper word and a business line, then a boundary."""
        if not self.business_lines_re:
            return []
        lex = ng.lexicon()
        out = []
        index: dict[int, int] | None = None
        for m in self.business_lines_re.finditer(text):
            if index is None:  # token index by start, once per text and only when a word occurs
                index = {a: k for k, (a, _) in enumerate(spans)}
            i = index.get(m.start(), 0)
            if i < 1 or spans[i][1] != m.end():
                continue
            (ps, pe), (ss, se) = spans[i - 1], spans[i]
            if pe != ss:
                continue
            word = text[ps:pe]
            if (len(word) < 2 or not ng.is_name_piece(word) or word in lex.places or word in lex.stopwords
                    or word in self.left_stops or ng.is_generic_word(word) or word in self.generic
                    or lex.tags.get(word) not in (None, *ng.NAME_TAGS)
                    or lex.known.get(word) in ("PARK", "ORG") or any(h in word for h in self.park_heads)):
                continue  # (a park is not a brand: 苏州工业园区 + 科技创新委员会)
            if i >= 2 and ng.is_name_piece(text[spans[i - 2][0]:spans[i - 2][1]]) \
                    and text[spans[i - 2][0]:spans[i - 2][1]] not in lex.stopwords \
                    and lex.tags.get(text[spans[i - 2][0]:spans[i - 2][1]]) not in ng.STOP_TAGS:
                continue  # more name before it: the other rules decide (青岛海信电器)
            if i + 1 < len(spans):
                nxt = text[spans[i + 1][0]:spans[i + 1][1]]
                tag = lex.tags.get(nxt)
                if ng.is_name_piece(nxt) and not (tag in ("v", "p", "c", "d", "uj", "ul")
                                                  or nxt in lex.stopwords or nxt in "和与及等"):
                    continue  # more words follow: 汽车产业, 科技城
            out.append(Candidate(ps, se, "COMPANY", SOURCE, 0.9))
        return out

    # -- 2. facility words -------------------------------------------------------
    def _facilities(self, text: str, spans: list[tuple[int, int]]) -> list[Candidate]:
        out = []
        lex = ng.lexicon()
        for m in self.facility_re.finditer(text):
            fs = m.start()
            mode = self.facility_mode[m.group()]
            start = ng.walk_left(text, spans, fs, 14, admin_places=False, extra_stop=self.left_stops)
            end = fs
            if start == end:
                continue
            # a verb right before the facility word is news, not name (三一重工签署项目)
            k = bisect.bisect_left(spans, (end, -1)) - 1  # the token that ends at or spans ``end``
            last = spans[k] if 0 <= k < len(spans) and spans[k][0] < end <= spans[k][1] else None
            if last and last[0] > start and lex.tags.get(text[last[0]:end]) == "v" \
                    and text[last[0]:end] not in self.generic and text[last[0]:end] not in lex.generic:
                end = last[0]
            # drop product words, then a trailing place (a LOC of its own)
            changed = True
            while changed and end > start:
                changed = False
                for w in self.products:
                    if text.endswith(w, start, end) and end - len(w) > start:
                        end -= len(w)
                        changed = True
                        break
            locs = []
            while (place := ng.trailing_place(text, end, lex.places, floor=start + 1, max_len=5)) is not None:
                locs.append((place, end))  # 宁德时代四川宜宾基地: 四川 + 宜宾
                end = place
            if end <= start:
                continue
            stem = text[start:end]
            if stem.endswith(self.industry_words):
                continue  # 九江市石化产业基地: an industry's base, not a company's
            if (any(h in stem for h in self.park_heads) or any(f in stem for f in self.facility_mode)
                    or stem in lex.places or self.suffix_re.search(stem)):
                # a park, a place, a name the suffix rule finds (华为技术有限公司深圳…基地), or one
                # with a facility word inside, which its own match ends (比亚迪长沙基地 + …配套项目)
                continue
            lead = ng.leading_place(stem, lex.places, max_len=5)
            if lead and (lex.known.get(stem[lead:]) == "COMPANY" or lex.places.get(stem[:lead])):
                # 青岛京东方项目, 柳州市上汽通用五菱…基地: the place says where the project is
                out.append(Candidate(start, start + lead, "LOC", SOURCE, 0.9))
                start += lead
                stem = text[start:end]
            # a known brand with its business line: 奥迪一汽新能源汽车项目 → 奥迪一汽新能源汽车
            known = lex.known.get(stem) == "COMPANY" or any(
                lex.known.get(stem[:k]) == "COMPANY" for k in range(2, len(stem))
            )
            if mode == "known" and not known:
                continue
            if not known and not self._proper(text, spans, start, end):
                continue
            out.append(Candidate(start, end, "COMPANY", SOURCE, 0.95))
            out.extend(Candidate(ls, le, "LOC", SOURCE, 0.9) for ls, le in locs)
        return out

    def _proper(self, text: str, spans: list[tuple[int, int]], start: int, end: int) -> bool:
        lex = ng.lexicon()
        for w in ng.modifier_words(text, spans, start, end):
            if w in lex.generic or w in self.generic or w in lex.stopwords or w in lex.places:
                continue
            tag = lex.tags.get(w)
            if lex.known.get(w) == "COMPANY" or tag is None or tag in ng.NAME_TAGS - {"ns"}:
                return True
        return False

    # -- 2b. a known brand followed by unknown name words ------------------------------
    def _extensions(self, text: str, spans: list[tuple[int, int]]) -> list[Candidate]:
        """``浪潮乐金``, ``一汽弗迪``: a known company name run on by words jieba does not know,
        followed by a word of business."""
        import jieba

        lex = ng.lexicon()
        starts = {s: e for s, e in spans}
        out = []
        for s, e, _label, _src in self.brands.find(text):
            end, n = e, 0
            while end in starts and n < 2:
                w = text[end:starts[end]]
                if (len(w) < 2 or not ng.is_name_piece(w) or jieba.dt.FREQ.get(w) or w in lex.tags
                        or w in lex.places or w in lex.generic or w in lex.stopwords):
                    break
                end, n = starts[end], n + 1
            if end > e and self._business_follows(text, starts, end):
                out.append(Candidate(s, end, "COMPANY", SOURCE, 0.9))
        return out

    def _business_follows(self, text: str, starts: dict[int, int], pos: int) -> bool:
        """A noun or word of business (企业, 动力电池, 有限公司 …) follows ``pos``: the run-on
        words are a name (浪潮乐金企业), not news (建行新规：, 谷歌跌至34位)."""
        lex = ng.lexicon()
        nxt = text[pos:starts[pos]] if pos in starts else ""
        return bool(nxt) and (
            nxt in lex.generic or nxt in self.generic or lex.tags.get(nxt) in ("n", "vn")
            or any(text.startswith(w, pos) for w in self.products)
            or bool(self.suffix_re.match(text, pos)) or bool(self.facility_re.match(text, pos))
        )

    # -- 3. government bodies -----------------------------------------------------
    def _bodies(self, text: str, spans: list[tuple[int, int]]) -> list[Candidate]:
        out = []
        starts = {a for a, _ in spans}
        places = ng.lexicon().places
        for m in self.body_re.finditer(text):
            s, e = m.span()
            after_place = any(text[s - ln:s] in places for ln in (2, 3, 4) if s - ln >= 0)
            if s not in starts and not after_place and text[s - 1] not in ng.lexicon().stopwords:
                continue  # 区 of 城区, 社区: not an administrative level (从市商务局 is)
            if text[s] not in "省市区县园" and s > 0 and ng.is_name_piece(text[s - 1]) and not after_place:
                continue  # inside another name (海信集团财政局长) it is left alone
            start = s
            for ln in (4, 3, 2):
                if s - ln >= 0 and text[s - ln:s] in places and not places[text[s - ln:s]]:
                    start = s - ln
                    break
            out.append(Candidate(start, e, "ORG", SOURCE, 0.9))
        return out

    # -- 4. media outlets ------------------------------------------------------------
    def _media(self, text: str, spans: list[tuple[int, int]]) -> list[Candidate]:
        out = []
        for m in self.media_re.finditer(text):
            ms, me = m.span()
            if text.endswith(self.generic_institutions, 0, me):
                continue  # 共建稀土永磁联合实验室: a joint lab, no name
            # (an institution's name does not run over a company's legal suffix:
            # 温岭市东泽泵业有限公司 + 浙江工业大学)
            start = self._after_joiner(text, ng.walk_left(text, spans, ms, 16, extra_stop=self.media_stops,
                                                          remit_conj=True))
            # nor over a park, which says where it is (科学城 + 金凤实验室)
            k = bisect.bisect_left(spans, (start, -1))
            while k < len(spans) and spans[k][1] <= ms:
                if text.endswith(self.park_heads, spans[k][0], spans[k][1]):
                    start = spans[k][1]
                k += 1
            if start == ms or not ng.is_distinctive(ng.modifier_words(text, spans, start, ms)):
                continue
            out.append(Candidate(start, me, "ORG", SOURCE, 0.9))
        if self.credit_re is not None:
            out += self._credited_outlets(text, spans)
        return out

    def _credited_outlets(self, text: str, spans: list[tuple[int, int]]) -> list[Candidate]:
        """海峡网5月18日讯, 天山网讯, 绵阳台记者: a short name and 网/台 where a credit follows
        (``data/companies/media_credits.txt``). The ending is a token of its own, or the last
        character of a token that is the whole name and jieba knows as a name or not at all
        (天山网 nz, 海峡网); not part of an ordinary word (平台, 上网, 电视台: jieba tags
        them n, v)."""
        out = []
        for m in self.credit_re.finditer(text):
            end = m.end(1)
            k = bisect.bisect_right(spans, (end - 1, len(text) + 1)) - 1  # the token holding end - 1
            if k < 0 or spans[k][1] < end:
                continue
            tok = spans[k]
            if tok[0] == end - 1:  # 海峡 / 网, 天山 / 网讯: the ending starts its token
                start = ng.walk_left(text, spans, tok[0], 4, extra_stop=self.media_stops)
            elif tok[1] != end:
                continue
            elif tok[1] - tok[0] <= 5 and ng.lexicon().tags.get(text[tok[0]:end]) in (None, *ng.NAME_TAGS):
                start = tok[0]  # one word that names: 海峡网 (guessed), 天山网 (nz)
            else:
                continue  # 平台, 上网, 电视台
            words = ng.modifier_words(text, spans, start, end - 1)
            if 2 <= end - 1 - start <= 4 and ng.is_distinctive(words):
                out.append(Candidate(start, end, "ORG", SOURCE, 0.85))
        return out

    # -- 5. agencies: a place, descriptive words, an agency suffix --------------------
    def _agencies(self, text: str, spans: list[tuple[int, int]]) -> list[Candidate]:
        import jieba

        lex = ng.lexicon()
        out = []
        starts: set[int] | None = None
        token_end: dict[int, int] = {}
        for m in self.agency_re.finditer(text):
            s, e = m.span()
            if text.endswith(self.not_agencies, 0, e):
                continue  # 中国经济新格局, 美国当局
            if starts is None:  # the token edges, once per text and only when a suffix occurs
                starts = {a for a, _ in spans}
                token_end = {i: b for a, b in spans for i in range(a, b)}
            # the suffix ends a word (局面, 局长, 政局稳定: no agency; 委员会委员 is: 委员 is a word)
            if token_end.get(e - 1, e) != e:
                continue
            walked = ng.walk_left(text, spans, s, 16, admin_places=False, extra_stop=self.left_stops)
            opener = self._opener(text, walked, s, e, starts, token_end, lex.places)
            if opener is None:
                continue
            p, q = opener
            middle = jieba.lcut(text[q:s], HMM=False) if q < s else []
            if not middle and text[p:q] not in self.agency_prefixes and e - s < 2:
                continue  # 北京市局: no agency named (巴南区法院 is one)
            if not self._descriptive(middle):
                continue
            out.append(Candidate(p, e, "ORG", SOURCE, 0.9))
        return out

    def _placed_bodies(self, text: str, spans: list[tuple[int, int]]) -> list[Candidate]:
        """A known government body with the place that names it (``美国教育部``, ``中国商务部``)
        or its term (``第十一届全国人大常委会``: the term belongs to the name)."""
        places = ng.lexicon().places
        starts = {a for a, _ in spans}
        out = []
        for s, e, _label, _src in self.known_bodies.find(text):
            term = _TERM.search(text, max(0, s - 8), s)
            if term:
                out.append(Candidate(term.start(), e, "ORG", SOURCE, 0.9))
                continue
            for k in range(min(8, s), 1, -1):
                if s - k in starts and text[s - k:s] in places:
                    out.append(Candidate(s - k, e, "ORG", SOURCE, 0.9))
                    break
        return out

    # -- 6. the company an investment is made by: 总投资5亿元的正威国际新材料项目 -------------
    def _investments(self, text: str, spans: list[tuple[int, int]]) -> list[Candidate]:
        lex = ng.lexicon()
        places = lex.places
        out = []
        index: dict[int, int] | None = None
        for m in _INVESTMENT.finditer(text):
            if index is None:  # token start → its index, once per text and only on a match
                index = {a: k for k, (a, _) in enumerate(spans)}
            i = index.get(m.end())
            if i is None:
                continue
            toks = spans[i:i + 8]
            # a place before the name is a LOC of its own (德国库尔); 中德 describes a venture (中德博佩)
            first = text[toks[0][0]:toks[0][1]] if toks else ""
            if first and (first in places or lex.tags.get(first) == "ns"):
                toks = toks[1:]
            if not toks:
                continue
            start = toks[0][0]
            if text[start] == "中" and text[start + 1:start + 2] in _VENTURE and toks[0][1] - start > 2:
                start += 2
            end = start
            n = 0
            for a, b in toks:
                w = text[max(a, start):b]
                tag = lex.tags.get(w)
                proper = (tag is None and _NAME_WORD.match(w)) or tag in ("nr", "nrt", "nz", "nt", "eng")
                if n < 2 and proper and w not in places and w not in lex.generic and w not in self.generic:
                    end, n = b, n + 1
                elif n and w in _NAME_TAILS:
                    end = b
                    break
                else:
                    break
            if n == 0 or end - start < 2:
                continue
            # what follows is industry words and 项目, or the clause goes on without them
            rest = text[end:end + 30]
            stop = re.match(r"[^，。；,;：:！？!?]*", rest).group()
            if "项目" not in stop and stop and not re.match(r"(?:正式|已|将|于|在|落户|签约|开工|投产)", stop):
                continue
            out.append(Candidate(start, end, "COMPANY", SOURCE, 0.9))
        return out

    def _opener(self, text: str, lo: int, hi: int, end: int, starts: set[int], token_end: dict[int, int],
                places: dict[str, bool]) -> tuple[int, int] | None:
        """The place or agency prefix nearest before ``hi``, from a little left of ``lo`` (全国 and
        和 stop the walk: 北京市住房和城乡建设委): it starts on a token edge (``starts``), and the
        token it ends in (``token_end``: character → end of its token) does not run past the
        agency's end."""
        for p in range(hi - 1, max(0, lo - 8) - 1, -1):
            if p not in starts:
                continue
            for k in range(min(8, end - p), 0, -1):
                w = text[p:p + k]
                # a prefix may share characters with the suffix (最高人民 + 人民法院)
                if not ((p + k <= hi and w in places) or w in self.agency_prefixes):
                    continue
                if token_end.get(p + k - 1, p + k) <= end:
                    return p, p + k
        return None

    def _descriptive(self, words: list[str]) -> bool:
        """Words that describe an agency's remit (消防, 文化市场综合执法, 证券交易), no proper name."""
        lex = ng.lexicon()
        for i, w in enumerate(words):
            if w in ("和", "与") and 0 < i < len(words) - 1:
                continue  # 发展和改革委员会, 人力资源和社会保障局
            if w in lex.places or w in lex.stopwords or any(h in w for h in self.park_heads):
                return False
            if not all("\u4e00" <= ch <= "\u9fff" for ch in w):
                return False
            tag = lex.tags.get(w)
            # abbreviations are remits too (房产, 发改, 人社)
            if tag is None or (tag in ng.NAME_TAGS and tag != "j") or tag in ng.STOP_TAGS:
                return False
        return sum(map(len, words)) <= 12

    def find(self, text: str, spans: list[tuple[int, int]]) -> list[Candidate]:
        """Candidates of rules 1–7 and bracketed short names for ``text`` and its jieba token
        spans. Rule 8 (units of a body) and the parent-body merge need the candidates of the
        recognisers before this one, so the component (``__call__``) runs them after this."""
        found = (self._suffixed(text, spans) + self._industry(text, spans) + self._facilities(text, spans)
                 + self._extensions(text, spans) + self._bodies(text, spans) + self._media(text, spans)
                 + self._agencies(text, spans) + self._placed_bodies(text, spans)
                 + self._business_lines(text, spans)
                 + self._investments(text, spans))
        found += self._lists(text, spans, found)
        return found + self.short_names(text, found)

    # -- 8. units of a body ----------------------------------------------------------
    def sub_units(self, text: str, spans: list[tuple[int, int]], bodies: list[Candidate]) -> list[Candidate]:
        """A body's unit written right after it (``data/companies/sub_units.txt``) makes one ORG
        with it: 西安高新区管委会经济发展局, 台州市生态环境局临海分局, and a park's bureau named
        by its remit (两江新区经济运行局, 苏州工业园区科技创新委员会). ``bodies`` are the ORG
        and PARK candidates of this recogniser and of those before it (a park's 管委会 comes
        from the park grammar); the longer candidate wins in the resolver. Between the body and the
        unit's suffix only a place or remit words (经济发展, 临海); the suffix ends a word
        (not 局长, 处理)."""
        out = []
        parks = {(c.start, c.end) for c in bodies if c.label == "PARK"}
        for body in sorted({(c.start, c.end) for c in bodies if c.label in ("ORG", "PARK")}):
            end = self._unit_end(text, spans, body[1], min_middle=1 if body in parks else 0)
            if end is None:
                continue
            if any(c.start < end and body[1] < c.end and c.label not in ("ORG", "LOC")
                   and not (body[1] <= c.start and c.end <= end and c.source.startswith("gazetteer:"))
                   for c in bodies):
                continue  # the unit's words are another kind of name (a known name that is the
                # unit itself yields: 管委会 + 招商局, not the company 招商局)
            out.append(Candidate(body[0], end, "ORG", SOURCE, 0.9))
        return out

    def _unit_end(self, text: str, spans: list[tuple[int, int]], pos: int, min_middle: int = 0) -> int | None:
        """End of the first unit written at ``pos``: up to 8 characters of a place or remit words
        (at least ``min_middle``; a park's unit needs its remit: 两江新区经济运行局, not 高新区局),
        then a unit suffix that ends a word (not 局面, 处理; jieba's 局局长 is the unit and its
        head). A one-character suffix needs two characters before it: 财政局局长 is a title."""
        import jieba

        lex = ng.lexicon()
        for k in range(min_middle, 9):
            if k and not "\u4e00" <= text[pos + k - 1:pos + k] <= "\u9fff":
                return None
            for unit in self.units:
                if not text.startswith(unit, pos + k) or (len(unit) == 1 and k < 2):
                    continue
                end = pos + k + len(unit)
                t = bisect.bisect_right(spans, (end - 1, len(text) + 1)) - 1  # the token holding end - 1
                rest = text[end:spans[t][1]] if t >= 0 and spans[t][1] >= end else ""
                if rest and not (rest.endswith("长") and len(rest) <= 2):
                    continue
                middle = text[pos:pos + k]
                if middle and middle not in lex.places and not self._descriptive(jieba.lcut(middle, HMM=False)):
                    continue
                return end
        return None

    # -- 7. lists summed up as companies ---------------------------------------------
    def _lists(self, text: str, spans: list[tuple[int, int]], found: list[Candidate]) -> list[Candidate]:
        """Items of a list summed up as companies (百济神州、基石药业、亚盛医药等企业) are
        companies when one of them is a company already (a candidate or a known name) and
        each is a name: not a place, not generic words (汽车、家电等企业 is no list of names)."""
        lex = ng.lexicon()
        companies = {(c.start, c.end) for c in found if c.label == "COMPANY"}
        taken = [(c.start, c.end) for c in found]
        out = []
        for m in _COMPANY_LIST.finditer(text):
            items = ng.list_items(text, *m.span(1))
            first_s, first_e = items[0]
            # the first item starts where a candidate or a known company ending there starts (产品主要供应
            # 宁德时代), or where the grammar says
            known = [a for a, b in taken if b == first_e and a >= first_s] or [
                k for k in range(first_s, first_e - 1) if lex.known.get(text[k:first_e]) == "COMPANY"][:1]
            items[0] = (known[0] if known else max(first_s, ng.walk_left(
                text, spans, first_e, 12, admin_places=False, extra_stop=self.left_stops)), first_e)
            # a nationality before an item is a LOC of its own (德国舍弗勒、日本三菱电机等汽车企业)
            nations = {it: ng.leading_place(text[it[0]:it[1]], self.countries, max_len=5) for it in items}
            if not any(it in companies or lex.known.get(text[it[0]:it[1]]) == "COMPANY" or nations[it]
                       for it in items):
                continue
            for s, e in items:
                if nations[(s, e)] and (s, e) not in companies and text[s:e] not in lex.known:
                    out.append(Candidate(s, s + nations[(s, e)], "LOC", SOURCE, 0.9))
                    s += nations[(s, e)]
                place = ng.trailing_place(text, e, lex.places, floor=s + 2, max_len=5)
                if place is not None and lex.known.get(text[s:place]) == "COMPANY":
                    # a known company and where its plant is: 美光西安 → 美光 + LOC 西安
                    out += [Candidate(s, place, "COMPANY", SOURCE, 0.85), Candidate(place, e, "LOC", SOURCE, 0.9)]
                    continue
                item = text[s:e]
                if ((s, e) in companies or not 2 <= e - s <= 10 or not ng.is_name_piece(item)
                        or item in lex.places or lex.known.get(item, "COMPANY") != "COMPANY"
                        or ng.splits_into(item, lambda w: ng.is_generic_word(w) or w in self.generic)
                        or any(a < e and s < b for a, b in taken)):
                    continue
                out.append(Candidate(s, e, "COMPANY", SOURCE, 0.85))
        return out

    @staticmethod
    def parent_bodies(bodies: list[Candidate]) -> list[Candidate]:
        """A known body (a gazetteer's ORG) written right before an ORG the rules found is its
        parent, and the two are one ORG: 中国科学院 + 宁波材料技术与工程研究所, 国家税务总局 +
        江苏省税务局 (two known bodies side by side are a list: 财政部证监会)."""
        known_ends = {c.end: c.start for c in bodies if c.label == "ORG" and c.source.startswith("gazetteer:")}
        # two known bodies side by side are siblings in a list (财政部证监会审计署), not parent and unit
        return [Candidate(known_ends[c.start], c.end, "ORG", SOURCE, 0.9) for c in bodies
                if c.label == "ORG" and c.start in known_ends and not c.source.startswith("gazetteer:")]

    def __call__(self, doc: Doc) -> Doc:
        spans = ng.token_spans(doc)
        found = self.find(doc.text, spans)
        before = get_candidates(doc)
        found += self.sub_units(doc.text, spans, found + before)
        found += self.parent_bodies(found + before)
        add_candidates(doc, found)
        return doc


_TERM = re.compile(r"第[一二三四五六七八九十百零〇\d]{1,4}届$")


