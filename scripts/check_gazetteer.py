"""Check gazetteer surfaces against real text: how often each matches, and how often inside a word.

The gazetteer matcher (``recognizers/gazetteer.py``) matches characters,
leftmost-longest, with no word-boundary check, so a short alias that is also an
ordinary word or a common substring (``美的`` in ``最美的``, ``工行`` in
``施工行业``) produces false entities. This script runs the same
:class:`CharMatcher` (built from every packaged gazetteer plus the files given,
so a longer packaged name takes its characters first, as in the pipeline) over
reference texts and prints, for each checked surface:

- ``hits``: how many times the matcher returns it;
- ``inside``: the share of hits that lie strictly inside one longer jieba word
  (plain jieba dictionary, without the gazetteer names);
- ``cross``: the share that start or end inside a jieba word (straddling two
  words) without lying inside one;
- with ``--samples N``, N contexts per surface (the hit in 【】).

A high ``inside`` + ``cross`` share says the surface is mostly a part of other
words; read the samples before deciding. Texts (default: all three):
CLUENER train (``text`` of each line), People's Daily dev BIO (characters
joined per sentence) and the raw articles ``corpus/*.txt`` (one text a line).

Usage::

    python scripts/check_gazetteer.py src/newsextract/data/gazetteers/media.csv
    python scripts/check_gazetteer.py FILE.csv --min-len 2 --max-len 3 --samples 5 --sort inside
    python scripts/check_gazetteer.py FILE.csv --only 工行,建行 --samples 20
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CLUENER = ROOT.parent / "shared/data/cluener/train.json"
DEFAULT_PD = ROOT.parent / "shared/data/peoples_daily/dev.bio"
DEFAULT_CORPUS = ROOT / "corpus"


def cluener_texts(path: Path) -> Iterator[str]:
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield json.loads(line)["text"]


def bio_texts(path: Path) -> Iterator[str]:
    chars: list[str] = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\n")
            if not line.strip():
                if chars:
                    yield "".join(chars)
                chars = []
                continue
            chars.append(line.split()[0] if line.split() else " ")
    if chars:
        yield "".join(chars)


def corpus_texts(folder: Path) -> Iterator[str]:
    for path in sorted(folder.glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                yield line


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description="Per gazetteer surface (name or alias): match count in reference texts and the "
                    "share of matches that sit inside (or across) a longer jieba word.",
        epilog="Reads CLUENER train, People's Daily dev and corpus/*.txt unless told otherwise.")
    ap.add_argument("files", nargs="+", type=Path, help="gazetteer CSV/JSONL files whose surfaces to check")
    ap.add_argument("--min-len", type=int, default=2, help="shortest surface to check (default 2)")
    ap.add_argument("--max-len", type=int, default=3, help="longest surface to check (default 3)")
    ap.add_argument("--aliases-only", action="store_true", help="check aliases only, not the official names")
    ap.add_argument("--only", default="", help="comma-separated surfaces to check (overrides the length filter)")
    ap.add_argument("--samples", type=int, default=0, help="contexts to print per surface (default 0)")
    ap.add_argument("--width", type=int, default=12, help="characters of context each side (default 12)")
    ap.add_argument("--sort", choices=("hits", "inside", "name"), default="hits",
                    help="order of the table (default: most hits first)")
    ap.add_argument("--cluener", type=Path, default=DEFAULT_CLUENER, help="CLUENER train.json ('' to skip)")
    ap.add_argument("--peoples-daily", type=Path, default=DEFAULT_PD, help="People's Daily BIO file ('' to skip)")
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="folder of raw *.txt articles ('' to skip)")
    args = ap.parse_args(argv)

    import jieba

    from newsextract.recognizers.gazetteer import (
        CharMatcher,
        GazetteerError,
        _surface_map,
        default_files,
        read_gazetteer,
    )

    checked: dict[str, str] = {}  # surface → "file:name"
    only = {s.strip() for s in args.only.split(",") if s.strip()}
    try:
        for path in args.files:
            for entry in read_gazetteer(path):
                surfaces = list(entry.aliases) if args.aliases_only else entry.surfaces()
                for s in surfaces:
                    keep = s in only if only else args.min_len <= len(s) <= args.max_len
                    if keep:
                        checked.setdefault(s, f"{path.stem}:{entry.name}")
    except GazetteerError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if not checked:
        print("nothing to check (no surface within the length limits / --only)", file=sys.stderr)
        return 1
    given = [p.resolve() for p in args.files]
    files = [(p, "gazetteer") for p in args.files] + [
        (p, "gazetteer") for p in default_files() if p.resolve() not in given]
    matcher = CharMatcher(_surface_map(files, 2))

    sources = []
    if str(args.cluener) not in ("", ".") and args.cluener.is_file():
        sources.append(("cluener", cluener_texts(args.cluener)))
    if str(args.peoples_daily) not in ("", ".") and args.peoples_daily.is_file():
        sources.append(("pd", bio_texts(args.peoples_daily)))
    if str(args.corpus) not in ("", ".") and args.corpus.is_dir():
        sources.append(("corpus", corpus_texts(args.corpus)))
    if not sources:
        print("error: no reference text found", file=sys.stderr)
        return 2

    tok = jieba.Tokenizer()  # plain dictionary: the gazetteer names are not added
    jieba.setLogLevel(60)
    stats = {s: {"hits": 0, "inside": 0, "cross": 0, "samples": []} for s in checked}
    n_texts = 0
    for src_name, texts in sources:
        for text in texts:
            n_texts += 1
            hits = [(s, e) for s, e, _, _ in matcher.find(text) if text[s:e] in stats]
            if not hits:
                continue
            spans, pos = [], 0
            for w in tok.lcut(text, HMM=False):
                spans.append((pos, pos + len(w)))
                pos += len(w)
            for s, e in hits:
                st = stats[text[s:e]]
                st["hits"] += 1
                inside = any(a <= s and e <= b and b - a > e - s for a, b in spans)
                edges = {a for a, _ in spans} | {b for _, b in spans}
                if inside:
                    st["inside"] += 1
                elif s not in edges or e not in edges:
                    st["cross"] += 1
                if len(st["samples"]) < args.samples:
                    ctx = (text[max(0, s - args.width):s] + "【" + text[s:e] + "】"
                           + text[e:e + args.width])
                    st["samples"].append(f"{src_name}: {ctx}")

    def share(n: int, d: int) -> str:
        return f"{n / d:.2f}" if d else "-"

    order = sorted(stats, key=lambda s: {
        "hits": (-stats[s]["hits"], s),
        "inside": (-(stats[s]["inside"] + stats[s]["cross"]) / max(1, stats[s]["hits"]), s),
        "name": (s,),
    }[args.sort])
    print(f"# {n_texts} texts; {len(stats)} surfaces checked")
    print(f"{'surface':<10}\t{'hits':>5}\t{'inside':>6}\t{'cross':>5}\tentry")
    for s in order:
        st = stats[s]
        print(f"{s:<10}\t{st['hits']:>5}\t{share(st['inside'], st['hits']):>6}\t"
              f"{share(st['cross'], st['hits']):>5}\t{checked[s]}")
        for line in st["samples"]:
            print(f"    {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
