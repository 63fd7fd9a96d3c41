"""Speed of the park, company and gazetteer components against jieba segmentation.

Runs over the texts of ``corpus/`` (or the files given), repeated ``--repeat``
times, and prints for each of ``newsextract_gazetteer``, ``newsextract_parks``
and ``newsextract_companies`` the time per 10,000 characters and its ratio to
the reference measured in the same run: the tokenizer (jieba inside spaCy,
``nlp.make_doc``) on the same texts. A ratio of 0.5 means the component costs
half as much as segmenting the text. Usage::

    python scripts/bench_parks.py [--repeat 5] [FILE.txt ...]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COMPONENTS = ("newsextract_gazetteer", "newsextract_localities", "newsextract_parks", "newsextract_companies")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("files", nargs="*", type=Path, help="text files (default: corpus/*.txt)")
    parser.add_argument("--repeat", type=int, default=5, help="passes over the texts (default 5)")
    args = parser.parse_args(argv)

    from newsextract import Pipeline
    from newsextract.prepare import prepare

    files = args.files or sorted((ROOT / "corpus").glob("*.txt"))
    texts = [prepare(p.read_text(encoding="utf-8")).text for p in files]
    if not texts:
        print("error: no texts", file=sys.stderr)
        return 2
    nlp = Pipeline().nlp
    comps = [(name, nlp.get_pipe(name)) for name in COMPONENTS]
    chars = sum(map(len, texts)) * args.repeat
    for t in texts:  # warm up (jieba, caches)
        doc = nlp.make_doc(t)
        for _, c in comps:
            c(doc)
    spent = {name: 0.0 for name in ("tokenizer", *COMPONENTS)}
    for _ in range(args.repeat):
        for t in texts:
            t0 = time.perf_counter()
            doc = nlp.make_doc(t)
            spent["tokenizer"] += time.perf_counter() - t0
            for name, c in comps:
                t0 = time.perf_counter()
                c(doc)
                spent[name] += time.perf_counter() - t0
    ref = spent["tokenizer"]
    print(f"{len(texts)} texts, {chars} characters in {args.repeat} passes")
    print(f"{'component':<24} {'ms/10k chars':>12} {'ratio to tokenizer':>19}")
    for name, secs in spent.items():
        print(f"{name:<24} {secs / chars * 1e7:>12.2f} {secs / ref:>19.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
