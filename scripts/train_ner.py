"""Train the statistical NER (COMPANY, ORG, LOC, PERSON) shipped in ``newsextract/models/ner``.

Builds spaCy DocBin training data from public corpora and trains a spaCy
``ner`` on a CNN ``tok2vec`` (config: ``scripts/ner_config.cfg``, derived from
``spacy init config --lang zh --pipeline ner --optimize efficiency``).

Sources and label mapping
  * CLUENER2020 ``train.json``: company → COMPANY; government, organization →
    ORG; name → PERSON; scene → unknown; game, book, movie, position → O.
    ``address`` is a postal address at its finest level, not a place name:
    ``--cluener-address split`` (default) teaches the administrative units
    inside it that the place gazetteer (``data/gazetteers/places``) knows as
    separate LOCs (our convention: ``北京市`` + ``海淀区``) and leaves the rest
    of the address *unknown* (neither entity nor O, so the model learns
    nothing from those characters); ``missing`` leaves the whole address
    unknown, ``loc`` takes it as one LOC.
    CLUENER also leaves plain place names (``中国``, ``北京`` outside an
    address) unlabelled, which would teach "not a place" against People's
    Daily and our guidelines: ``--cluener-places loc`` (default) labels the
    place-gazetteer names found outside every CLUENER span, on jieba word
    edges, as (silver) LOC; ``missing`` leaves them unknown; ``o`` as O.
  * People's Daily ``dev.bio`` (char BIO): PER → PERSON, LOC → LOC; its ORG
    mixes companies and other organisations, so it is left unknown
    (``--pd-org missing``, default), mapped to ORG (``org``) or to O (``o``).
    Every ``--pd-holdout``-th sentence (default every 5th) is held out for
    evaluation (``scripts/bench_ner.py`` scores on exactly those).
  * ``--gold gold/dev.jsonl`` (the project's adjudicated records): COMPANY,
    ORG, LOC, PERSON kept, PARK/DATE/FIGURE spans O; split at line breaks;
    repeated ``--gold-repeat`` times. Never pass gold/test.jsonl.

Tokens are characters (``--tokens char``; each token's NORM is the character
bigram starting at it, see :mod:`newsextract.recognizers.statistical`) or
jieba words with the domain dictionary (``--tokens jieba``; entities that do
not fall on jieba token edges become unknown and are counted). ``--softword``
(character tokens only) adds jieba word information: each character's
position B/M/E/S in its jieba word (TAG; ``pos``) and also the word itself
(LEMMA; ``pos+word``) are embedded beside the character, bigram and shape. jieba is set up exactly as
in the pipeline (domain dictionary and gazetteer names), so the words seen in
training are the words the pipeline's tokenizer gives.

Deterministic: fixed seed, data in file order, so the same data gives the same
model. Example (the shipped model)::

    python scripts/train_ner.py --cluener ../shared/data/cluener/train.json \\
        --cluener-dev ../shared/data/cluener/dev.json \\
        --pd ../shared/data/peoples_daily/dev.bio --gold gold/dev.jsonl \\
        --softword pos+word --width 64 --depth 2 --out /tmp/ner-train \\
        --install src/newsextract/models/ner

(defaults: width 48, depth 3, 2 maxout pieces, NER hidden width 48, 6000
steps, seed 0, model-last; about 12 minutes on one core. Same data and
settings give byte-identical weights.) spaCy's early stopping (``--patience``,
default the config's 1600 steps without a better dev score, checked every
1000) can end a run before ``--max-steps``; ``--patience 0`` turns it off. ``--install`` drops the vocabulary's strings the model does not
need (it reads hashes), keeping the package small.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

HERE = Path(__file__).resolve().parent
CONFIG = HERE / "ner_config.cfg"
LABELS = ("COMPANY", "ORG", "LOC", "PERSON")
CLUENER_MAP = {"company": "COMPANY", "government": "ORG", "organization": "ORG", "name": "PERSON"}
MISSING = "-"  # marks a span as unknown (no gradient) in the training docs

Span = tuple[int, int, str]  # start, end (exclusive), label or MISSING


# -- readers ---------------------------------------------------------------
def place_matcher():  # noqa: ANN201 - a newsextract CharMatcher
    """The pipeline's place gazetteer (names and aliases of two characters or more)."""
    from newsextract.recognizers.gazetteer import CharMatcher, _surface_map, place_files

    return CharMatcher(_surface_map([(p, "places") for p in place_files()], 2))


def read_cluener(path: Path, address: str = "missing", places: str = "o",
                 stats: Counter | None = None) -> Iterator[tuple[str, list[Span]]]:
    """(text, spans) from a CLUENER JSON-lines file, labels mapped (see module doc).

    ``address``: loc | missing | o | split; ``places``: o | missing | loc (the
    place-gazetteer names outside every CLUENER span)."""
    stats = stats if stats is not None else Counter()
    matcher = place_matcher() if address == "split" or places != "o" else None
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            rec = json.loads(line)
            text = rec["text"]
            spans: list[Span] = []
            covered: set[int] = set()
            hits = matcher.find(text) if matcher else []
            for typ, ents in (rec.get("label") or {}).items():
                for offsets in ents.values():
                    for s, e in offsets:
                        covered.update(range(s, e + 1))
                if typ in CLUENER_MAP:
                    lab = CLUENER_MAP[typ]
                elif typ == "address":
                    lab = {"loc": "LOC", "missing": MISSING, "split": "split"}.get(address)
                elif typ == "scene":
                    lab = MISSING
                else:
                    lab = None
                if lab is None:
                    continue
                for offsets in ents.values():
                    for s, e in offsets:
                        if lab == "split":
                            spans += split_address(s, e + 1, hits, stats)
                        else:
                            spans.append((s, e + 1, lab))
            if places != "o" and hits:
                edges = None
                for s, e, _, _ in hits:
                    if covered.intersection(range(s, e)):
                        continue
                    if edges is None:
                        edges = word_edges(text)
                    if s in edges and e in edges:
                        spans.append((s, e, "LOC" if places == "loc" else MISSING))
                        stats["cluener_silver_places"] += 1
            yield text, sorted(spans)


def word_edges(text: str) -> set[int]:
    from newsextract.recognizers.statistical import jieba_words

    edges, pos = {0}, 0
    for w in jieba_words(text):
        pos += len(w)
        edges.add(pos)
    return edges


def split_address(s: int, e: int, hits: list, stats: Counter) -> list[Span]:
    """An address span as the gazetteer places inside it (LOC) and unknown pieces between them."""
    out: list[Span] = []
    pos = s
    for hs, he, _, _ in hits:
        if hs >= s and he <= e:
            if hs > pos:
                out.append((pos, hs, MISSING))
            out.append((hs, he, "LOC"))
            stats["cluener_address_places"] += 1
            pos = he
    if pos < e:
        out.append((pos, e, MISSING))
    return out


def read_bio(path: Path) -> list[tuple[str, list[tuple[int, int, str]]]]:
    """Sentences of a char BIO file as (text, [(start, end, PER|LOC|ORG)])."""
    out = []
    chars: list[str] = []
    tags: list[str] = []

    def flush() -> None:
        if chars:
            spans, start, lab = [], None, None
            for i, t in enumerate([*tags, "O"]):
                if t.startswith("I-") and lab == t[2:]:
                    continue
                if start is not None:
                    spans.append((start, i, lab))
                start, lab = (i, t[2:]) if t[:2] in ("B-", "I-") else (None, None)
            out.append(("".join(chars), spans))
        chars.clear()
        tags.clear()

    with open(path, encoding="utf-8") as fh:
        for line in fh:
            parts = line.split()
            if not parts:
                flush()
                continue
            chars.append(parts[0] if len(parts) == 2 else " ")
            tags.append(parts[-1])
    flush()
    return out


def split_bio(sents: list, holdout: int) -> tuple[list, list]:
    """(train, held-out): every ``holdout``-th sentence (index % holdout == 0) is held out."""
    if holdout <= 0:
        return list(sents), []
    train = [s for i, s in enumerate(sents) if i % holdout != 0]
    held = [s for i, s in enumerate(sents) if i % holdout == 0]
    return train, held


PD_MAP = {"PER": "PERSON", "LOC": "LOC"}


def map_pd(spans: list[tuple[int, int, str]], org: str) -> list[Span]:
    out: list[Span] = []
    for s, e, lab in spans:
        if lab in PD_MAP:
            out.append((s, e, PD_MAP[lab]))
        elif lab == "ORG":
            if org == "org":
                out.append((s, e, "ORG"))
            elif org == "missing":
                out.append((s, e, MISSING))
    return out


def read_gold(path: Path) -> Iterator[tuple[str, list[Span]]]:
    """Gold records as the NER sees them: the *prepared* text (layout repaired,
    half-width, Simplified; :func:`newsextract.prepare.prepare`) split into
    lines, with the COMPANY/ORG/LOC/PERSON spans mapped onto it; PARK, DATE and
    FIGURE spans are O."""
    from bisect import bisect_left

    from newsextract.prepare import prepare

    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            rec = json.loads(line)
            prep = prepare(rec["text"])
            idx = prep.raw_index
            ents = []
            for e in rec.get("entities", []):
                if e["label"] in LABELS:
                    s, t = bisect_left(idx, e["start"]), bisect_left(idx, e["end"])
                    if s < t:
                        ents.append((s, t, e["label"]))
            text = prep.text
            pos = 0
            for chunk in text.split("\n"):
                end = pos + len(chunk)
                if chunk.strip():
                    spans = [(s - pos, e - pos, lab) for s, e, lab in ents if s >= pos and e <= end]
                    yield chunk, spans
                pos = end + 1


def prune_strings(model_dir: Path) -> None:
    """Keep only the strings the model needs: its labels (the embeddings read
    hashes, so the character, bigram and word strings are dead weight)."""
    path = model_dir / "vocab" / "strings.json"
    strings = json.loads(path.read_text(encoding="utf-8"))
    keep = [s for s in strings if s in LABELS or s in ("B", "M", "E", "S")]
    path.write_text(json.dumps(keep, ensure_ascii=False), encoding="utf-8")


# -- docs ------------------------------------------------------------------
def make_docs(nlp, items, tokens: str, stats: Counter, softword: bool = False) -> list:
    """spaCy Docs with gold entities (unknown spans left missing)."""
    from spacy.tokens import Doc

    from newsextract.recognizers.statistical import char_doc

    docs = []
    for text, spans in items:
        if tokens == "char":
            doc = char_doc(nlp.vocab, text, softword=softword)
        else:
            import jieba

            words = [w for w in jieba.lcut(text, HMM=True) if w]
            doc = Doc(nlp.vocab, words=words, spaces=[False] * len(words))
        ents, missing, taken = [], [], set()
        for s, e, lab in sorted(spans, key=lambda x: (x[0], -x[1])):
            if any(i in taken for i in range(s, e)):
                continue
            span = doc.char_span(s, e, label=0 if lab == MISSING else lab)
            if span is None:  # not token-aligned: unknown
                stats["misaligned"] += 1
                span = doc.char_span(s, e, alignment_mode="expand")
                if span is None:
                    continue
                missing.append(span)
            elif lab == MISSING:
                missing.append(span)
            else:
                ents.append(span)
                stats[lab] += 1
            taken.update(range(span.start_char, span.end_char))
        # missing spans must not overlap entities
        ent_toks = {t.i for sp in ents for t in sp}
        missing = [m for m in missing if not any(t.i in ent_toks for t in m)]
        doc.set_ents(ents, missing=missing, default="outside")
        docs.append(doc)
    return docs


def configure_jieba_as_pipeline() -> None:
    """Set up jieba (process-global) as the default pipeline does: the domain
    dictionary and every name the recognisers add, by building the pipeline
    without its statistical NER."""
    from newsextract.pipeline import build_nlp, load_config

    cfg = load_config()
    name = "newsextract_statistical_ner"
    cfg["nlp"]["pipeline"] = [p for p in cfg["nlp"]["pipeline"] if p != name]
    cfg["components"].pop(name, None)
    build_nlp(cfg)


def build(args: argparse.Namespace) -> tuple[list, list, Counter]:
    import spacy

    if args.tokens == "jieba" or args.softword or args.cluener_places != "o":
        configure_jieba_as_pipeline()
    nlp = spacy.blank("zh")
    stats: Counter = Counter()
    train_items: list = []
    if args.cluener:
        items = list(read_cluener(Path(args.cluener), args.cluener_address, args.cluener_places, stats))
        train_items += items
        stats["cluener_sents"] = len(items)
    if args.pd:
        tr, _ = split_bio(read_bio(Path(args.pd)), args.pd_holdout)
        pd_items = [(t, map_pd(sp, args.pd_org)) for t, sp in tr]
        train_items += pd_items * args.pd_repeat
        stats["pd_sents"] = len(pd_items)
    if args.gold:
        if "test" in Path(args.gold).name:
            sys.exit("refusing to train on a test set")
        g = list(read_gold(Path(args.gold)))
        train_items += g * args.gold_repeat
        stats["gold_lines"] = len(g)
    docs = make_docs(nlp, train_items, args.tokens, stats, bool(args.softword))
    random.Random(args.seed).shuffle(docs)
    # a small dev set for spaCy's progress log only (CLUENER dev, first 300)
    dev_items = []
    if args.cluener_dev:
        dev_items = list(read_cluener(Path(args.cluener_dev), "loc"))[:300]
    dev = make_docs(nlp, dev_items, args.tokens, Counter(), bool(args.softword))
    return docs, dev, stats


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cluener", help="CLUENER2020 train.json")
    ap.add_argument("--cluener-dev", help="CLUENER2020 dev.json (only for spaCy's progress log)")
    ap.add_argument("--cluener-address", choices=["split", "loc", "missing", "o"], default="split")
    ap.add_argument("--cluener-places", choices=["loc", "missing", "o"], default="loc",
                    help="place-gazetteer names outside every CLUENER span")
    ap.add_argument("--pd", help="People's Daily char BIO file (dev.bio)")
    ap.add_argument("--pd-org", choices=["missing", "org", "o"], default="missing")
    ap.add_argument("--pd-holdout", type=int, default=5, help="hold out every Nth PD sentence (0: none)")
    ap.add_argument("--pd-repeat", type=int, default=1)
    ap.add_argument("--gold", help="gold/dev.jsonl (never the test set)")
    ap.add_argument("--gold-repeat", type=int, default=3)
    ap.add_argument("--tokens", choices=["char", "jieba"], default="char")
    ap.add_argument("--softword", choices=["pos", "pos+word"],
                    help="char tokens: also embed each character's position B/M/E/S in its jieba word "
                         "(TAG; pos) and the word itself (LEMMA; pos+word)")
    ap.add_argument("--out", required=True, help="work folder (DocBins, checkpoints)")
    ap.add_argument("--install", help="copy the final model here (e.g. src/newsextract/models/ner)")
    ap.add_argument("--max-steps", type=int, default=6000)
    ap.add_argument("--patience", type=int,
                    help="stop after this many steps without a better dev score (0: never; default: the "
                         "config's 1600, which can end a run before --max-steps)")
    ap.add_argument("--checkpoint", choices=["last", "best"], default="last",
                    help="install model-last, or model-best (the best spaCy dev score: the first 300 "
                         "CLUENER dev sentences, so CLUENER dev scores of a model-best are optimistic)")
    ap.add_argument("--width", type=int, default=48)
    ap.add_argument("--depth", type=int, default=3)
    ap.add_argument("--pieces", type=int, default=2, help="maxout pieces of the tok2vec encoder")
    ap.add_argument("--hidden", type=int, default=48, help="hidden width of the NER transition model")
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args(argv)
    if not (args.cluener or args.pd or args.gold):
        ap.error("give at least one of --cluener, --pd, --gold")
    if args.softword and args.tokens != "char":
        ap.error("--softword needs --tokens char")

    from spacy.cli.train import train
    from spacy.tokens import DocBin
    from thinc.api import fix_random_seed

    fix_random_seed(args.seed)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    docs, dev, stats = build(args)
    DocBin(docs=docs, store_user_data=False).to_disk(out / "train.spacy")
    DocBin(docs=dev or docs[:200], store_user_data=False).to_disk(out / "dev.spacy")
    print("training data:", dict(sorted(stats.items())), "docs:", len(docs), flush=True)

    overrides = {
        "paths.train": str(out / "train.spacy"),
        "paths.dev": str(out / "dev.spacy"),
        "system.seed": args.seed,
        "training.seed": args.seed,
        "training.max_steps": args.max_steps,
        "components.tok2vec.model.encode.width": args.width,
        "components.tok2vec.model.encode.depth": args.depth,
        "components.tok2vec.model.encode.maxout_pieces": args.pieces,
        "components.ner.model.hidden_width": args.hidden,
    }
    if args.patience is not None:
        overrides["training.patience"] = args.patience
    if args.tokens == "jieba":
        overrides["nlp.tokenizer"] = {"@tokenizers": "spacy.zh.ChineseTokenizer", "segmenter": "jieba"}
    if args.softword:
        overrides["nlp.tokenizer"] = {"@tokenizers": "newsextract.char_softword_tokenizer.v1"}
        attrs, rows = ["ORTH", "NORM", "SHAPE", "TAG"], [6000, 20000, 200, 50]
        if args.softword == "pos+word":
            attrs, rows = [*attrs, "LEMMA"], [*rows, 20000]
        overrides["components.tok2vec.model.embed.attrs"] = attrs
        overrides["components.tok2vec.model.embed.rows"] = rows
    import newsextract.recognizers.statistical  # noqa: F401  (registers the char tokenizer)

    train(CONFIG, out / "model", overrides=overrides, use_gpu=-1)
    best = out / "model" / f"model-{args.checkpoint}"
    if args.install:
        dest = Path(args.install)
        if dest.exists():
            shutil.rmtree(dest)
        shutil.copytree(best, dest)
        prune_strings(dest)
        meta = dest / "meta.json"
        m = json.loads(meta.read_text(encoding="utf-8"))
        m.update({"name": "newsextract_ner", "version": "0.1.0",
                  "description": "newsextract statistical NER (COMPANY, ORG, LOC, PERSON); see MODEL.md",
                  "training_data": dict(sorted(stats.items())), "training_args": vars(args)})
        meta.write_text(json.dumps(m, ensure_ascii=False, indent=2), encoding="utf-8")
        print("installed", dest)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
