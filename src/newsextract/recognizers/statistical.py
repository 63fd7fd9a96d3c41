"""The statistical NER: a trained spaCy CNN ``ner`` for COMPANY, ORG, LOC and PERSON.

The model (trained by ``scripts/train_ner.py``, described in ``MODEL.md``) is
shipped inside the package, in ``newsextract/models/ner``, and loaded from
there offline. It works on *characters*: entity boundaries often fall inside a
jieba word (``青岛京东方项目``), so the component does not use the main doc's
jieba tokens. It builds a character-tokenised copy of ``doc.text`` (each
token's NORM is the character bigram starting at it), runs the small inner
pipeline (``tok2vec`` + ``ner``) on it, and adds each entity as a
:class:`~newsextract.candidates.Candidate` with source ``"ner"`` and a fixed
score (the greedy transition-based parser gives no calibrated confidence).
The resolver ranks ``ner`` below rules and gazetteers, so the model only fills
gaps and never overrides a gazetteer or a PARK/FIGURE/DATE rule hit.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

import numpy
import spacy
from spacy.attrs import NORM
from spacy.language import Language
from spacy.strings import get_string_id
from spacy.tokens import Doc
from spacy.util import registry
from spacy.vocab import Vocab

from ..candidates import Candidate, add_candidates
from ..segment import sentence_starts

MODELS_DIR = Path(__file__).resolve().parent.parent / "models"
DEFAULT_MODEL = "ner"


def char_doc(vocab: Vocab, text: str, add_strings: bool = True) -> Doc:
    """A Doc with one token per character; each token's NORM is the bigram starting at it.

    ``add_strings=False`` (inference) sets the bigram hashes without storing
    the strings, so the vocabulary does not grow with the texts processed.
    """
    n = len(text)
    doc = Doc(vocab, words=list(text), spaces=[False] * n)
    if n:
        key = vocab.strings.add if add_strings else get_string_id
        arr = numpy.fromiter((key(text[i : i + 2]) for i in range(n)), dtype="uint64", count=n)
        doc.from_array([NORM], arr.reshape(n, 1))
    return doc


class CharBigramTokenizer:
    """Tokenizer of the inner NER pipeline: characters, NORM = character bigram."""

    def __init__(self, vocab: Vocab) -> None:
        self.vocab = vocab

    def __call__(self, text: str) -> Doc:
        return char_doc(self.vocab, text)

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
    default_config={"model": DEFAULT_MODEL, "score": 0.6, "batch_size": 64, "labels": None},
)
def make_statistical_ner(
    nlp: Language, name: str, model: str, score: float, batch_size: int, labels: list[str] | None
) -> StatisticalNER:
    """Candidates from the shipped statistical NER model (source ``ner``)."""
    return StatisticalNER(model_path(model), score=score, batch_size=batch_size, labels=labels)


class StatisticalNER:
    """Runs the inner character-level ``tok2vec`` + ``ner`` and adds ``ner`` candidates."""

    def __init__(self, path: Path, score: float = 0.6, batch_size: int = 64,
                 labels: Iterable[str] | None = None) -> None:
        self.path = path
        self.inner = spacy.load(path, exclude=["senter", "parser", "tagger"])
        self.score = float(score)
        self.batch_size = int(batch_size)
        self.labels = set(labels) if labels else None
        self._components = [proc for _, proc in self.inner.pipeline]
        self._char = isinstance(self.inner.tokenizer, CharBigramTokenizer)

    def _candidates(self, inner_doc: Doc) -> list[Candidate]:
        return [
            Candidate(e.start_char, e.end_char, e.label_, "ner", self.score)
            for e in inner_doc.ents
            if self.labels is None or e.label_ in self.labels
        ]

    def _run(self, texts: list[str]) -> list[Doc]:
        if self._char:
            docs = [char_doc(self.inner.vocab, t, add_strings=False) for t in texts]
        else:  # a model trained on another tokenisation (scripts/train_ner.py --tokens jieba)
            docs = [self.inner.make_doc(t) for t in texts]
        for proc in self._components:
            docs = list(proc.pipe(docs, batch_size=self.batch_size))
        return docs

    def _entities(self, texts: list[str]) -> list[list[Candidate]]:
        """Candidates for each text, found sentence by sentence.

        The model runs on sentences (``segment.sentence_starts``), the unit it
        was trained on, not on whole articles: short docs also run about 15 %
        faster through the transition-based parser. Offsets are mapped back
        to the text.
        """
        chunks: list[tuple[int, int, str]] = []  # (text index, offset, sentence)
        for i, text in enumerate(texts):
            starts = sentence_starts(text)
            for a, b in zip(starts, [*starts[1:], len(text)]):
                if text[a:b].strip():
                    chunks.append((i, a, text[a:b]))
        out: list[list[Candidate]] = [[] for _ in texts]
        for (i, offset, _), inner in zip(chunks, self._run([c[2] for c in chunks])):
            out[i].extend(
                Candidate(c.start + offset, c.end + offset, c.label, c.source, c.score)
                for c in self._candidates(inner)
            )
        return out

    def __call__(self, doc: Doc) -> Doc:
        (cands,) = self._entities([doc.text])
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
        for doc, cands in zip(batch, self._entities([d.text for d in batch])):
            add_candidates(doc, cands)
            yield doc
