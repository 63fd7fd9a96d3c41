"""Shared pieces of the name grammars of :mod:`.parks` and :mod:`.companies`.

A Chinese name is a *head* (a park word such as 产业园, a legal suffix such as
有限公司) preceded by modifiers written together with it. Finding where the
modifiers start is the hard part: there are no spaces, so the grammar walks
left from the head over jieba tokens and stops

- at punctuation, spaces (also where the tokenizer leaves whitespace out of
  the tokens), digits, brackets and bullets (a hyphen between two CJK
  characters is kept: ``一汽-大众``);
- at a stop word (``data/parks/stopwords.txt``: 的, 在, 地处, 位于, 布局, 和 …)
  or a token that jieba's dictionary tags as a preposition, conjunction,
  particle, pronoun, numeral or measure word;
- before a place written with its administrative suffix (``六盘水市`` +
  ``两河新区``: the place is a separate LOC);
- at a length limit.

The token right before the head always belongs to the name, whatever its part
of speech (``希望集团``, ``新型显示产业园``). A conjunction 和/与/及 is kept inside
a name when both sides are industry words (``崂山软件和信息服务产业园``), not
when it joins two names (``青岛海洋科技园和青岛中电信息港``).

A candidate is a *name* only when some modifier is distinctive — a place, a
known name, or a word that is not on the generic list
(``data/parks/generic.txt``): ``新兴产业专业园区`` and ``现代农业产业园`` are
generic mentions.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from spacy.tokens import Doc

DATA = Path(__file__).resolve().parent.parent / "data"

# Part-of-speech tags (jieba's dictionary) that never occur inside a name.
# Time words (t: 今年, 目前) too, unless they are industry words (未来, 现代 are on the generic list).
# Locality words (f: 西部, 中) are not stops: 西部航空, 中德生态园.
STOP_TAGS = {"p", "c", "u", "uj", "ul", "uz", "ud", "ug", "uv", "r", "rr", "rz", "m", "mq", "q",
             "y", "e", "o", "d", "t", "tg"}
# Tags that make a modifier distinctive on their own (places, person and organisation names,
# other proper nouns, abbreviations, Latin letters).
NAME_TAGS = {"ns", "nr", "nrt", "nrfg", "nt", "nz", "j", "eng"}
CONJ = {"和", "与", "及"}
# Tags of words that describe rather than name (adjectives, directions, verbs, distinguishers).
DESCRIPTIVE_TAGS = {"a", "ad", "an", "ag", "f", "v", "vn", "vd", "b", "s"}
_NAME_CHAR = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fffA-Za-z]")


def read_list(path: Path) -> list[str]:
    """Non-empty, non-comment lines of a word list."""
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            out.append(line)
    return out


@dataclass(frozen=True)
class Lexicon:
    stopwords: frozenset[str]
    glued: frozenset[str]            # particles jieba's guessed words start with (为海丝)
    generic: frozenset[str]
    places: dict[str, bool]          # place surface → written with an administrative suffix
    known: dict[str, str]            # gazetteer surface → label
    tags: dict[str, str]             # jieba's word → part-of-speech tag


@functools.lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    import jieba.posseg

    from .gazetteer import known_names, place_names

    return Lexicon(
        stopwords=frozenset(read_list(DATA / "parks" / "stopwords.txt")),
        glued=frozenset(read_list(DATA / "parks" / "glued_particles.txt")),
        generic=frozenset(read_list(DATA / "parks" / "generic.txt")),
        places=place_names(),
        known=known_names(),
        tags=jieba.posseg.dt.word_tag_tab,
    )


def token_spans(doc: Doc) -> list[tuple[int, int]]:
    return [(t.idx, t.idx + len(t.text)) for t in doc]


def pieces_before(text: str, spans: list[tuple[int, int]], pos: int, floor: int) -> list[tuple[int, int]]:
    """Token pieces ending at or before ``pos`` (a token crossing ``pos`` is cut there), right to left."""
    out = []
    for s, e in reversed(spans):
        if s >= pos:
            continue
        if e > pos:
            e = pos
        if e <= floor:
            break
        out.append((max(s, floor), e))
    return out


def is_name_piece(piece: str) -> bool:
    if not piece:
        return False
    for i, ch in enumerate(piece):
        if _NAME_CHAR.match(ch):
            continue
        if ch == "-" and 0 < i < len(piece) - 1:
            continue
        return False
    return True


def walk_left(text: str, spans: list[tuple[int, int]], pos: int, max_len: int = 16,
              extra_stop: frozenset[str] = frozenset(), admin_places: bool = True,
              stop_verbs: bool = False, remit_conj: bool = False) -> int:
    """Start of the name whose head starts at ``pos`` (``pos`` itself when there is no modifier).

    ``admin_places``: stop before a place written with its administrative
    suffix (parks: ``六盘水市`` + ``两河新区``); companies keep it
    (``青岛市城市建设投资有限公司``). ``stop_verbs``: a verb that is not an
    industry word ends the name (parks: ``划归开发区``); company names keep
    verbs (``希望集团``, ``一汽解放``). ``remit_conj``: keep 和/与/及 between two
    words of a remit (institutions: ``纳米技术与纳米仿生研究所``).
    """
    lex = lexicon()
    floor = max(0, pos - 40)
    pieces = pieces_before(text, spans, pos, floor)
    start = pos
    verb_first = -1
    i = 0
    while i < len(pieces):
        s, e = pieces[i]
        if e < start:
            break  # whitespace between the tokens (记者 张燕 前湾新区): a name does not span it
        tok = text[s:e]
        if tok in ("-", "—") and i + 1 < len(pieces) and s > 0 and e < len(text) \
                and _NAME_CHAR.match(text[s - 1]) and _NAME_CHAR.match(text[e]) and start < pos:
            start = s
            i += 1
            continue
        if not is_name_piece(tok):
            break
        first = start == pos
        tag = lex.tags.get(tok)
        plain = tok not in lex.generic and tok not in lex.places and tok not in lex.known
        if tag is None and plain and len(tok) >= 3 and tok[0] in lex.glued:
            start = s + 1  # a guessed word 为海丝: the name starts after the particle
            break
        if not first and tok in CONJ and remit_conj:
            # an institution's remit: 纳米技术与纳米仿生研究所, 规划和国土局 (both sides are words
            # of the remit, no place or name: not 苏州大学和南京大学)
            nxt = pieces[i + 1] if i + 1 < len(pieces) else None
            left_word = text[nxt[0]:nxt[1]] if nxt else ""
            right_word = text[pieces[i - 1][0]:pieces[i - 1][1]]
            if all(len(w) >= 2 and w not in lex.places and w not in lex.known and w not in lex.stopwords
                   and lex.tags.get(w) not in ("ns", "nt", *STOP_TAGS) for w in (left_word, right_word)):
                start = s
                i += 1
                continue
            break
        if not first and tok == "和":
            # keep 和 only between industry words: 软件和信息服务 (not 科技园和青岛中电信息港)
            nxt = pieces[i + 1] if i + 1 < len(pieces) else None
            left_word = text[nxt[0]:nxt[1]] if nxt else ""
            if _all_generic(text, spans, start, pos) and left_word in lex.generic and pos - start <= 8:
                start = s
                i += 1
                continue
            break
        if tok in lex.stopwords or tok in extra_stop or tok in CONJ:
            break
        if tag in STOP_TAGS and plain:
            break
        if stop_verbs and tag == "v" and plain and pos - start != 1:
            if not first:
                break  # (a one-character modifier is no name yet: 希望城开发区 keeps 希望)
            verb_first = s  # 新旧动能转换起步区, 亿纬锂能产业园: a name only if more words come before it
        if first and admin_places and (cut := leading_place(tok, lex.places, admin_only=True)):
            start = s + cut  # one jieba word 上海市浦东: 上海市 is a LOC of its own
            break
        if first and admin_places and lex.places.get(tok):
            break  # 浙江省 + 特色小镇: the caller decides whether a bare head keeps its place
        if not first:
            if admin_places and lex.places.get(tok) and not tok.endswith("新区"):
                break  # 六盘水市 + 两河新区: a place with its suffix is a separate LOC
            if admin_places and len(tok) == 1 and tok in "市省县" and i + 1 < len(pieces):
                break
        if pos - s > max_len:
            break
        if stop_verbs and not first and tag in ("v", "vn") and tok in lex.generic \
                and any(text[start:start + k] in lex.places for k in range(2, min(6, pos - start) + 1)):
            break  # a programme verb before the place that starts the name: 主动承接 + 深圳光明科学城
        start = s
        i += 1
    if start == verb_first:
        return pos  # a verb alone before the head: 划归开发区
    return start


def bracketed_place(text: str, spans: list[tuple[int, int]], start: int) -> int:
    """Extend a name's ``start`` over a place in brackets and the words before it, written
    together with the name: 中德(沈阳)高端装备制造产业园, 西部(重庆)科学城,
    中国(上海)自由贸易试验区临港新片区, 三星(中国)半导体有限公司. (The text is prepared:
    brackets are half-width.)"""
    if start < 4 or text[start - 1] != ")":
        return start
    opening = text.rfind("(", max(0, start - 10), start - 1)
    if opening < 2 or text[opening + 1:start - 1] not in lexicon().places:
        return start
    before = walk_left(text, spans, opening, 6)
    return before if before < opening else start


def leading_place(word: str, places: dict[str, bool], max_len: int = 8, admin_only: bool = False) -> int:
    """Length of the longest place (of at most ``max_len`` characters; written with its
    administrative suffix if ``admin_only``) that starts ``word`` and is not all of it
    (``上海市浦东`` → 3), else 0."""
    for k in range(min(len(word) - 1, max_len), 1, -1):
        if (places.get(word[:k]) if admin_only else word[:k] in places):
            return k
    return 0


def trailing_place(text: str, end: int, places: dict[str, bool], floor: int = 0, max_len: int = 8,
                   admin_only: bool = False) -> int | None:
    """Start of the longest place (of at most ``max_len`` characters; written with its
    administrative suffix if ``admin_only``) that ends at ``end`` and starts at ``floor`` or
    later, else None."""
    for k in range(min(end - floor, max_len), 1, -1):
        if (places.get(text[end - k:end]) if admin_only else text[end - k:end] in places):
            return end - k
    return None


def known_name_start(text: str, start: int, head: int, end: int, label: str) -> int:
    """Where a name that the walk started at ``start`` starts when a known name of ``label``
    ends at ``end`` and begins after ``start`` (before ``head``): at that known name, unless what
    stands before it is a place, which stays (吉利汽车 + 宁波杭州湾新区, 希望 + 三一集团; but
    吉林长春汽车经济技术开发区, 青岛海尔集团)."""
    lex = lexicon()
    for k in range(start + 1, head):
        if lex.known.get(text[k:end]) == label:
            return start if text[start:k] in lex.places else k
    return start


def abbreviates(short: str, name: str) -> bool:
    """The characters of ``short`` occur in ``name`` in the same order: a Chinese short name
    (竹科 of 新竹科学园区, 深投控 of 深圳市投资控股有限公司)."""
    it = iter(name)
    return all(ch in it for ch in short)


_LIST_SEPARATOR = re.compile(r"、|以及|和|及|与")


def list_items(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The items of a coordinated list ``text[start:end]`` (A、B、C和D), as spans."""
    items, pos = [], start
    for sep in _LIST_SEPARATOR.finditer(text, start, end):
        items.append((pos, sep.start()))
        pos = sep.end()
    items.append((pos, end))
    return items


def splits_into(text: str, is_part: Callable[[str], bool]) -> bool:
    """True when ``text`` splits into pieces of 1–8 characters that all satisfy ``is_part``
    (科技产业 → 科技 + 产业 on the generic list; 湖北荆门 → two places)."""
    ok = [True] + [False] * len(text)
    for i in range(len(text)):
        if ok[i]:
            for j in range(i + 1, min(len(text), i + 8) + 1):
                if not ok[j] and is_part(text[i:j]):
                    ok[j] = True
    return ok[-1]


def _all_generic(text: str, spans: list[tuple[int, int]], start: int, end: int) -> bool:
    lex = lexicon()
    words = [text[max(s, start):min(e, end)] for s, e in spans if s < end and e > start]
    return bool(words) and all(w in lex.generic for w in words)


def modifier_words(text: str, spans: list[tuple[int, int]], start: int, end: int) -> list[str]:
    return [text[max(s, start):min(e, end)] for s, e in spans if s < end and e > start]


def contains_place(words: list[str] | str) -> bool:
    """True when a place name lies inside one word or spans whole adjacent words.

    A place across a word boundary does not count (``新兴`` + ``国际`` holds
    ``兴国``, a county, by accident).
    """
    places = lexicon().places
    if isinstance(words, str):
        words = [words]
    for w in words:  # inside one word (jieba splits unknown names: 青岛集成 → …)
        n = len(w)
        if any(w[i:j] in places for i in range(n) for j in range(i + 2, min(n, i + 8) + 1)):
            return True
    for i in range(len(words)):  # whole adjacent words (中国 + 北方)
        joined = words[i]
        for w in words[i + 1:]:
            joined += w
            if len(joined) > 8:
                break
            if joined in places:
                return True
    return False


def is_distinctive(words: list[str]) -> bool:
    """True when some modifier word makes the phrase a name rather than a generic mention.

    A place or known name anywhere in it, or any word that is not generic
    (:func:`is_generic_word`: ``卡奥斯``, ``上合``, ``空港``), makes it a name;
    modifiers that are all generic (``新兴产业专业``, ``现代农业``, ``大型``) do not.
    """
    if not "".join(words):
        return False
    if contains_place(words):
        return True
    return any(not is_generic_word(w) for w in words)


def is_generic_word(word: str) -> bool:
    """On the generic list, or a descriptive word ending in 化/性/级/型/色/式 (专业化, 综合性,
    千亿级, 大型, 蓝白色, 欧式)."""
    return word in lexicon().generic or (2 <= len(word) <= 3 and word[-1] in "化性级型色式")


def has_proper_word(words: list[str]) -> bool:
    """Some modifier is more than a description: not generic and not a word jieba tags as an
    adjective, direction or verb (梦想, 空港国际, 格拉斯; not 沿海, 蓝白色, 开发管理)."""
    lex = lexicon()
    if contains_place(words):
        return True
    return any(w in lex.known or (not is_generic_word(w) and lex.tags.get(w) not in DESCRIPTIVE_TAGS)
               for w in words)
