"""The spaCy pipeline and the :class:`Pipeline` API.

``Pipeline()`` builds a spaCy ``zh`` ``Language`` from ``data/pipeline.cfg``
(jieba tokenizer; the newsextract components in config order). A user can add,
remove or reorder components by passing their own config file, or override
single settings with ``overrides={"components.newsextract_resolver.priorities":
{...}}``, exactly as with any spaCy config.

An article flows one way: ``prepare`` (layout repair, width, T→S, offset map)
→ ``nlp`` (components add candidates; the resolver writes ``Doc.ents``) →
:func:`build_record`, the one place where prepared offsets become offsets into
the text as given.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc
from thinc.api import Config

from . import candidates as _candidates  # noqa: F401  (registers Doc extensions)
from . import layout as _layout  # noqa: F401  (registers the layout factory)
from . import recognizers as _recognizers  # noqa: F401  (registers recogniser factories)
from . import resolve as _resolve  # noqa: F401  (registers the resolver factory)
from . import segment
from .io import InputError
from .prepare import Prepared, prepare, to_halfwidth
from .schema import Article, Entity, Record

DEFAULT_CONFIG = Path(__file__).parent / "data" / "pipeline.cfg"


def load_config(path: Path | str | None = None, overrides: dict[str, Any] | None = None) -> Config:
    """The pipeline config (the packaged default, or ``path``), with ``overrides`` applied."""
    path = Path(path or DEFAULT_CONFIG)
    if not path.is_file():
        raise FileNotFoundError(f"pipeline config not found: {path}")
    cfg = Config().from_disk(path, interpolate=False)
    if overrides:
        cfg = Config(cfg).merge(_dotted_to_nested(overrides))
    return cfg


def _dotted_to_nested(overrides: dict[str, Any]) -> dict[str, Any]:
    nested: dict[str, Any] = {}
    for key, value in overrides.items():
        parts = key.split(".")
        node = nested
        for p in parts[:-1]:
            node = node.setdefault(p, {})
        node[parts[-1]] = value
    return nested


def build_nlp(config: Config | None = None, user_dicts: Iterable[Path | str] = ()) -> Language:
    """Build the spaCy ``Language`` (jieba configured for this process first)."""
    segment.configure_jieba(user_dicts)
    cfg = config if config is not None else load_config()
    return spacy.util.load_model_from_config(cfg, auto_fill=True, validate=True)


def build_record(article: Article, prepared: Prepared, doc: Doc) -> Record:
    """Map the doc's entities back to the raw text and validate the record."""
    info = doc._.ent_info or {}
    entities = []
    for ent in doc.ents:
        cand = info.get((ent.start_char, ent.end_char))
        start, end = prepared.to_raw(ent.start_char, ent.end_char)
        entities.append(
            Entity(
                label=ent.label_,
                start=start,
                end=end,
                text=prepared.raw[start:end],
                value=_raw_value(prepared, ent.label_, ent.start_char, ent.text, cand.value) if cand else None,
                source=cand.source if cand else None,
                score=round(cand.score, 4) if cand else None,
            )
        )
    return Record(
        id=article.id, text=article.text, date=article.date, source=article.source,
        title=article.title, entities=entities,
    )


def _raw_value(prepared: Prepared, label: str, start: int, text: str,
               value: dict[str, Any] | None) -> dict[str, Any] | None:
    """A FIGURE's unit as written in the raw text (Traditional characters kept: ``11個`` → ``個``).

    Recognisers compute ``value`` on the prepared (Simplified, half-width) text; the
    unit is the last occurrence of the prepared unit inside the entity's prepared
    text, read back character by character from the raw text (T→S is one for one;
    width is kept half-width, so ``％`` is ``%``).
    """
    if label != "FIGURE" or not value or not value.get("unit"):
        return value
    unit = value["unit"]
    at = text.rfind(unit)
    if at < 0:
        return value
    raw_unit = "".join(
        to_halfwidth(prepared.raw[prepared.raw_index[start + at + i]]) for i in range(len(unit))
    )
    return value if raw_unit == unit else {**value, "unit": raw_unit}


def _as_article(item: Article | str | dict[str, Any], index: int) -> Article:
    if isinstance(item, Article):
        return item
    if isinstance(item, str):
        return Article(id=f"doc-{index}", text=item)
    if isinstance(item, dict):
        return Article.model_validate({"id": f"doc-{index}", **item})
    raise TypeError(f"cannot extract from {type(item).__name__}; pass an Article, a str or a dict")


class Pipeline:
    """Extract entities from Chinese news text.

    >>> from newsextract import Pipeline
    >>> rec = Pipeline().extract("青岛集成电路产业园已洽谈落户产业链项目14个。", date="2022-08-25")
    """

    def __init__(
        self,
        config: Path | str | None = None,
        *,
        overrides: dict[str, Any] | None = None,
        user_dicts: Iterable[Path | str] = (),
    ) -> None:
        self.config = load_config(config, overrides)
        self.nlp = build_nlp(self.config, user_dicts)

    # -- single texts -------------------------------------------------------
    def make_doc(self, article: Article) -> tuple[Prepared, Doc]:
        prepared = prepare(article.text)
        doc = self.nlp.make_doc(prepared.text)
        doc._.pub_date = article.date
        return prepared, doc

    def extract(
        self,
        text: str,
        date: _dt.date | str | None = None,
        *,
        id: str = "doc",
        source: str | None = None,
        title: str | None = None,
    ) -> Record:
        """Entities of one text as a validated :class:`Record` (offsets into ``text``)."""
        article = Article(id=id, text=text, date=date, source=source, title=title)
        return self.extract_article(article)

    def extract_article(self, article: Article) -> Record:
        if not article.text.strip():
            return Record(id=article.id, text=article.text, date=article.date,
                          source=article.source, title=article.title,
                          errors=["empty article (no text)"])
        prepared, doc = self.make_doc(article)
        doc = self.nlp(doc)
        return build_record(article, prepared, doc)

    # -- many texts ---------------------------------------------------------
    def extract_many(
        self,
        items: Iterable[Article | InputError | str | dict[str, Any]],
        batch_size: int = 16,
    ) -> Iterator[Record]:
        """Records for many articles, in input order, batched through ``nlp.pipe``.

        An :class:`InputError`, an empty text or an exception inside the
        pipeline gives an error record (``errors`` filled, no entities) for
        that article; the others go on.
        """
        batch: list[Article | Record] = []
        for i, item in enumerate(items):
            if isinstance(item, InputError):
                batch.append(item.as_record())
            else:
                try:
                    art = _as_article(item, i)
                except (ValueError, TypeError) as exc:
                    batch.append(Record(id=f"doc-{i}", text="", errors=[str(exc)]))
                else:
                    batch.append(art)
            if len(batch) >= batch_size:
                yield from self._run_batch(batch)
                batch = []
        if batch:
            yield from self._run_batch(batch)

    def _run_batch(self, batch: list[Article | Record]) -> Iterator[Record]:
        arts = [b for b in batch if isinstance(b, Article) and b.text.strip()]
        prepared_docs = [self.make_doc(a) for a in arts]
        done: dict[int, Record] = {}
        try:
            docs = list(self.nlp.pipe([d for _, d in prepared_docs]))
            for art, (prep, _), doc in zip(arts, prepared_docs, docs):
                done[id(art)] = build_record(art, prep, doc)
        except Exception:  # one bad article must not sink the batch: redo one by one
            for art in arts:
                try:
                    done[id(art)] = self.extract_article(art)
                except Exception as exc:  # noqa: BLE001 - reported in the record
                    done[id(art)] = Record(id=art.id, text=art.text, date=art.date,
                                           source=art.source, title=art.title,
                                           errors=[f"pipeline failed: {type(exc).__name__}: {exc}"])
        for b in batch:
            if isinstance(b, Record):
                yield b
            elif id(b) in done:
                yield done[id(b)]
            else:
                yield self.extract_article(b)
