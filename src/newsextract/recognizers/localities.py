"""LOC: towns, townships, villages and street-office areas (``友爱镇``, ``华西村``, ``西丽街道``).

The place lists stop at counties (``data/gazetteers/places/divisions.csv`` is
cpca's table), but economic news names the town or village a plant or park
is in (``成都市郫都区友爱镇农科村``). A locality is a name of two or three
characters followed by a suffix (``data/localities/suffixes.txt``: 镇, 乡, 村,
街道), where

- the name is not a common word before the suffix (``data/localities/not_names.txt``:
  ``城镇``, ``新农村``; ``not_first.txt``: ``该村``, ``全镇``) nor a generic word, and
- it reads as a name: jieba does not know the word or tags it as a name, or a
  place (or another locality) is written right before it (``郫都区友爱镇``).

Source ``places:localities``: ranked with the place lists, so a longer name
containing it wins (``茅台镇`` is a LOC, ``茅台镇酒业公司`` a COMPANY).
"""

from __future__ import annotations

import re
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from ..candidates import Candidate, add_candidates
from . import namegrammar as ng

LOCALITIES_DIR = ng.DATA / "localities"
_PLAIN_TAGS = ng.STOP_TAGS | {"v", "vn", "vd", "a", "ad", "an", "f"}
SOURCE = "places:localities"


@Language.factory("newsextract_localities", default_config={"data_dir": None})
def make_localities(nlp: Language, name: str, data_dir: str | None) -> LocalityRecognizer:
    """LOC for towns, villages and street-office areas (see module docstring)."""
    return LocalityRecognizer(Path(data_dir) if data_dir else LOCALITIES_DIR)


class LocalityRecognizer:
    def __init__(self, data_dir: Path) -> None:
        for fname in ("suffixes.txt", "not_names.txt", "not_first.txt", "offices.txt"):
            if not (data_dir / fname).is_file():
                raise FileNotFoundError(f"newsextract_localities: word list not found: {data_dir / fname}")
        self.suffixes = tuple(sorted(ng.read_list(data_dir / "suffixes.txt"), key=len, reverse=True))
        self.suffix_re = re.compile("|".join(map(re.escape, self.suffixes)))
        self.not_names = frozenset(ng.read_list(data_dir / "not_names.txt"))
        self.not_first = frozenset(ng.read_list(data_dir / "not_first.txt"))
        self.offices = tuple(sorted(ng.read_list(data_dir / "offices.txt"), key=len, reverse=True))

    def find(self, text: str, spans: list[tuple[int, int]]) -> list[Candidate]:
        lex = ng.lexicon()
        out: list[Candidate] = []
        last_end = -1  # end of the last place or locality found, for chains (友爱镇农科村)
        start_of = {b: a for a, b in spans}  # token end → token start
        for m in self.suffix_re.finditer(text):
            e = m.end()
            if e not in start_of:
                continue  # the suffix does not end a token (镇江, 村民)
            s, suffix = start_of[e], m.group()
            tok = text[s:e]
            # the name is inside this token (华西村) or is the token before it (友爱 + 镇)
            if len(tok) > len(suffix):
                start, stem = s, tok[:-len(suffix)]
            else:
                if s not in start_of:
                    continue
                start, stem = start_of[s], text[start_of[s]:s]
            if not (2 <= len(stem) <= 3 and ng.is_name_piece(stem)) or any(c.isascii() for c in stem):
                continue
            at = e - len(suffix)
            if any(text[at:at + k].replace("\n", "") in lex.places for k in range(2, 6)):
                continue  # the suffix starts a place: 美丽镇江, 智美镇⏎江 (镇江)
            if stem in self.not_names or stem[0] in self.not_first or stem[-1] in "小大" \
                    or any(stem.startswith(n) for n in self.not_names if len(n) >= 2) \
                    or ng.is_generic_word(stem) or stem in lex.stopwords or lex.tags.get(stem) in ng.STOP_TAGS:
                continue
            after_place = start > 0 and (start == last_end
                                         or ng.trailing_place(text, start, lex.places) is not None)
            known_place = lex.tags.get(text[start:e]) == "ns"  # jieba's own place words: 茅台镇
            if not (after_place or known_place) and (lex.tags.get(stem) not in (None, *ng.NAME_TAGS)
                                                    or self._plain_words(stem)):
                continue
            # the office of a street or village names the place without its suffix:
            # 大季家街道办事处 → 大季家 (gold/dev); 西丽街道 alone is the area
            end = e - len(suffix) if text.startswith(self.offices, e) else e
            out.append(Candidate(start, end, "LOC", SOURCE, 0.85))
            last_end = e
        return out

    @staticmethod
    def _plain_words(stem: str) -> bool:
        """An unknown stem made of words that are not names (先到: an adverb and a verb)."""
        import jieba

        tags = ng.lexicon().tags
        words = jieba.lcut(stem, HMM=False)
        return len(words) > 1 and all(tags.get(w) in _PLAIN_TAGS for w in words)

    def __call__(self, doc: Doc) -> Doc:
        add_candidates(doc, self.find(doc.text, ng.token_spans(doc)))
        return doc
