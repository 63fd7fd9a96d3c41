"""``newsextract segment``: tokens and sentences, with offsets into the text as given."""

from __future__ import annotations

import argparse
import json
import sys

from . import add_pipeline_options, iso_date


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "segment", help="print the tokens and sentences of articles",
        description=(
            "Segment articles with the pipeline's tokenizer (jieba with the domain dictionary) "
            "and sentence splitter. Text format: one sentence a line, tokens separated by "
            "spaces. JSONL format: one sentence a line with its tokens and their offsets into "
            "the text exactly as given."
        ),
    )
    p.add_argument("inputs", nargs="+", metavar="FILE", help=".txt file, .jsonl file or folder")
    p.add_argument("--format", choices=["text", "jsonl"], default="text")
    p.add_argument("--date", type=iso_date, metavar="YYYY-MM-DD", help=argparse.SUPPRESS)
    add_pipeline_options(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..io import InputError, iter_articles
    from ..pipeline import build_nlp, load_config
    from ..prepare import prepare
    from ..segment import SentenceSplitter

    nlp = build_nlp(load_config(args.config), args.user_dict)
    splitter = SentenceSplitter()
    failed = 0
    for item in iter_articles(args.inputs, args.date):
        if isinstance(item, InputError):
            print(f"error: {item}", file=sys.stderr)
            failed += 1
            continue
        prepared = prepare(item.text)
        doc = splitter(nlp.make_doc(prepared.text))
        if args.format == "text":
            print(f"# {item.id}")
        for sent in doc.sents:
            toks = [t for t in sent if not t.is_space]
            if not toks:
                continue
            if args.format == "text":
                print(" ".join(t.text for t in toks))
                continue
            s, e = prepared.to_raw(toks[0].idx, toks[-1].idx + len(toks[-1].text))
            tokens = []
            for t in toks:
                ts, te = prepared.to_raw(t.idx, t.idx + len(t.text))
                tokens.append({"text": item.text[ts:te], "start": ts, "end": te})
            print(json.dumps({"id": item.id, "start": s, "end": e, "text": item.text[s:e],
                              "tokens": tokens}, ensure_ascii=False))
    return 1 if failed else 0
