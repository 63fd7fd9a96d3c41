"""The statistical NER: a trained spaCy CNN ``ner`` for COMPANY, ORG, LOC and PERSON.

The model (trained by ``scripts/train_ner.py``, described in ``MODEL.md``) is
shipped inside the package, in ``newsextract/models/ner``, and loaded from
there offline. It works on *characters*: entity boundaries often fall inside a
jieba word (``青岛京东方项目``), so its tokens are not the main doc's jieba
tokens. It builds a character-tokenised copy of ``doc.text`` (each token's
NORM is the character bigram starting at it; with a *softword* model, each
token's TAG is the character's position B/M/E/S in its jieba word and its
LEMMA that word, taken from the main doc's jieba tokens, so the words cost
nothing extra), runs the small inner pipeline (``tok2vec`` + ``ner``) on it,
and adds each entity as a
:class:`~newsextract.candidates.Candidate` with source ``"ner"`` and a fixed
score (the greedy transition-based parser gives no calibrated confidence).
The resolver ranks ``ner`` below rules and gazetteers, so the model only fills
gaps and never overrides a gazetteer or a PARK/FIGURE/DATE rule hit.

``person_check`` (config) keeps a PERSON only when it reads as a Chinese name:
two to four Chinese characters starting with a family name of
``data/persons/surnames.txt`` (or a transliterated name written with ``·``).
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator
from pathlib import Path

import numpy
import spacy
from spacy.attrs import LEMMA, NORM, TAG
from spacy.language import Language
from spacy.strings import get_string_id
from spacy.tokens import Doc
from spacy.util import registry
from spacy.vocab import Vocab

from ..candidates import Candidate, add_candidates
from ..segment import sentence_starts
from .namegrammar import read_list

MODELS_DIR = Path(__file__).resolve().parent.parent / "models"
SURNAMES = Path(__file__).resolve().parent.parent / "data" / "persons" / "surnames.txt"
_HAN = re.compile(r"[\u4e00-\u9fff]+")
_TRANSLITERATED = re.compile(r"[\u4e00-\u9fff]+(?:[·•][\u4e00-\u9fff]+)+")
DEFAULT_MODEL = "ner"


SOFTWORD_TAGS = ("B", "M", "E", "S")  # a character's position in its word: begin, middle, end, single


def plausible_organisation(text: str) -> bool:
    """A COMPANY/ORG proposal that is not only places (湖北荆门, 上海青浦: LOCs), not only
    generic words (招商政策) and does not end in a facility word (…产业基地: no company)."""
    from . import namegrammar as ng

    lex = ng.lexicon()
    if ng.splits_into(text, lex.places.__contains__) or ng.splits_into(text, ng.is_generic_word):
        return False
    return not text.endswith(_facility_words())


@functools.lru_cache(maxsize=1)
def _facility_words() -> tuple[str, ...]:
    from .namegrammar import DATA

    path = DATA / "companies" / "facilities.txt"
    rows = [line.split(",")[0].strip() for line in path.read_text(encoding="utf-8").splitlines()]
    return tuple(w for w in rows if w and not w.startswith("#") and w != "word")


def jieba_words(text: str) -> list[str]:
    """jieba's words of ``text`` (the process's jieba dictionary, as the pipeline's tokenizer uses)."""
    import jieba

    return [w for w in jieba.cut(text, cut_all=False) if w]


def words_from_edges(text: str, edges: Iterable[int]) -> list[str]:
    """``text`` cut at the given character offsets (those outside ``0 < x < len(text)`` are ignored)."""
    cuts = sorted({e for e in edges if 0 < e < len(text)})
    return [text[a:b] for a, b in zip([0, *cuts], [*cuts, len(text)])]


def char_doc(vocab: Vocab, text: str, add_strings: bool = True, softword: bool = False,
             words: list[str] | None = None) -> Doc:
    """A Doc with one token per character; each token's NORM is the bigram starting at it.

    ``softword=True`` also sets each token's TAG to the character's position
    (B/M/E/S) in its word and its LEMMA to the word: ``words`` (which must
    concatenate to ``text``), or jieba's words of ``text`` when not given.
    ``add_strings=False`` (inference) sets the hashes without storing the
    strings, so the vocabulary does not grow with the texts processed.
    """
    n = len(text)
    doc = Doc(vocab, words=list(text), spaces=[False] * n)
    if n:
        key = vocab.strings.add if add_strings else get_string_id
        norms = [key(text[i : i + 2]) for i in range(n)]
        if not softword:
            doc.from_array([NORM], numpy.asarray(norms, dtype="uint64").reshape(n, 1))
            return doc
        if words is None:
            words = jieba_words(text)
        if "".join(words) != text:
            raise ValueError("softword: the words do not concatenate to the text")
        b, m, e, single = (key(t) for t in SOFTWORD_TAGS)
        tags: list[int] = []
        lemmas: list[int] = []
        for w in words:
            k = len(w)
            tags += (single,) if k == 1 else (b, *(m,) * (k - 2), e)
            lemmas += (key(w),) * k
        arr = numpy.empty((n, 3), dtype="uint64")
        arr[:, 0] = norms
        arr[:, 1] = tags
        arr[:, 2] = lemmas
        doc.from_array([NORM, TAG, LEMMA], arr)
    return doc


class CharBigramTokenizer:
    """Tokenizer of the inner NER pipeline: characters, NORM = character bigram
    (and, with ``softword``, TAG/LEMMA = position in / the jieba word)."""

    def __init__(self, vocab: Vocab, softword: bool = False) -> None:
        self.vocab = vocab
        self.softword = softword

    def __call__(self, text: str) -> Doc:
        return char_doc(self.vocab, text, softword=self.softword)

    # nothing to serialise: the tokenizer has no settings or data
    def to_disk(self, path: Path | str, **kwargs: object) -> None:
        pass

    def from_disk(self, path: Path | str, **kwargs: object) -> CharBigramTokenizer:
        return self

    def to_bytes(self, **kwargs: object) -> bytes:
        return b""

    def from_bytes(self, data: bytes, **kwargs: object) -> CharBigramTokenizer:
        return self


@registry.tokenizers("newsextract.char_bigram_tokenizer.v1")
def create_char_bigram_tokenizer():  # noqa: ANN201 - spaCy registry signature
    def make(nlp: Language) -> CharBigramTokenizer:
        return CharBigramTokenizer(nlp.vocab)

    return make


@registry.tokenizers("newsextract.char_softword_tokenizer.v1")
def create_char_softword_tokenizer():  # noqa: ANN201 - spaCy registry signature
    def make(nlp: Language) -> CharBigramTokenizer:
        return CharBigramTokenizer(nlp.vocab, softword=True)

    return make


def model_path(model: str) -> Path:
    """The folder of ``model``: a name under ``newsextract/models/`` or a path."""
    p = Path(model)
    if not p.is_absolute() and (MODELS_DIR / model).is_dir():
        p = MODELS_DIR / model
    if not (p / "config.cfg").is_file():
        raise FileNotFoundError(
            f"statistical NER model not found: {model!r} (looked in {p}); "
            "train one with scripts/train_ner.py (see MODEL.md)"
        )
    return p


@Language.factory(
    "newsextract_statistical_ner",
    default_config={"model": DEFAULT_MODEL, "score": 0.6, "batch_size": 64, "labels": None,
                    "person_check": False},
)
def make_statistical_ner(
    nlp: Language, name: str, model: str, score: float, batch_size: int, labels: list[str] | None,
    person_check: bool,
) -> StatisticalNER:
    """Candidates from the shipped statistical NER model (source ``ner``)."""
    return StatisticalNER(model_path(model), score=score, batch_size=batch_size, labels=labels,
                          person_check=person_check)


class StatisticalNER:
    """Runs the inner character-level ``tok2vec`` + ``ner`` and adds ``ner`` candidates."""

    def __init__(self, path: Path, score: float = 0.6, batch_size: int = 64,
                 labels: Iterable[str] | None = None, person_check: bool = False) -> None:
        self.path = path
        self.inner = spacy.load(path, exclude=["senter", "parser", "tagger"])
        self.score = float(score)
        self.batch_size = int(batch_size)
        self.labels = set(labels) if labels else None
        self._components = [proc for _, proc in self.inner.pipeline]
        self._char = isinstance(self.inner.tokenizer, CharBigramTokenizer)
        self.softword = self._char and self.inner.tokenizer.softword
        self.person_check = bool(person_check)
        surnames = {w for line in read_list(SURNAMES) for w in line.split()} if person_check else set()
        self._surnames = (frozenset(w for w in surnames if len(w) == 1),
                          frozenset(w for w in surnames if len(w) == 2))

    def plausible_person(self, text: str) -> bool:
        """A Chinese name (2–4 characters, a family name first) or a transliterated one (``·``)."""
        if _TRANSLITERATED.fullmatch(text):
            return True
        if not (2 <= len(text) <= 4 and _HAN.fullmatch(text)):
            return False
        one, two = self._surnames
        return text[0] in one or (len(text) >= 3 and text[:2] in two)

    def _candidates(self, inner_doc: Doc) -> list[Candidate]:
        return [
            Candidate(e.start_char, e.end_char, e.label_, "ner", self.score)
            for e in inner_doc.ents
            if (self.labels is None or e.label_ in self.labels)
            and not (self.person_check and e.label_ == "PERSON" and not self.plausible_person(e.text))
            and not (e.label_ in ("COMPANY", "ORG") and not plausible_organisation(e.text))
        ]

    def _run(self, texts: list[str], words: list[list[str] | None] | None = None) -> list[Doc]:
        """The inner pipeline's docs for ``texts``; ``words`` (softword models) are
        each text's words, computed with jieba where missing."""
        if self._char:
            ws = words or [None] * len(texts)
            docs = [char_doc(self.inner.vocab, t, add_strings=False, softword=self.softword, words=w)
                    for t, w in zip(texts, ws)]
        else:  # a model trained on another tokenisation (scripts/train_ner.py --tokens jieba)
            docs = [self.inner.make_doc(t) for t in texts]
        for proc in self._components:
            docs = list(proc.pipe(docs, batch_size=self.batch_size))
        return docs

    def _entities(self, texts: list[str], edges: list[list[int]] | None = None) -> list[list[Candidate]]:
        """Candidates for each text, found sentence by sentence.

        The model runs on sentences (``segment.sentence_starts``), the unit it
        was trained on, not on whole articles: short docs also run about 15 %
        faster through the transition-based parser. Offsets are mapped back
        to the text. ``edges`` (softword models): each text's word boundaries
        (the main doc's jieba token edges), so jieba need not run again.
        """
        chunks: list[tuple[int, int, str]] = []  # (text index, offset, sentence)
        words: list[list[str] | None] = []
        for i, text in enumerate(texts):
            starts = sentence_starts(text)
            cuts = sorted(set(edges[i])) if self.softword and edges is not None else None
            for a, b in zip(starts, [*starts[1:], len(text)]):
                if text[a:b].strip():
                    chunks.append((i, a, text[a:b]))
                    if cuts is not None:
                        inner = cuts[bisect_right(cuts, a):bisect_left(cuts, b)]
                        words.append(words_from_edges(text[a:b], [e - a for e in inner]))
                    else:
                        words.append(None)
        out: list[list[Candidate]] = [[] for _ in texts]
        for (i, offset, _), inner in zip(chunks, self._run([c[2] for c in chunks], words)):
            out[i].extend(
                Candidate(c.start + offset, c.end + offset, c.label, c.source, c.score)
                for c in self._candidates(inner)
            )
        return out

    @staticmethod
    def _edges(doc: Doc) -> list[int]:
        """Word boundaries of the main doc's jieba tokens, as jieba gives them:
        a trailing space is its own word, and so is each character of a run of
        whitespace (spaCy merges such a run into one token)."""
        out = []
        for t in doc:
            if t.is_space:
                out += range(t.idx, t.idx + len(t.text) + 1)
            else:
                out += [t.idx, t.idx + len(t.text)]
        return out

    def __call__(self, doc: Doc) -> Doc:
        (cands,) = self._entities([doc.text], [self._edges(doc)] if self.softword else None)
        add_candidates(doc, cands)
        return doc

    def pipe(self, stream: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        batch: list[Doc] = []
        for doc in stream:
            batch.append(doc)
            if len(batch) >= batch_size:
                yield from self._pipe_batch(batch)
                batch = []
        if batch:
            yield from self._pipe_batch(batch)

    def _pipe_batch(self, batch: list[Doc]) -> Iterator[Doc]:
        edges = [self._edges(d) for d in batch] if self.softword else None
        for doc, cands in zip(batch, self._entities([d.text for d in batch], edges)):
            add_candidates(doc, cands)
            yield doc
