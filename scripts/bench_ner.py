"""Benchmark the statistical NER: accuracy on public data and speed against bare jieba.

Prints
  * CLUENER2020 dev: strict F1 for company, government, organization, name,
    address (the model's COMPANY, ORG, ORG, PERSON, LOC; government and
    organization are both ORG in the model, so a predicted ORG counts for the
    gold type it overlaps — it is correct when its span matches a government
    or an organization span exactly) beside the published BiLSTM-CRF and
    BERT-CRF figures; and ``address as places``: the administrative units the
    place gazetteer finds inside CLUENER's address spans (our convention:
    ``北京市`` + ``海淀区``, each a LOC; what ``train_ner.py --cluener-address
    split`` teaches) against the predicted LOCs that overlap an address span;
  * People's Daily: strict F1 for PER, LOC, ORG (COMPANY counted as ORG) on
    the sentences held out from training (every ``--pd-holdout``-th one, the
    same split as ``scripts/train_ner.py``; pass ``--pd-holdout 0`` to score
    all of dev.bio, which then overlaps the training data);
  * ``--gold FILE``: strict F1 per label of the model alone on gold records;
  * speed: characters per second of the NER as the pipeline runs it
    (sentence by sentence, character docs, tok2vec + ner, batched) beside
    bare ``jieba.lcut`` on the same texts, in the same run (best of
    ``--rounds``). A softword model needs jieba's words: measured both with
    jieba run inside the NER and with the words given (as in the pipeline,
    where they are the main doc's tokens, already computed).

Usage::

    python scripts/bench_ner.py --cluener-dev ../shared/data/cluener/dev.json \\
        --pd ../shared/data/peoples_daily/dev.bio [--gold gold/dev.jsonl] [--model PATH]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from train_ner import configure_jieba_as_pipeline, place_matcher, read_bio, split_bio  # noqa: E402

BILSTM = {"company": 0.711, "government": 0.713, "organization": 0.733, "name": 0.715, "address": 0.474,
          "overall": 0.675}
BERT = {"company": 0.801, "government": 0.831, "organization": 0.803, "name": 0.874, "address": 0.641,
        "overall": 0.793}
CLUENER_TYPES = ("company", "government", "organization", "name", "address")
TYPE_LABEL = {"company": "COMPANY", "government": "ORG", "organization": "ORG", "name": "PERSON",
              "address": "LOC"}


def f1(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def predict(ner, texts: list[str]) -> list[list[tuple[int, int, str]]]:
    return [[(c.start, c.end, c.label) for c in ner._candidates(d)] for d in ner._run(texts)]


def bench_cluener(ner, path: Path) -> None:
    texts, golds = [], []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            texts.append(rec["text"])
            g = []
            for typ, ents in rec["label"].items():
                if typ in CLUENER_TYPES:
                    for offs in ents.values():
                        g += [(s, e + 1, typ) for s, e in offs]
            golds.append(g)
    preds = predict(ner, texts)
    matcher = place_matcher()
    addr_tp = addr_pred = addr_gold = 0
    for text, g, p in zip(texts, golds, preds):
        addrs = [(s, e) for s, e, t in g if t == "address"]
        units = {(hs, he) for hs, he, _, _ in matcher.find(text) if any(s <= hs and he <= e for s, e in addrs)}
        locs = {(ps, pe) for ps, pe, lab in p if lab == "LOC" and any(ps < e and s < pe for s, e in addrs)}
        addr_gold += len(units)
        addr_pred += len(locs)
        addr_tp += len(units & locs)
    tp, npred, ngold = Counter(), Counter(), Counter()
    for g, p in zip(golds, preds):
        gold_by_span = {(s, e): t for s, e, t in g}
        for _, _, t in g:
            ngold[t] += 1
        for s, e, lab in p:
            t = gold_by_span.get((s, e))
            if t is not None and TYPE_LABEL[t] == lab:
                tp[t] += 1
                npred[t] += 1
                continue
            # a wrong prediction counts against the type it claims (ORG: the
            # overlapping gold type if that is government, else organization)
            if lab == "ORG":
                ov = [tt for (gs, ge), tt in gold_by_span.items() if gs < e and s < ge and tt == "government"]
                npred["government" if ov else "organization"] += 1
            else:
                npred[{"COMPANY": "company", "PERSON": "name", "LOC": "address"}[lab]] += 1
    print(f"\nCLUENER2020 dev ({len(texts)} sentences), strict F1")
    print(f"{'type':<14}{'P':>7}{'R':>7}{'F1':>7}{'BiLSTM-CRF':>12}{'BERT-CRF':>10}")
    for t in CLUENER_TYPES:
        p, r, f = f1(tp[t], npred[t], ngold[t])
        print(f"{t:<14}{p:7.3f}{r:7.3f}{f:7.3f}{BILSTM[t]:12.3f}{BERT[t]:10.3f}")
    p, r, f = f1(sum(tp.values()), sum(npred.values()), sum(ngold.values()))
    print(f"{'overall(5)':<14}{p:7.3f}{r:7.3f}{f:7.3f}{BILSTM['overall']:12.3f}{BERT['overall']:10.3f}"
          "   (published overall covers all 10 CLUENER types)")
    p, r, f = f1(addr_tp, addr_pred, addr_gold)
    print(f"{'address as places':<14}{p:7.3f}{r:7.3f}{f:7.3f}   ({addr_gold} gazetteer places inside the address"
          " spans; predicted LOCs overlapping an address)")


def score_spans(golds, preds, labels) -> None:
    tp, npred, ngold = Counter(), Counter(), Counter()
    for g, p in zip(golds, preds):
        gs = set(g)
        for x in g:
            ngold[x[2]] += 1
        for x in p:
            npred[x[2]] += 1
            tp[x[2]] += x in gs
    print(f"{'label':<10}{'P':>7}{'R':>7}{'F1':>7}{'gold':>7}")
    for lab in labels:
        p, r, f = f1(tp[lab], npred[lab], ngold[lab])
        print(f"{lab:<10}{p:7.3f}{r:7.3f}{f:7.3f}{ngold[lab]:7d}")
    p, r, f = f1(sum(tp[x] for x in labels), sum(npred[x] for x in labels), sum(ngold[x] for x in labels))
    print(f"{'micro':<10}{p:7.3f}{r:7.3f}{f:7.3f}{sum(ngold[x] for x in labels):7d}")


def bench_pd(ner, path: Path, holdout: int) -> None:
    sents = read_bio(path)
    _, held = split_bio(sents, holdout)
    if not held:
        held = sents
        note = "ALL of dev.bio — overlaps the training data if the model was trained on it"
    else:
        note = f"held-out every {holdout}th sentence, not used in training"
    preds = predict(ner, [t for t, _ in held])
    m = {"PERSON": "PER", "LOC": "LOC", "ORG": "ORG", "COMPANY": "ORG"}
    preds = [[(s, e, m[lab]) for s, e, lab in p] for p in preds]
    print(f"\nPeople's Daily dev ({len(held)} sentences; {note}), strict F1; COMPANY counted as ORG")
    score_spans([sp for _, sp in held], preds, ("PER", "LOC", "ORG"))


def bench_gold(ner, path: Path) -> None:
    recs = [json.loads(line) for line in open(path, encoding="utf-8") if line.strip()]
    labels = ("COMPANY", "ORG", "LOC", "PERSON")
    golds = [[(e["start"], e["end"], e["label"]) for e in r["entities"] if e["label"] in labels] for r in recs]
    # the NER sees the prepared text (as in the pipeline); offsets are mapped back to the raw text
    from newsextract.prepare import prepare

    preps = [prepare(r["text"]) for r in recs]
    preds = [[(*pr.to_raw(s, e), lab) for s, e, lab in p]
             for pr, p in zip(preps, predict(ner, [pr.text for pr in preps]))]
    print(f"\n{path} ({len(recs)} records), the NER alone (no rules or gazetteers), strict F1")
    score_spans(golds, preds, labels)


def bench_speed(ner, texts: list[str], repeat: int, rounds: int = 3) -> None:
    import jieba

    from newsextract.recognizers.statistical import jieba_words

    texts = texts * repeat
    n = sum(map(len, texts))
    jieba.lcut(texts[0])
    ner._entities(texts[:10])

    def edges(text: str) -> list[int]:
        out, pos = [], 0
        for w in jieba_words(text):
            pos += len(w)
            out.append(pos)
        return out

    all_edges = [edges(t) for t in texts] if ner.softword else None
    best: dict[str, float] = {}
    for _ in range(rounds):
        t0 = time.perf_counter()
        for t in texts:
            jieba.lcut(t)
        best["jieba"] = min(best.get("jieba", 1e9), time.perf_counter() - t0)
        t0 = time.perf_counter()
        ner._entities(texts)
        best["ner"] = min(best.get("ner", 1e9), time.perf_counter() - t0)
        if all_edges is not None:
            t0 = time.perf_counter()
            ner._entities(texts, all_edges)
            best["ner_words"] = min(best.get("ner_words", 1e9), time.perf_counter() - t0)
    tj = best["jieba"]
    print(f"\nspeed on {n} characters ({len(texts)} texts, best of {rounds}):")
    print(f"  bare jieba.lcut      {n / tj:10.0f} chars/s")
    what = "statistical NER (jieba words computed inside)" if ner.softword else "statistical NER"
    print(f"  {what:<20} {n / best['ner']:10.0f} chars/s   ratio NER/jieba {tj / best['ner']:.3f}")
    if "ner_words" in best:
        print(f"  statistical NER (words given, as in the pipeline) {n / best['ner_words']:10.0f} chars/s"
              f"   ratio NER/jieba {tj / best['ner_words']:.3f}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--model", default="ner", help="model name under newsextract/models or a path")
    ap.add_argument("--cluener-dev", type=Path, help="CLUENER2020 dev.json")
    ap.add_argument("--pd", type=Path, help="People's Daily dev.bio")
    ap.add_argument("--pd-holdout", type=int, default=5)
    ap.add_argument("--gold", type=Path, help="gold records (gold/dev.jsonl)")
    ap.add_argument("--corpus", type=Path, default=Path(__file__).resolve().parent.parent / "corpus",
                    help="folder of .txt articles for the speed test")
    ap.add_argument("--repeat", type=int, default=5, help="repeat the corpus this many times for speed")
    ap.add_argument("--rounds", type=int, default=3, help="speed: best of this many rounds")
    ap.add_argument("--no-speed", action="store_true")
    args = ap.parse_args(argv)

    from newsextract.recognizers.statistical import StatisticalNER, model_path

    # jieba as in the pipeline (domain dictionary, gazetteer names): for
    # jieba-token and softword models, and the speed reference
    configure_jieba_as_pipeline()
    ner = StatisticalNER(model_path(args.model), batch_size=64)
    print("model:", ner.path)
    if args.cluener_dev:
        bench_cluener(ner, args.cluener_dev)
    if args.pd:
        bench_pd(ner, args.pd, args.pd_holdout)
    if args.gold:
        bench_gold(ner, args.gold)
    if not args.no_speed:
        texts = [p.read_text(encoding="utf-8") for p in sorted(args.corpus.glob("*.txt"))]
        if not texts:
            sys.exit(f"no .txt files in {args.corpus}")
        from newsextract.prepare import prepare

        bench_speed(ner, [prepare(t).text for t in texts], args.repeat, args.rounds)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
