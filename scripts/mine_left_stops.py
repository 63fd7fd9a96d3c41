"""Candidates for ``data/companies/left_stops.txt``: words that introduce a name.

Walking left from a company or agency suffix, the name grammar has to know
where the name starts. This script counts, in CLUENER2020 ``train.json``, the
jieba token written right before a company, organization or government span
(token-aligned), and prints the words that precede such a span at least
``--min-count`` times and lie inside a span of any kind in at most
``--max-inside`` of their occurrences (so they are not name words). The list is
then curated by hand: sports words and anything that can start a name are left
out (see the file's header). Usage::

    python scripts/mine_left_stops.py --cluener ../shared/data/cluener/train.json
"""

from __future__ import annotations

import argparse
import collections
import json
import sys
from pathlib import Path

NAME_LABELS = ("company", "organization", "government")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--cluener", type=Path, required=True, help="CLUENER2020 train.json")
    ap.add_argument("--min-count", type=int, default=3)
    ap.add_argument("--max-inside", type=float, default=0.02)
    args = ap.parse_args(argv)
    if not args.cluener.is_file():
        print(f"error: {args.cluener} not found", file=sys.stderr)
        return 2

    import jieba.posseg

    from newsextract import Pipeline
    from newsextract.recognizers import namegrammar as ng

    nlp = Pipeline().nlp
    before: collections.Counter[str] = collections.Counter()
    inside: collections.Counter[str] = collections.Counter()
    total: collections.Counter[str] = collections.Counter()
    with open(args.cluener, encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            spans = [(s, e + 1, lab) for lab, ents in row.get("label", {}).items()
                     for offs in ents.values() for s, e in offs]
            name_starts = {s for s, _, lab in spans if lab in NAME_LABELS}
            toks = [(t.idx, t.idx + len(t.text), t.text) for t in nlp.make_doc(row["text"])]
            for i, (s, e, w) in enumerate(toks):
                total[w] += 1
                in_span = any(a <= s and e <= b for a, b, _ in spans)
                inside[w] += in_span
                if not in_span and e in name_starts and i + 1 < len(toks) and toks[i + 1][0] == e:
                    before[w] += 1
    stops = set(ng.read_list(ng.DATA / "parks" / "stopwords.txt"))
    tags = jieba.posseg.dt.word_tag_tab
    print("word\tbefore_name\toccurrences\tinside_share\tjieba_tag")
    for w, n in sorted(before.items(), key=lambda kv: (-kv[1], kv[0])):
        share = inside[w] / max(1, total[w])
        if n < args.min_count or share > args.max_inside or len(w) < 2 or w in stops:
            continue
        if tags.get(w) in ng.STOP_TAGS:
            continue  # the grammar stops there already
        print(f"{w}\t{n}\t{total[w]}\t{share:.3f}\t{tags.get(w, '')}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
