"""PERSON names introduced by a role, title or credit word.

News names people in a few fixed shapes: bylines and credits (``记者 周伟``,
``主编 赵波 美编 李飞``, ``责任编辑:赵书琪``, ``实习生 唐丽华``) and a title before
the name (``合肥市委书记虞爱华出席``, ``主任陈平,``, ``项目经理闫磊介绍``).
The rule: after a cue word (``data/persons/cues.txt``), optionally a space
or a colon, a name of two to four characters that

- starts with a family name (``data/persons/surnames.txt``, one- and
  two-character names), and
- ends where the text does, at a space or punctuation, or before a word that
  says what the person does next (``data/persons/stops.txt``: 表示, 介绍,
  出席 …).

The shortest such name wins (``陈平,`` → 陈平; ``虞爱华出席`` → 虞爱华); another cue
also ends a name (``记者 董世梅实习生 唐丽华``). Further names of the same credit
follow after a space or 、 (``通讯员 李泽宇 黄思敏``, ``责编：王锐、李婷``). A cue with no name behind it
(``记者从…获悉``, ``相关负责人表示``) gives nothing.

A speaker needs no cue: at the start of a clause (after punctuation, or 据),
a family name and one or two more characters directly followed by a verb of
saying (``data/persons/speech_verbs.txt``: ``，彭小军认为``, ``据张大伟介绍``) is a
name, unless it is a dictionary word that is not a person's name (``公司表示``,
``文章指出``), or holds a title or function word (``王先生表示``, ``高管们认为``). Once a name is found, its
other mentions in the same article are names too (``主任陈平`` … ``陈平表示``).

A family name written with a form of address or a title after it
(``data/persons/addresses.txt``) is a name on its own, the title left out
(``业主侯女士说`` → 侯, ``王主任介绍`` → 王); 某/某某 after a family name are part of
it (``data/persons/anonymised.txt``: ``陈某``, ``李某某``). jieba's tokens must start
at the family name and end after it or after the address (not ``全市长``). The
statistical NER finds the names without a cue; these rules outrank it where
both fire. Source ``rules:persons``.
"""

from __future__ import annotations

import re
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from ..candidates import Candidate, add_candidates
from .namegrammar import DATA, read_list

PERSONS_DIR = DATA / "persons"
SOURCE = "rules:persons"
_BOUNDARY = set(" \t\n\u3000,，、。；;:：)）]】」』”\"'’…!?！？·/|-—(（《")
# characters that do not occur in a given name after the family name
_NOT_IN_NAMES = set("的了是在也都还就对向我你他她它们这那有和与及等将已被把从为会要能可不没所其该此各每某")
# where a clause starts: after punctuation, a space, or 据 (据张大伟介绍)
_CLAUSE_START = set(" \t\n\u3000，,。；;：:！!？?、“”\"（(据")
_CJK = re.compile(r"^[\u3400-\u4dbf\u4e00-\u9fff]+$")
# between the names of one credit (记者 王蕾 李泽宇, 责编：王锐、李婷)
_CREDIT_SEPARATORS = set(" \u3000、")


def _longest_first(path: Path) -> tuple[str, ...]:
    """The words of an optional word list, longest first (none when the file is absent)."""
    return tuple(sorted(set(read_list(path)), key=len, reverse=True)) if path.is_file() else ()


@Language.factory("newsextract_persons", default_config={"data_dir": None, "score": 0.9})
def make_persons(nlp: Language, name: str, data_dir: str | None, score: float) -> PersonRecognizer:
    """PERSON names after role, title and credit words (see module docstring)."""
    return PersonRecognizer(Path(data_dir) if data_dir else PERSONS_DIR, score)


class PersonRecognizer:
    def __init__(self, data_dir: Path, score: float = 0.9) -> None:
        for fname in ("cues.txt", "stops.txt", "surnames.txt"):
            if not (data_dir / fname).is_file():
                raise FileNotFoundError(f"newsextract_persons: word list not found: {data_dir / fname}")
        cues = sorted(set(read_list(data_dir / "cues.txt")), key=len, reverse=True)
        self.stops = sorted(set(read_list(data_dir / "stops.txt")), key=len, reverse=True)
        surnames = {s for line in read_list(data_dir / "surnames.txt") for s in line.split()}
        self.surnames1 = {s for s in surnames if len(s) == 1}
        self.surnames2 = {s for s in surnames if len(s) == 2}
        self.cues = cues
        self.cue_re = re.compile("(?:" + "|".join(map(re.escape, cues)) + r")[ \t\u3000:：]*")
        self.verbs = _longest_first(data_dir / "speech_verbs.txt")
        self.addresses = _longest_first(data_dir / "addresses.txt")
        self.anonymised = _longest_first(data_dir / "anonymised.txt")
        self.score = score

    def _ends_here(self, text: str, pos: int) -> bool:
        if pos >= len(text) or text[pos] in _BOUNDARY:
            return True
        return any(text.startswith(w, pos) for w in self.stops) or any(
            text.startswith(w, pos) for w in self.cues)

    def find(self, text: str, token_edges: list[tuple[int, int]] | None = None) -> list[tuple[int, int]]:
        """Character spans of names in ``text`` (the prepared text); with ``token_edges`` (jieba's
        tokens), also family names with a form of address (``侯女士`` → 侯, ``陈某``)."""
        spans = []
        for m in self.cue_re.finditer(text):
            start = m.end()
            while (end := self._name_at(text, start)) is not None:
                spans.append((start, end))
                # more names of the same credit, after a space or 、: 通讯员 李泽宇 黄思敏, 责编：王锐、李婷
                if end < len(text) and text[end] in _CREDIT_SEPARATORS:
                    start = end + 1
                    continue
                break
        spans += self._speakers(text)
        names = {text[s:e] for s, e in spans}
        if token_edges is not None:
            spans += self._addressed(text, token_edges)  # not propagated: 王 alone is no name
        for name in sorted(names):
            for m in re.finditer(re.escape(name), text):
                spans.append(m.span())
        return sorted(set(spans))

    def _surname_at(self, text: str, i: int) -> int:
        """Length of the family name at ``i`` (two characters first: 欧阳), else 0."""
        return 2 if text[i:i + 2] in self.surnames2 else 1 if text[i:i + 1] in self.surnames1 else 0

    def _name_at(self, text: str, start: int) -> int | None:
        """End of the name that starts at ``start`` (a family name and one or two characters,
        the shortest that ends where the text does), else None."""
        surname = self._surname_at(text, start)
        if not surname:
            return None
        for length in (3, 4) if surname == 2 else (2, 3):
            name = text[start:start + length]
            if len(name) == length and _CJK.match(name) and self._ends_here(text, start + length):
                return start + length
        return None

    def _speakers(self, text: str) -> list[tuple[int, int]]:
        """Names right before a verb of saying at the start of a clause (see module docstring)."""
        if not self.verbs:
            return []
        from .namegrammar import lexicon

        lex = lexicon()
        tags = lex.tags
        out = []
        for i in range(len(text)):
            if not (i == 0 or text[i - 1] in _CLAUSE_START):
                continue
            surname = self._surname_at(text, i)
            if not surname:
                continue
            for length in (surname + 1, surname + 2):
                name = text[i:i + length]
                if len(name) < length or not _CJK.match(name) or not text.startswith(self.verbs, i + length):
                    continue
                tag = tags.get(name)
                rest = name[surname:]
                if name in lex.places or lex.known.get(name):
                    break  # 张家口认为, 华为表示
                if tag is not None and not tag.startswith("nr"):
                    break  # a word: 公司, 文章, 专家
                if any(c in _NOT_IN_NAMES for c in rest) or any(w in rest for w in self.stops + self.cues):
                    break  # 高管们, 王先生
                out.append((i, i + length))
                break
        return out

    def _addressed(self, text: str, token_edges: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """A family name with a form of address or 某 after it, where jieba's tokens start at the
        family name and end after it or after the address (``业主侯女士说``; not ``全市长``)."""
        if not (self.addresses or self.anonymised):
            return []
        token_end = {a: b for a, b in token_edges}
        out = []
        for i, first in token_end.items():
            surname = self._surname_at(text, i)
            if not surname:
                continue
            j = i + surname
            for words, keep in ((self.anonymised, True), (self.addresses, False)):
                word = next((w for w in words if text.startswith(w, j)), None)
                if word is None:
                    continue
                end = j + len(word)
                if first in (j, end):  # the family name is a token, or family name + address is
                    if keep and end < len(text) and text[end] in "甲乙丙丁":
                        end += 1  # 王某甲
                    out.append((i, end if keep else j))
                break
        return out

    def __call__(self, doc: Doc) -> Doc:
        edges = [(t.idx, t.idx + len(t.text)) for t in doc]
        add_candidates(doc, [Candidate(s, e, "PERSON", SOURCE, self.score) for s, e in self.find(doc.text, edges)])
        return doc
